"""The live preview's incremental rebuild: after an edit of a journey, the site it renders
page by page is byte for byte the site a full build of the edited project gives.

The preview (``LiveSite``) runs in this process with real MkDocs, Graphviz and search; the
reference is built from scratch in a fresh process each time, so no state is shared.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent import futures
from pathlib import Path

import pytest
from mkdocs.config import load_config as load_mkdocs
from mkdocs.config.defaults import MkDocsConfig

from journeyspec.project import load_config
from journeyspec.site.build import mkdocs_settings
from journeyspec.site.livesite import LiveSite
from journeyspec.site.plugin import BANNER_ID, SLOT
from tests.conftest import REPO
from tests.site.conftest import copy_example

pytestmark = pytest.mark.slow

URL = "http://127.0.0.1:8000/"
JOURNEY = "journeys/accounting-software-first-purchase.yaml"
PAGE = "journeys/accounting-software-first-purchase/index.html"


def config_loader(project: Path, site: Path, work: Path) -> Callable[[], MkDocsConfig]:
    settings = mkdocs_settings(load_config(project), work)

    def load() -> MkDocsConfig:
        config = load_mkdocs(site_dir=str(site), **settings)
        config.site_url = URL
        return config

    return load


def _loader(project: Path, site: Path, work: Path) -> tuple[MkDocsConfig, LiveSite]:
    load = config_loader(project, site, work)
    config = load()
    config.plugins.on_startup(command="serve", dirty=False)
    return config, LiveSite(load, lambda: None, lambda: False, lambda: None)


def reference(project: str, site: str, work: str) -> None:
    """Entry point of the reference process: one full preview build."""
    config, live = _loader(Path(project), Path(site), Path(work))
    live.rebuild(config)
    settle(live)


def full_build(project: Path, site: Path, work: Path) -> None:
    code = "import sys; from tests.site.test_site_live import reference; reference(*sys.argv[1:])"
    subprocess.run(
        [sys.executable, "-c", code, str(project), str(site), str(work)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )


def differences(ours: Path, theirs: Path) -> list[str]:
    """The files that are missing, extra or different in ``ours`` against ``theirs``."""
    mine = {p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file()}
    wanted = {p.relative_to(theirs).as_posix() for p in theirs.rglob("*") if p.is_file()}
    found = [f"missing {p}" for p in sorted(wanted - mine)]
    found += [f"extra {p}" for p in sorted(mine - wanted)]
    found += [
        f"differs {p}"
        for p in sorted(mine & wanted)
        if (ours / p).read_bytes() != (theirs / p).read_bytes()
    ]
    return found


@pytest.fixture
def preview(tmp_path: Path, pinned_today: None) -> Iterator[tuple[Path, Path, LiveSite]]:
    """The example project, its preview built once, and the preview's site folder."""
    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    config, live = _loader(project, site, tmp_path / "work")
    live.rebuild(config)
    assert live.last == "full"
    yield project, site, live
    # MkDocs keeps these plugins for the whole process: leave them as a build expects.
    load_mkdocs(config_file=str(project / "mkdocs.yml")).plugins.on_startup(
        command="build", dirty=False
    )


def settle(live: LiveSite) -> None:
    """Let the portfolio pages, planned in the background, be rendered (as the server's
    rebuild does when the planning asks for one)."""
    while live.unfinished:
        if live.planning is not None:
            futures.wait([live.planning.future])
        live.rebuild()


def rebuilt(live: LiveSite) -> str:
    """What a rebuild of the preview did ("full", "pages", "banner" or "nothing"), once
    the portfolio pages it left for the background are rendered too."""
    live.rebuild()
    done = live.last
    settle(live)
    return done


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check_same_as_full_build(project: Path, site: Path, tmp_path: Path, name: str) -> None:
    reference_site = tmp_path / f"reference-{name}"
    full_build(project, reference_site, tmp_path / f"work-{name}")
    assert differences(site, reference_site) == []


