"""A committed ``.journeyspec-cache/`` cannot reach outside the project, hide findings or
put a script into the site.

Each test lets a first real run fill the cache, tampers with it as a pull request could
(links at every depth, dangling links, FIFOs, planted and foreign entries, entries sealed
under another user's secret), then runs ``validate``, ``lint`` or ``build`` again as a real
process and checks: files outside the project are byte-identical, a cache holding what
journeyspec never writes is left exactly as it was, the output and exit code are those of
a run without any cache, nothing hangs, and no built page or SVG carries the planted script.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeyspec.cachefolder import CACHE_DIR, CacheFolder
from tests.conftest import LOOPING_FILES, write_files
from tests.hostile.test_corpus import tree_digest

MARK = "PLANTED-BY-A-PULL-REQUEST"
XSS_SVGS = (
    f'<svg xmlns="http://www.w3.org/2000/svg"><script>alert("{MARK}")</script></svg>\n',
    f'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'{MARK}\')"><g/></svg>\n',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    f"<a xlink:href=\"javascript:alert('{MARK}')\"><text>open</text></a></svg>\n",
)
# One journey with a finding, so a forged "no findings" entry would show.
UNKNOWN_KEY = (
    "journeyspec: 1\nid: odd\ntitle: Odd\npersona: budi\ncolour: red\n"
    "stages:\n  - {id: s, name: S, owner: marketing, steps: [{id: a, name: A}]}\n"
)
KEEPSAKES = {
    "keep.json": '{"mine": true}\n',
    "keep.tmp": "half a thought\n",
    "keep.svg": "<svg>my drawing</svg>\n",
    "ab/notes.json": "[1, 2, 3]\n",
}


@dataclass(frozen=True)
class World:
    """A project, a folder of someone's files beside it, and this user's cache home."""

    project: Path
    outside: Path
    user: Path

    @property
    def cache(self) -> Path:
        return self.project / CACHE_DIR

    def run(
        self, *args: str, user: Path | None = None, off: bool = False, timeout: float = 60
    ) -> tuple[int, str]:
        env = {**os.environ, "NO_COLOR": "1", "JOURNEYSPEC_TODAY": "2026-06-01"}
        env["XDG_CACHE_HOME"] = str(user or self.user)
        env.pop("JOURNEYSPEC_CACHE", None)
        if off:
            env["JOURNEYSPEC_CACHE"] = "off"
        done = subprocess.run(
            [sys.executable, "-m", "journeyspec", *args],
            cwd=self.project,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            env=env,
        )
        return done.returncode, done.stdout + done.stderr


def make_world(tmp_path: Path) -> World:
    work = tmp_path / "work"
    # A flow that loops: Graphviz draws it, so the build has diagram entries to attack.
    project = write_files(work / "project", {**LOOPING_FILES, "journeys/odd.yaml": UNKNOWN_KEY})
    outside = write_files(work / "outside", KEEPSAKES)
    return World(project, outside, tmp_path / "home" / "cache")


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


@pytest.fixture(scope="module")
def honest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """What validate and lint say with no cache at all."""
    world = make_world(tmp_path_factory.mktemp("honest"))
    said = {command: world.run(command, off=True) for command in ("validate", "lint")}
    for code, output in said.values():
        assert code == 1 and "journeys/odd.yaml:5:1: error[schema]: unknown key" in output
    return said


def cache_digest(world: World) -> str:
    """The cache folder's digest, or where it links to."""
    return os.readlink(world.cache) if world.cache.is_symlink() else tree_digest(world.cache)


def shards(world: World) -> list[Path]:
    return sorted(p for p in (world.cache / "files").iterdir() if p.is_dir())


def entry_files(world: World) -> list[Path]:
    return sorted((world.cache / "files").glob("*/*.json"))


