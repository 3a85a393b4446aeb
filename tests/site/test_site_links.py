"""Relative links between the site's pages: the same as ``posixpath.relpath`` gives."""

from __future__ import annotations

import itertools
import posixpath

from journeyspec.site.links import Linker, relative

PARTS = ("journeys", "a", "a-b", "by-tag", "index.md", "flow.svg", "posters", "assets")


def test_relative_agrees_with_relpath_for_every_pair_of_site_paths() -> None:
    paths = [""] + ["/".join(p) for n in (1, 2, 3) for p in itertools.product(PARTS[:5], repeat=n)]
    for path, start in itertools.product(paths[::7], paths[::11]):
        assert relative(path, start) == posixpath.relpath(path or ".", start or "."), (path, start)


def test_a_linker_writes_folder_urls_and_files() -> None:
    url = Linker("journeys/a/index.md")
    assert url("journeys/a/index.md") == "./"
    assert url("index.md") == "../../"
    assert url("journeys/b/index.md", "steps") == "../b/#steps"
    assert url("journeys/a/flow.svg") == "flow.svg"
    assert url("posters/a.pdf") == "../../posters/a.pdf"
    assert Linker("index.md", directory_urls=False)("teams/x/index.md") == "teams/x/index.html"
