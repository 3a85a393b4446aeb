"""Safe builds: determinism, the marker, refusals, and a failed build keeps the old site."""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from journeyspec import api
from journeyspec.project import load_config
from journeyspec.site.build import ProjectErrors, build_site
from journeyspec.site.output import MARKER
from journeyspec.site.plugin import JourneyspecPlugin
from tests.conftest import LOOPING_FILES, Result, write_files


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".journeyspec-cache" not in p.parts
    }


def test_two_builds_are_byte_identical(built_site: Path, example_project: Path) -> None:
    again = build_site(load_config(example_project), site_dir=example_project / "again")
    first, second = snapshot(built_site), snapshot(again.site_dir)
    assert first == second
    for name in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json", MARKER):
        assert name in first
    assert any(name.endswith(".svg") for name in first)


def test_build_writes_the_manifest_and_rebuilds_over_its_own_output(
    minimal_project: Path, run: Callable[..., Result]
) -> None:
    first = run("build", cwd=minimal_project)
    assert first.exit_code == 0, first.stderr
    site = minimal_project / "site"
    manifest = json.loads((site / MARKER).read_text(encoding="utf-8"))
    assert (
        manifest["files"]["journeys/first-purchase/index.html"]
        == hashlib.sha256((site / "journeys/first-purchase/index.html").read_bytes()).hexdigest()
    )
    # A page the next build no longer makes goes with the old site.
    (minimal_project / "journeys/first-purchase.yaml").rename(
        minimal_project / "journeys/renamed.yaml"
    )
    journey = minimal_project / "journeys/renamed.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("id: first-purchase", "id: renamed"),
        encoding="utf-8",
    )
    again = run("build", cwd=minimal_project)
    assert again.exit_code == 0, again.stderr
    assert not (site / "journeys/first-purchase").exists()
    assert (site / "journeys/renamed/index.html").is_file()
    assert sorted(p.name for p in minimal_project.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ("add", "stale.html is not one of the files journeyspec built there"),
        ("edit", "index.html changed since journeyspec built it"),
        ("link", "linked.html is a link, which journeyspec never builds"),
        ("manifest", "its .journeyspec-site is not a manifest this version of journeyspec wrote"),
    ],
)
def test_refuses_to_replace_its_own_output_once_someone_changed_it(
    minimal_project: Path, run: Callable[..., Result], change: str, why: str
) -> None:
    assert run("build", cwd=minimal_project).exit_code == 0
    site = minimal_project / "site"
    if change == "add":
        (site / "stale.html").write_text("my notes", encoding="utf-8")
    elif change == "edit":
        (site / "index.html").write_text("edited by hand", encoding="utf-8")
    elif change == "link":
        (site / "linked.html").symlink_to(minimal_project / "journeyspec.yaml")
    else:
        (site / MARKER).write_text("Built by journeyspec (an older version)\n", encoding="utf-8")
    before = snapshot(minimal_project)
    again = run("build", cwd=minimal_project)
    assert again.exit_code == 2
    assert f"refusing to build into {site}: {why}; journeyspec replaces only" in again.stderr
    assert snapshot(minimal_project) == before


@pytest.mark.parametrize("target", [".", "journeys", "personas", ".."])
def test_refuses_output_that_is_or_contains_the_project(
    minimal_project: Path, run: Callable[..., Result], target: str
) -> None:
    before = snapshot(minimal_project)
    result = run("build", "--site-dir", target, cwd=minimal_project)
    assert result.exit_code == 2
    assert "refusing to build into" in result.stderr
    assert snapshot(minimal_project) == before