def remove(path: Path) -> None:
    """Remove what is at ``path``: a folder, a file, a link or a FIFO."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def fifo(path: Path) -> None:
    remove(path)
    os.mkfifo(path)


def relink(path: Path, target: str | Path) -> None:
    """Replace ``path`` (a file or a folder) with a link to ``target``."""
    remove(path)
    path.symlink_to(target)


TAMPERING: dict[str, Callable[[World], None]] = {
    "cache-folder-links-outside": lambda w: (
        shutil.rmtree(w.cache),
        w.cache.symlink_to("../outside"),
    ),
    "cache-folder-links-nowhere": lambda w: relink(w.cache, "../nowhere"),
    "files-links-up-two": lambda w: relink(w.cache / "files", "../.."),  # the case
    "files-links-outside-absolute": lambda w: relink(w.cache / "files", w.outside.parent),
    "shard-links-outside": lambda w: relink(shards(w)[0], "../../../outside"),
    "shard-links-nowhere": lambda w: relink(shards(w)[0], "../../../nowhere"),
    "extra-shard-links-outside": lambda w: (w.cache / "files/ab").symlink_to(w.outside / "ab"),
    "entry-links-outside": lambda w: [relink(e, w.outside / "keep.json") for e in entry_files(w)],
    "entry-links-nowhere": lambda w: relink(entry_files(w)[0], "/nowhere/at/all.json"),
    "stray-link-at-the-top": lambda w: (w.cache / "other").symlink_to(w.outside),
    "fifo-at-the-top": lambda w: os.mkfifo(w.cache / "pipe.svg"),
    "fifo-in-files": lambda w: os.mkfifo(w.cache / "files/pipe.json"),
    "fifo-as-entry": lambda w: [fifo(e) for e in entry_files(w)],
    "folder-it-never-makes": lambda w: (w.cache / "files/not-a-shard/inner").mkdir(parents=True),
}


@pytest.mark.parametrize(
    ("name", "command"),
    # validate and lint share the cache code: lint takes every case, validate the issue's.
    [(name, "lint") for name in sorted(TAMPERING)] + [("files-links-up-two", "validate")],
)
def test_a_cache_holding_links_or_special_files_is_left_alone(
    name: str, command: str, world: World, honest: dict[str, tuple[int, str]]
) -> None:
    assert world.run(command) == honest[command]  # fills the cache
    assert entry_files(world)
    TAMPERING[name](world)
    outside, project = tree_digest(world.outside.parent), tree_digest(world.project)

    assert world.run(command, timeout=30) == honest[command]

    assert tree_digest(world.outside.parent) == outside  # nothing outside deleted or written
    assert tree_digest(world.project) == project  # the cache neither read nor cleaned nor filled


def test_a_foreign_cache_folder_is_not_written_through_by_build(world: World) -> None:
    # Before: a build wrote every diagram through a linked cache folder.
    (world.project / "journeys/odd.yaml").unlink()
    world.cache.symlink_to("../outside")
    before = tree_digest(world.outside)

    code, output = world.run("build", timeout=120)

    assert code == 0, output
    assert tree_digest(world.outside) == before
    assert list((world.project / "site").rglob("*.svg"))


def test_forged_lint_entries_hide_no_finding(
    world: World, honest: dict[str, tuple[int, str]]
) -> None:
    world.run("lint")
    for entry in entry_files(world):
        seal, _, stored = entry.read_bytes().partition(b"\n")
        forged = stored.replace(b'"findings":[[', b'"findings":[],"x":[[')
        # Unsealed, with the old seal, and with a seal of the right length but made up.
        for planted in (forged, seal + b"\n" + forged, b"0" * 64 + b"\n" + forged):
            entry.write_bytes(planted)
            assert world.run("lint") == honest["lint"]


def seal_as(
    user: Path, root: Path, entries: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Write diagram entries sealed under ``user``'s own secret, as that user's tools would."""
    with monkeypatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(user))
        patch.delenv("JOURNEYSPEC_CACHE", raising=False)
        folder = CacheFolder.open(root)
        assert folder is not None
        for name, svg in entries.items():
            folder.write((), name, svg.encode("utf-8"))
        folder.close()


