"""Hostile text in journeys reaches the site as text: never markup, links or templates."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journeyspec.project import load_config
from journeyspec.site.build import build_site
from journeyspec.site.text import link, md_inline, safe_url
from tests.conftest import MINIMAL_FILES, write_files

HOSTILE = (
    '<script>window.pwned=1</script> *bold* [x](javascript:alert(1)) {: onclick="x"} {{ 7*7 }}'
)
DESCRIPTION = "First paragraph {% raw %}\n\n<img src=x onerror=alert(1)>\n\n# not a heading"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    journey = MINIMAL_FILES["journeys/first-purchase.yaml"]
    journey = journey.replace("title: First purchase", f"title: '{HOSTILE}'")
    journey = journey.replace(
        "owner: marketing\n", f"owner: marketing\n        description: {DESCRIPTION!r}\n", 1
    ).replace("name: Searches for software", f"name: '{HOSTILE}'")
    files = {**MINIMAL_FILES, "journeys/first-purchase.yaml": journey}
    files["personas/budi.yaml"] = files["personas/budi.yaml"].replace(
        "name: Budi", "name: '<b>Budi</b> & [co](http://evil.example)'"
    )
    files["journeyspec.yaml"] = "journeyspec: 1\nname: 'R&D <b>journeys</b>'\n"
    write_files(root, files)
    return build_site(load_config(root)).site_dir


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]


def event_handlers(html: str) -> list[str]:
    """Real ``on…`` attributes in the page (escaped text inside values does not count)."""
    parser = _Attributes()
    parser.feed(html)
    return parser.handlers


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path", ["journeys/first-purchase/index.html", "index.html", "journeys/index.html"]
)
def test_hostile_title_is_text_everywhere(hostile_site: Path, path: str) -> None:
    html = page(hostile_site, path)
    assert "<script>window.pwned" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert event_handlers(html) == []
    assert "{{ 7*7 }}" in html  # shown, never evaluated
    assert ">49<" not in html


def test_hostile_description_stays_inside_its_block(hostile_site: Path) -> None:
    html = page(hostile_site, "journeys/first-purchase/index.html")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{% raw %}" in html
    assert not re.search(r"<h1[^>]*>not a heading", html)


def test_hostile_persona_name_is_text(hostile_site: Path) -> None:
    html = page(hostile_site, "personas/budi/index.html")
    assert "<b>Budi</b>" not in html
    assert "&lt;b&gt;Budi&lt;/b&gt; &amp; [co](http://evil.example)" in html
    assert 'href="http://evil.example"' not in html


def test_title_tag_carries_the_escaped_title(hostile_site: Path) -> None:
    html = page(hostile_site, "journeys/first-purchase/index.html")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert "<script>" not in title.group(1)


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/a?b=1", True),
        ("http://example.com", True),
        ("mailto:team@example.com", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<b>", False),
        ("vbscript:x", False),
        ("https://exa mple.com", False),
        ("//evil.example", False),
        ("", False),
    ],
)
def test_only_safe_schemes_become_links(url: str, safe: bool) -> None:
    assert (safe_url(url) is not None) is safe
    assert ("<a " in link(url, "label")) is safe


def test_markdown_specials_are_escaped() -> None:
    assert md_inline("*a* _b_ [c](d) # e <f> & {: g}") == (
        r"\*a\* \_b\_ \[c\]\(d\) \# e &lt;f&gt; &amp; \{: g\}"
    )


def test_project_name_is_escaped_once(hostile_site: Path) -> None:
    html = page(hostile_site, "index.html")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert heading is not None
    assert heading.group(1).startswith("R&amp;D &lt;b&gt;journeys&lt;/b&gt;")
    assert "&amp;amp;" not in html
    assert "<b>journeys</b>" not in html