def test_refuses_the_home_folder(
    minimal_project: Path,
    run: Callable[..., Result],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    result = run("build", "--site-dir", str(home), cwd=minimal_project)
    assert result.exit_code == 2
    assert "your home folder" in result.stderr


def test_refuses_a_folder_it_did_not_build(
    minimal_project: Path, run: Callable[..., Result]
) -> None:
    theirs = write_files(minimal_project / "notes", {"keep.md": "mine"})
    result = run("build", "--site-dir", "notes", cwd=minimal_project)
    assert result.exit_code == 2
    assert "notes: it has no .journeyspec-site manifest of a journeyspec build" in result.stderr
    assert (theirs / "keep.md").read_text(encoding="utf-8") == "mine"
    assert [p.name for p in theirs.iterdir()] == ["keep.md"]


def test_builds_into_an_empty_folder(minimal_project: Path, run: Callable[..., Result]) -> None:
    (minimal_project / "out").mkdir()
    result = run("build", "--site-dir", "out", cwd=minimal_project)
    assert result.exit_code == 0, result.stderr
    assert (minimal_project / "out" / MARKER).is_file()


def test_invalid_project_fails_and_keeps_the_previous_site(
    minimal_project: Path, run: Callable[..., Result]
) -> None:
    assert run("build", cwd=minimal_project).exit_code == 0
    before = snapshot(minimal_project / "site")
    journey = minimal_project / "journeys/first-purchase.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("persona: budi", "persona: nobody"),
        encoding="utf-8",
    )
    result = run("build", cwd=minimal_project)
    assert result.exit_code == 1
    assert "journeys/first-purchase.yaml:4:10: error[reference]" in result.stderr
    assert "no site was built" in result.stderr
    assert snapshot(minimal_project / "site") == before
    leftovers = [p.name for p in minimal_project.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []


def test_mkdocs_failure_keeps_the_previous_site(
    minimal_project: Path, run: Callable[..., Result]
) -> None:
    assert run("build", cwd=minimal_project).exit_code == 0
    before = snapshot(minimal_project / "site")
    write_files(
        minimal_project,
        {
            "mkdocs.yml": "site_name: T\ntheme: {name: material, font: false}\n"
            "plugins: [search, journeyspec]\n",
            "docs/index.md": "# A hand-written home that would hide the generated one\n",
        },
    )
    result = run("build", cwd=minimal_project)
    assert result.exit_code == 2
    assert "docs/index.md would hide a generated page" in result.stderr
    assert snapshot(minimal_project / "site") == before
    leftovers = [p.name for p in minimal_project.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []


def test_lint_errors_stop_the_build_unless_allowed(
    minimal_project: Path, run: Callable[..., Result]
) -> None:
    """A map scored 6 on a -2..2 scale is valid YAML and schema, and a lint error: it is
    never published silently. ``--allow-errors`` (or ``--no-strict``) publishes anyway."""
    first = run("build", cwd=minimal_project)
    assert first.exit_code == 0, first.stderr
    before = snapshot(minimal_project / "site")
    journey = minimal_project / "journeys/first-purchase.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("score: -1", "score: 6"), encoding="utf-8"
    )
    for args in ((), ("--strict",)):
        refused = run("build", *args, cwd=minimal_project)
        assert refused.exit_code == 1
        assert (
            "journeys/first-purchase.yaml:14:26: error[emotion-score-out-of-scale]"
            in refused.stderr
        )
        assert refused.stderr.endswith(
            "journeyspec: 1 error(s); no site was built\n"
            "journeyspec: lint errors stop the build; fix them, or publish anyway with "
            "--allow-errors (invalid files always stop it)\n"
        )
        assert snapshot(minimal_project / "site") == before
    with pytest.raises(ProjectErrors):
        api.build(minimal_project)
    for flag in ("--allow-errors", "--no-strict"):
        allowed = run("build", flag, cwd=minimal_project)
        assert allowed.exit_code == 0, allowed.stderr
    assert snapshot(minimal_project / "site") != before


def test_plain_mkdocs_refuses_lint_errors_but_its_preview_shows_them() -> None:
    plugin = JourneyspecPlugin()
    plugin.load_config({})
    for command, strict in (("build", True), ("gh-deploy", True), ("serve", False)):
        plugin.on_startup(command=command, dirty=False)
        assert plugin.strict is strict
    plugin.load_config({"strict": False})
    plugin.on_startup(command="build", dirty=False)
    assert plugin.strict is False


def test_plain_mkdocs_build_generates_the_site_and_stops_on_invalid_files(
    minimal_project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as load_mkdocs
    from mkdocs.exceptions import Abort

    write_files(
        minimal_project,
        {
            "mkdocs.yml": "site_name: T\ntheme: {name: material, font: false}\n"
            "plugins: [search, journeyspec]\n",
            "docs/guide.md": "# A hand-written guide\n",
        },
    )
    build(load_mkdocs(str(minimal_project / "mkdocs.yml")))
    site = minimal_project / "site"
    assert (site / "journeys/first-purchase/index.html").is_file()
    assert (site / "guide/index.html").is_file()

    journey = minimal_project / "journeys/first-purchase.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("persona: budi", "persona: nobody"),
        encoding="utf-8",
    )
    with pytest.raises(Abort):
        build(load_mkdocs(str(minimal_project / "mkdocs.yml")))
    assert "journeys/first-purchase.yaml:4:10: error[reference]" in caplog.text


def test_rebuild_after_one_journey_changes_redraws_only_its_diagrams(
    minimal_project: Path, run: Callable[..., Result]
) -> None:
    looping = textwrap.dedent(LOOPING_FILES["journeys/first-purchase.yaml"])  # flows to draw
    other = looping.replace("id: first-purchase", "id: second-purchase")
    write_files(minimal_project, {"journeys/first-purchase.yaml": looping})
    write_files(minimal_project, {"journeys/second-purchase.yaml": other})
    assert run("build", cwd=minimal_project).exit_code == 0
    cache = minimal_project / ".journeyspec-cache"
    before = {p.name for p in cache.glob("*.svg")}
    first_svgs = snapshot(minimal_project / "site/journeys/first-purchase")
    changed = other.replace("name: Imports old data", "name: Imports last year's ledgers")
    write_files(minimal_project, {"journeys/second-purchase.yaml": changed})
    assert run("build", cwd=minimal_project).exit_code == 0
    drawn = {p.name for p in cache.glob("*.svg")} - before
    assert len(drawn) == 1  # the second journey's flow (its curve needs no Graphviz nor cache)
    assert snapshot(minimal_project / "site/journeys/first-purchase") == first_svgs
    curve = minimal_project / "site/journeys/second-purchase/emotion.svg"
    assert "Imports last year's ledgers" in curve.read_text(encoding="utf-8")


def test_teams_index_tells_owning_a_map_from_taking_part(built_site: Path) -> None:
    # "Which journeys does my team own?": Marketing takes part in every demo journey but
    # owns none of the maps; a single "Journeys" count read as ownership.
    html = (built_site / "teams" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="col">Owns maps</th><th scope="col">Takes part in</th>' in html
    assert re.search(r'href="marketing/">Marketing</a>.*?</th><td>0</td><td>7 journeys</td>', html)
    assert re.search(
        r'href="cx-research/">CX Research</a>.*?</th><td>5</td><td>5 journeys</td>', html
    )