PAIN = """  - id: hidden-pricing
    title: Prices are hidden behind a sales call
"""
EDITS = {
    "step renamed": ("name: Builds a shortlist", "name: Draws up a shortlist"),
    # The journey is the parent of another and the current state of a third: both show it.
    "stage renamed": ("name: Decision", "name: Choosing"),
    "title changed": (
        "title: First purchase of Ledgerly accounting software",
        "title: Buying Ledgerly",
    ),
    "pain point added": (
        PAIN,
        PAIN.replace("hidden-pricing", "pricing-call").replace("hidden behind", "only told on")
        + "    step: looks-for-price\n    severity: workaround\n"
        + PAIN,
    ),
    "emotion score changed": (
        "emotion: {score: -2, label: frustrated",
        "emotion: {score: 1, label: frustrated",
    ),
}


@pytest.mark.parametrize("what", list(EDITS))
def test_an_edit_renders_the_same_site_as_a_full_build(
    preview: tuple[Path, Path, LiveSite], tmp_path: Path, what: str
) -> None:
    project, site, live = preview
    before = (site / PAGE).read_bytes()
    old, new = EDITS[what]
    edit(project / JOURNEY, old, new)
    assert rebuilt(live) == "pages"  # rendered page by page, not built again
    assert (site / PAGE).read_bytes() != before
    check_same_as_full_build(project, site, tmp_path, "edited")
    # A second edit builds on the first one's state.
    edit(project / JOURNEY, new, old)
    assert rebuilt(live) == "pages"
    check_same_as_full_build(project, site, tmp_path, "restored")


def test_an_error_shows_the_banner_over_the_last_good_pages_and_the_fix_renders(
    preview: tuple[Path, Path, LiveSite], tmp_path: Path
) -> None:
    project, site, live = preview
    journey = project / JOURNEY
    good = journey.read_text(encoding="utf-8")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert SLOT in (site / PAGE).read_text(encoding="utf-8")  # the server shows the banner there
    assert live.banner == ""
    edit(journey, "title: First purchase of Ledgerly accounting software", "title: {}")
    assert rebuilt(live) == "banner"
    assert f'id="{BANNER_ID}"' in live.banner
    assert f"{JOURNEY}:6:8: error[schema]: `title` must be text" in live.banner
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before  # untouched
    # Another journey saved meanwhile is rendered with the fix.
    edit(project / "journeys/gym-membership.yaml", "\ntitle: ", "\ntitle: Joining ")
    assert rebuilt(live) == "banner"
    journey.write_text(good.replace("title: First purchase", "title: Fixed first purchase"))
    assert rebuilt(live) == "pages"
    assert live.banner == ""
    check_same_as_full_build(project, site, tmp_path, "fixed")


def test_a_newer_change_stops_the_portfolio_pages_and_the_next_rebuild_finishes_them(
    tmp_path: Path, pinned_today: None
) -> None:
    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    waiting = [False]
    config, _ = _loader(project, site, tmp_path / "work")
    live = LiveSite(
        config_loader(project, site, tmp_path / "work"),
        lambda: None,
        lambda: waiting[0],
        lambda: None,
    )
    live.rebuild(config)
    edit(project / JOURNEY, "title: First purchase", "title: Second purchase")
    live.rebuild()
    assert live.last == "pages"
    assert live.unfinished and live.planning is not None  # the portfolio pages: planning
    assert b"Second purchase" in (site / PAGE).read_bytes()  # the edited page first
    futures.wait([live.planning.future])
    waiting[0] = True  # saved again (nothing the site reads) before they were rendered
    live.rebuild()
    assert live.unfinished
    assert b"Second purchase" not in (site / "journeys/index.html").read_bytes()
    waiting[0] = False
    assert rebuilt(live) == "nothing"  # nothing changed, but the portfolio pages are done
    assert not live.unfinished
    check_same_as_full_build(project, site, tmp_path, "finished")
    load_mkdocs(config_file=str(project / "mkdocs.yml")).plugins.on_startup(
        command="build", dirty=False
    )


def test_what_the_pages_cannot_show_alone_builds_everything(
    preview: tuple[Path, Path, LiveSite], tmp_path: Path
) -> None:
    project, site, live = preview
    edit(project / "personas/budi.yaml", "name: ", "name: Renamed ")
    assert rebuilt(live) == "full"
    check_same_as_full_build(project, site, tmp_path, "persona")
    (project / "journeys/.accounting-software-first-purchase.yaml.swp").write_bytes(b"vim")
    assert rebuilt(live) == "nothing"  # an editor's swap file: nothing reads it
