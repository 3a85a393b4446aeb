"""`journeyspec serve`: a real live-reload server that rebuilds when a journey file changes,
and always answers: an invalid file shows the last good build with the errors on top."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:  # an answer all the same (the error page)
        return str(error.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


def wait_without(url: str, text: str, seconds: float = 60) -> bool:
    """Whether ``url`` answers without ``text`` within ``seconds`` (an answer is needed)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page and text not in page:
            return True
        time.sleep(0.3)
    return False


@contextmanager
def serving(project: Path) -> Iterator[str]:
    """A real `journeyspec serve` on a free loopback port, always stopped afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "journeyspec", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


@pytest.fixture
def served(minimal_project: Path) -> Iterator[str]:
    with serving(minimal_project) as url:
        yield url


BANNER = 'id="journeyspec-preview-errors"'
TITLE_ERROR = "journeys/first-purchase.yaml:3:8: error[schema]: `title` must be text, not a mapping"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_rebuilds_when_a_journey_changes(minimal_project: Path, served: str) -> None:
    page = served + "journeys/first-purchase/"
    assert wait_for(page, "First purchase")
    journey = minimal_project / "journeys/first-purchase.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace(
            "title: First purchase", "title: First purchase, revised"
        ),
        encoding="utf-8",
    )
    assert wait_for(page, "First purchase, revised")
    assert not (minimal_project / "site").exists()  # the preview never touches site/


def test_an_invalid_file_shows_the_last_good_build_with_the_errors(
    minimal_project: Path, served: str
) -> None:
    page = served + "journeys/first-purchase/"
    assert wait_for(page, "First purchase")
    assert BANNER not in fetch(page)
    journey = minimal_project / "journeys/first-purchase.yaml"
    edit(journey, "title: First purchase", "title: {}")
    assert wait_for(page, BANNER)
    shown = fetch(page)
    assert TITLE_ERROR in shown  # file:line:col, escaped text
    assert "these pages are the last good build" in shown
    assert "Searches for software" in shown  # the last good journey page, still there
    assert BANNER in fetch(served)  # on every page, the home page too
    # Every request is answered while the file stays broken (MkDocs' server hung here).
    assert fetch(served + "personas/budi/")
    edit(journey, "title: {}", "title: First purchase, fixed")
    assert wait_without(page, BANNER)
    assert "First purchase, fixed" in fetch(page)


def test_serve_starts_while_a_file_is_invalid(minimal_project: Path) -> None:
    journey = minimal_project / "journeys/first-purchase.yaml"
    edit(journey, "title: First purchase", "title: {}")
    with serving(minimal_project) as url:
        assert wait_for(url, BANNER)
        home = fetch(url)
        assert TITLE_ERROR in home
        assert "no site could be built yet" in home
        edit(journey, "title: {}", "title: First purchase")
        assert wait_for(url + "journeys/first-purchase/", "Searches for software")
        assert BANNER not in fetch(url + "journeys/first-purchase/")


def test_a_broken_config_saved_while_serving_shows_an_error_page(
    minimal_project: Path, served: str
) -> None:
    page = served + "journeys/first-purchase/"
    assert wait_for(page, "First purchase")
    config = minimal_project / "journeyspec.yaml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "bogus: [\n", encoding="utf-8")
    assert wait_for(served, "The preview could not be built")
    assert "journeyspec.yaml:4:1: error[syntax]: YAML syntax error" in fetch(served)
    assert "The preview could not be built" in fetch(page)  # every path answers
    assert "livereload(" in fetch(page)  # and reloads by itself once fixed
    assert "The preview could not be built" in fetch(served + "no/such/page/")
    config.write_text(good, encoding="utf-8")
    assert wait_for(page, "Searches for software")


def test_the_browser_shows_the_banner_and_reloads_to_the_fix(
    minimal_project: Path, served: str
) -> None:
    from tests.browser import chromium

    page_url = served + "journeys/first-purchase/"
    assert wait_for(page_url, "First purchase")
    journey = minimal_project / "journeys/first-purchase.yaml"
    with chromium() as browser:
        page = browser.new_page()
        page.goto(page_url)
        banner = page.locator("#journeyspec-preview-errors")
        assert banner.count() == 0
        edit(journey, "title: First purchase", "title: {}")
        # Live reload: the open page reloads by itself and shows the errors.
        banner.wait_for(state="visible", timeout=60_000)
        assert TITLE_ERROR in banner.inner_text()
        edit(journey, "title: {}", "title: First purchase, fixed")
        banner.wait_for(state="detached", timeout=60_000)
        # The page reloads once its own page is rendered, and again with the rest of the site.
        page.locator("h1", has_text="First purchase, fixed").wait_for(timeout=60_000)
        assert page.locator("#journeyspec-preview-errors").count() == 0


def test_open_pages_reload_to_an_edit_the_journey_first_then_the_portfolio(
    minimal_project: Path, served: str
) -> None:
    from tests.browser import chromium

    page_url = served + "journeys/first-purchase/"
    assert wait_for(page_url, "First purchase")
    journey = minimal_project / "journeys/first-purchase.yaml"
    with chromium() as browser:
        page, index = browser.new_page(), browser.new_page()
        page.goto(page_url)
        index.goto(served + "journeys/")
        edit(journey, "title: First purchase", "title: First purchase, revised")
        # Neither page is loaded again by the test: live reload brings the edit to both.
        page.locator("h1", has_text="First purchase, revised").wait_for(timeout=60_000)
        index.locator("a", has_text="First purchase, revised").first.wait_for(timeout=60_000)
    # Written last, once every page is: the search finds the new title.
    assert wait_for(served + "search/search_index.json", "First purchase, revised")


def test_the_banner_escapes_what_the_files_hold_and_lists_at_most_twenty() -> None:
    from journeyspec.findings import Finding
    from journeyspec.site.plugin import banner

    hostile = Finding("journeys/<b>x</b>.yaml", 3, 8, "schema", "<script>alert(1)</script>\u202e")
    shown = banner([hostile], stale=True)
    assert "<script>" not in shown and "<b>" not in shown
    assert "journeys/&lt;b&gt;x&lt;/b&gt;.yaml:3:8: error[schema]: &lt;script&gt;" in shown
    assert "\u202e" not in shown  # bidi controls shown as markers, never raw
    many = [Finding("journeys/a.yaml", n, 1, "schema", f"problem {n}") for n in range(1, 26)]
    shown = banner(many, stale=False)
    assert shown.count("<li>") == 21
    assert "The project has 25 errors: no site could be built yet" in shown
    assert "<li>and 5 more: run <code>journeyspec validate</code></li>" in shown
    assert banner([], stale=True) == ""
