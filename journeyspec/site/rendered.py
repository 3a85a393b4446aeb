"""A finished MkDocs build held in memory, and pages of it rendered again.

``journeyspec serve`` keeps its last full build's files, navigation and theme environment
(a ``Recorder`` plugin sees them as the build finishes) and renders the pages an edit
changed through MkDocs' own page functions with them, so a page rendered again is the
page a full build would write. The search index keeps each page's entries; a page
rendered again replaces its own, and the index is written in the order of the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import (
    _build_extra_template,
    _build_page,
    _build_theme_template,
    _populate_page,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import write_file

from journeyspec.model import Journey
from journeyspec.site import links
from journeyspec.site.plan import PlannedPage
from journeyspec.site.plugin import JourneyspecPlugin

SEARCH_PLUGINS = ("material.plugins.search.plugin",)  # whose index we know how to update


class FullBuild(Exception):
    """Raised when an edit cannot be rendered page by page: build everything."""


class Recorder(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Keeps the files, navigation and theme environment of a build, as finished."""

    files: Files | None = None
    nav: Navigation | None = None
    env: Environment | None = None

    @event_priority(-100)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.files = files
        return files

    @event_priority(-100)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-100)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        return env


@dataclass
class Rendered:
    """A finished build: MkDocs' objects, our plugin, Material's search plugin (or None)
    and each page's search entries (by page url)."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    plugin: JourneyspecPlugin
    search: Any
    entries: dict[str, list[dict[str, Any]]]

    @classmethod
    def keep(
        cls, config: MkDocsConfig, recorder: Recorder, plugin: JourneyspecPlugin
    ) -> Rendered | None:
        """The build ``recorder`` saw, or None when pages of it cannot be rendered alone
        (a plugin besides ours and search: only a full build knows what it does)."""
        search = next(
            (p for p in config.plugins.values() if type(p).__module__ in SEARCH_PLUGINS), None
        )
        others = [p for p in config.plugins.values() if p not in (plugin, search, recorder)]
        if others or recorder.files is None or recorder.nav is None or recorder.env is None:
            return None
        entries: dict[str, list[dict[str, Any]]] = {}
        if search is not None:
            for entry in search.search_index.entries:  # a page's: its url up to the `#`
                entries.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
            search.search_index.entries = []
        return cls(config, recorder.files, recorder.nav, recorder.env, plugin, search, entries)

    def render(self, pages: Iterable[PlannedPage], stop: Callable[[], bool] | None = None) -> bool:
        """Render the pages whose Markdown changed; False when ``stop`` said to stop.

        FullBuild when a page in the navigation gets a new title (every page shows it)."""
        config, files = self.config, self.files
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        in_nav = {id(p) for p in self.nav.pages}
        index = self.search.search_index if self.search is not None else None
        for planned in pages:
            if stop is not None and stop():
                return False
            if not self.plugin.restage([planned], files):
                continue
            file = files.get_file_from_path(planned.src)
            if file is None or file.page is None:
                raise FullBuild(f"{planned.src} is not a page of the build")
            page, title = file.page, file.page.title
            _populate_page(page, config, files)
            if id(page) in in_nav and page.title != title:
                raise FullBuild(f"the title of {planned.src}, in the navigation, changed")
            mark = len(index.entries) if index is not None else 0
            excluded = file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
            _build_page(page, config, doc_files, self.nav, self.env, excluded=excluded)
            if index is not None:
                self.entries[page.url] = index.entries[mark:]
                del index.entries[mark:]
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        return True

    def write(self, src: str, content: bytes) -> None:
        """Write a file of the build (a diagram, a poster) unless it holds ``content``."""
        file = self.files.get_file_from_path(src)
        if file is None:
            raise FullBuild(f"{src} is not a file of the build")
        path = Path(file.abs_dest_path)
        try:
            if path.read_bytes() == content:
                return
        except OSError:
            pass
        write_file(content, str(path))

    def reorder(self, journeys: Iterable[Journey]) -> None:
        """List the journeys' pages in the order of ``journeys`` (by title, which an edit
        may change), as a full build would: the sitemap and the search index follow it."""
        wanted = [links.journey(j.id) for j in journeys]
        listed, chosen = list(self.files), set(wanted)
        places = [i for i, f in enumerate(listed) if f.src_uri in chosen]
        if [listed[i].src_uri for i in places] == wanted:
            return
        by_src = {f.src_uri: f for f in listed}
        for place, src in zip(places, wanted, strict=True):
            listed[place] = by_src[src]
        self.files = Files(listed)

    def finish(self) -> None:
        """The sitemap, the 404 page and the search index, of the pages as they are now."""
        config, files, plugin = self.config, self.files, self.plugin
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for file in doc_files:
            if file.page is not None:  # its date, for the sitemap
                plugin.on_pre_page(file.page, config=config, files=files)
        for template in config.theme.static_templates:
            _build_theme_template(template, self.env, files, config, self.nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, self.nav)
        if self.search is not None:
            index = self.search.search_index
            index.entries = [
                e for f in doc_files if f.page is not None for e in self.entries.get(f.page.url, [])
            ]
            self.search.on_post_build(config=config)
            index.entries = []