def planted_svgs(names: list[str]) -> dict[str, str]:
    return {name: XSS_SVGS[i % len(XSS_SVGS)] for i, name in enumerate(names)}


def assert_site_is_clean(site: Path, honest: dict[str, bytes]) -> None:
    built = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.svg")}
    assert built == honest  # every diagram drawn again, byte for byte
    for page in site.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".svg", ".js", ".json", ".xml"):
            assert MARK.encode() not in page.read_bytes(), page
    for svg in built.values():
        assert not any(bad in svg for bad in (b"<script", b"onload", b"javascript:"))


def first_build(world: World) -> tuple[dict[str, bytes], list[str]]:
    (world.project / "journeys/odd.yaml").unlink()  # a build needs a project without errors
    code, output = world.run("build", timeout=120)
    assert code == 0, output
    site = world.project / "site"
    svgs = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.svg")}
    names = sorted(p.name for p in world.cache.glob("*.svg"))
    assert svgs and names
    return svgs, names


def test_planted_diagram_entries_never_reach_the_site(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    honest, names = first_build(world)
    for sealing in ("none", "attacker", "this user"):
        # Unsealed; sealed by another user (the attacker's own secret): both are misses.
        # Sealed with this user's secret (were it ever leaked): the allow-list stops it.
        if sealing == "none":
            for name, svg in planted_svgs(names).items():
                (world.cache / name).write_text(svg, encoding="utf-8")
        else:
            user = world.user if sealing == "this user" else world.user.parent / "attacker"
            seal_as(user, world.project, planted_svgs(names), monkeypatch)
        code, output = world.run("build", timeout=120)
        assert code == 0, output
        assert_site_is_clean(world.project / "site", honest)


def test_cache_off_reads_and_writes_no_diagram_entry(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    honest, names = first_build(world)
    seal_as(world.user, world.project, planted_svgs(names), monkeypatch)
    before = tree_digest(world.cache)
    code, output = world.run("build", off=True, timeout=120)
    assert code == 0, output
    assert tree_digest(world.cache) == before
    built = world.project / "site"
    assert {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*.svg")} == honest


BUILD_TAMPERING: dict[str, Callable[[World, str], None]] = {
    "entry-link": lambda w, n: relink(w.cache / n, w.outside / "keep.svg"),
    "dangling-entry-link": lambda w, n: relink(w.cache / n, "nowhere.svg"),
    "fifo-entry": lambda w, n: fifo(w.cache / n),
    "files-links-up": lambda w, n: relink(w.cache / "files", "../.."),
    "cache-folder-links-nowhere": lambda w, n: relink(w.cache, "nowhere"),
}


def test_a_build_leaves_a_tampered_cache_and_the_outside_alone(world: World) -> None:
    honest, names = first_build(world)
    pristine = world.cache.with_name("pristine-cache")
    shutil.copytree(world.cache, pristine, symlinks=True)
    for name, tamper in BUILD_TAMPERING.items():
        remove(world.cache)
        shutil.copytree(pristine, world.cache, symlinks=True)
        tamper(world, names[0])
        outside, cache = tree_digest(world.outside.parent), cache_digest(world)

        code, output = world.run("build", timeout=60)

        assert code == 0, (name, output)
        assert tree_digest(world.outside.parent) == outside, name
        assert cache_digest(world) == cache, name
        assert_site_is_clean(world.project / "site", honest)


def test_a_secret_inside_the_project_is_never_used(
    world: World, honest: dict[str, tuple[int, str]]
) -> None:
    # CI that sets XDG_CACHE_HOME to a folder of the checkout would let a pull request
    # commit the key itself, and with it entries that match: no cache then.
    assert world.run("lint", user=world.project / ".cache") == honest["lint"]
    assert not (world.project / ".cache").exists()
    assert not world.cache.exists()
    # A relative XDG_CACHE_HOME is invalid (XDG spec): ignored, never taken in the project.
    assert world.run("lint", user=Path(".cache")) == honest["lint"]
    assert not (world.project / ".cache").exists()
