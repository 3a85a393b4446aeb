"""Builds that a pull request could aim at something precious: each refused, nothing touched.

A hostile ``mkdocs.yml`` or ``--site-dir`` points the output at the project, its
registries, the home folder, the filesystem root, a file, or a folder with someone's
own files in it (with or without a planted marker). Every refusal exits 2 with a
message and leaves every file of the project as it was. Two builds of the
text-attack project are byte-identical.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_FILES, write_files
from tests.hostile.attacks import write_attack_project
from tests.hostile.test_corpus import journeyspec, tree_digest

Setup = Callable[[Path], list[str]]


def site_dir(target: str) -> Setup:
    def setup(root: Path) -> list[str]:
        return ["--site-dir", target]

    return setup


def mkdocs_site_dir(target: str, *, planted_marker: bool = False) -> Setup:
    """A project mkdocs.yml (a file any pull request can change) naming the output folder."""

    def setup(root: Path) -> list[str]:
        plugins = f"plugins:\n  - journeyspec:\n      project: {root}\n"
        (root / "mkdocs.yml").write_text(
            f"site_name: x\ndocs_dir: docs\nsite_dir: {target}\n{plugins}", encoding="utf-8"
        )
        (root / "docs").mkdir(exist_ok=True)
        if planted_marker:
            folder = (root / target).resolve()
            folder.mkdir(parents=True, exist_ok=True)
            (folder / ".journeyspec-site").write_text("planted\n", encoding="utf-8")
        return []

    return setup


def own_files(root: Path) -> list[str]:
    (root / "site").mkdir()
    (root / "site/notes.txt").write_text("my notes\n", encoding="utf-8")
    return []


def site_is_a_file(root: Path) -> list[str]:
    (root / "site").write_text("not a folder\n", encoding="utf-8")
    return []


def site_links_to_project(root: Path) -> list[str]:
    os.symlink(root, root / "site")
    return []


REFUSALS: dict[str, Setup] = {
    "site-dir-is-the-project": site_dir("."),
    "site-dir-is-the-parent": site_dir(".."),
    "site-dir-is-journeys": site_dir("journeys"),
    "site-dir-is-home": site_dir(str(Path.home())),
    "site-dir-is-root": site_dir("/"),
    "site-dir-is-a-file": site_is_a_file,
    "site-holds-own-files": own_files,
    "site-links-to-the-project": site_links_to_project,
    "mkdocs-site-dir-is-the-project": mkdocs_site_dir("."),
    "mkdocs-site-dir-is-registry-with-planted-marker": mkdocs_site_dir(
        "registry", planted_marker=True
    ),
    "mkdocs-site-dir-is-personas-with-planted-marker": mkdocs_site_dir(
        "personas", planted_marker=True
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_hostile_output_folders_are_refused_untouched(name: str, tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", MINIMAL_FILES)
    extra = REFUSALS[name](root)
    before = tree_digest(tmp_path)

    code, output = journeyspec("build", *extra, cwd=root)

    assert code == 2, output
    assert "refusing" in output or "should not be within" in output, output  # ours or MkDocs'
    assert "Traceback" not in output
    assert tree_digest(tmp_path) == before


def test_two_builds_of_the_attack_project_are_byte_identical(tmp_path: Path) -> None:
    root = write_attack_project(tmp_path / "project")
    trees: list[dict[str, bytes]] = []
    for out in ("one", "two"):
        code, output = journeyspec(
            "build", "--allow-errors", "--site-dir", str(tmp_path / out), cwd=root, timeout=300
        )
        assert code == 0, output
        site = tmp_path / out
        trees.append(
            {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        )
    one, two = trees
    assert sorted(path for path in one.keys() | two.keys() if one.get(path) != two.get(path)) == []
