"""The live preview's site: one full MkDocs build, then after each edit only what it changed.

A full build (at start, and whenever anything but journey files changed: mkdocs.yml, the
configuration, a persona, a registry, a hand-written page, a journey added or removed)
is MkDocs' own, with the project held in a ``LiveProject`` and the build's files,
navigation and theme kept. After an edit of journey files, the project re-examines those
files alone, and:

1. the pages of the journeys the edit affects (``impact``) are planned again, their
   diagrams and posters drawn, and those whose Markdown changed rendered by MkDocs'
   own page functions with the kept navigation and theme; then the server shows them
   (``publish``): the edited page is up within a second;
2. the portfolio pages are planned again and those whose Markdown changed rendered, the
   portfolio diagrams drawn, then the sitemap, 404 page and search index written (each
   page's search entries replaced by its new ones), and the server reloads again.
   A new edit during this stops it between pages; the next rebuild carries on with what
   is still different from what was rendered.

Whatever cannot be done so (a page appears or goes, a page in the navigation changes its
title, a diagram appears or goes, another MkDocs plugin than search is configured, the
project's history or the date changed) makes it a full build. The result is the same
site, byte for byte, as a full build of the edited project (``tests/site/test_site_live.py``).
While the project has errors nothing is rendered: the pages stay the last good build's,
and the server puts the banner listing the errors where ``plugin.SLOT`` marks it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page, build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from journeyspec import clock
from journeyspec.history import Revision, history
from journeyspec.lint import LintResult
from journeyspec.live import LiveProject
from journeyspec.model import Journey
from journeyspec.project import YAML_SUFFIXES, ProjectConfig, display_path
from journeyspec.schema import REGISTRIES
from journeyspec.site import links
from journeyspec.site.figures import Drawing, Figures, plan_figures
from journeyspec.site.impact import affected_journeys, same_journeys
from journeyspec.site.plan import PlannedPage, plan_journey_pages, plan_site, site_date
from journeyspec.site.plugin import JourneyspecPlugin, build_failures
from journeyspec.site.snapshot import Snapshot

log = logging.getLogger("mkdocs.plugins.journeyspec")

SEARCH_PLUGINS = ("material.plugins.search.plugin",)  # whose index we know how to update


Rebuilt = Literal["full", "pages", "banner", "nothing"]


class FullBuild(Exception):
    """Raised when an edit cannot be rendered page by page: build everything."""


class _Recorder(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Keeps the files, navigation and theme environment of a full build, as finished."""

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
class _Kept:
    """A finished build: MkDocs' objects, the lint it shows and the history it used."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    plugin: JourneyspecPlugin
    search: Any  # Material's search plugin, or None
    shown: LintResult | None  # None: no good lint yet (the page says so)
    revisions: tuple[Revision, ...]
    today: dt.date
    entries: dict[str, list[dict[str, Any]]]  # page url -> its search entries


class LiveSite:
    """The site ``journeyspec serve`` shows, rebuilt by ``rebuild`` after every change."""

    def __init__(
        self,
        load: Callable[[], MkDocsConfig],
        publish: Callable[[], None],
        pending: Callable[[], bool],
    ) -> None:
        """``load`` loads MkDocs' configuration; ``publish`` makes what is written visible
        (browsers reload); ``pending`` says a newer change waits (stop and come back)."""
        self._load, self._publish, self._pending = load, publish, pending
        self.kept: _Kept | None = None
        self.plugin: JourneyspecPlugin | None = None  # of the last full build
        self.live: LiveProject | None = None
        self.snapshot = Snapshot({})
        self.edited: set[str] = set()  # journey files changed since the pages were rendered
        self.roots: list[Path] = []  # what the snapshot covers
        self.last: Rebuilt = "nothing"  # what the last rebuild did

    def forget(self) -> None:
        """Build everything next time (a rebuild failed half-way)."""
        self.kept = None

    @property
    def banner(self) -> str:
        """The errors of the project as HTML, empty without any."""
        return self.plugin.banner if self.plugin else ""

    def rebuild(self, config: MkDocsConfig | None = None) -> None:
        """Bring the site up to date with the files (``config``: loaded for a full build)."""
        kept = self.kept
        if kept is None or config is not None:
            self.full(config)
            return
        now = Snapshot.take(self.roots)
        changed, self.snapshot = now.changed(self.snapshot), now
        try:
            journeys = self._journey_edits(kept, changed)
            if not journeys:
                self.last = "nothing"
                return
            self.edited |= journeys
            self.last = self._update(kept, journeys)
        except FullBuild as why:
            log.info("building the whole preview again: %s", why)
            self.full(None)

    def full(self, config: MkDocsConfig | None) -> None:
        """MkDocs' own build of everything, keeping what the next edit needs."""
        self.kept, self.last = None, "full"
        config = config or self._load()
        plugin = self.plugin = _our_plugin(config)
        project = plugin.find_project(config)
        self.roots = self._watched(config, project)
        self.snapshot = Snapshot.take(self.roots)
        self.live = LiveProject.open(project, models=True)
        recorder = _Recorder()
        config.plugins["journeyspec/live"] = recorder
        plugin.banner_slot = True
        plugin.preloaded = self.live.result
        build(config, serve_url=config.site_url)
        self.edited = set()
        if recorder.files is None or recorder.nav is None or recorder.env is None:
            return  # cannot happen after a build that returned; nothing to keep
        search = _search(config)
        if any(
            p is not plugin and p is not search and p is not recorder
            for p in config.plugins.values()
        ):
            return  # another plugin: only full builds know what it does
        self.kept = _Kept(
            config,
            recorder.files,
            recorder.nav,
            recorder.env,
            plugin,
            search,
            plugin.last_good,
            history(project),
            clock.today(),
            _entries_by_page(search.search_index.entries) if search else {},
        )
        if search:
            search.search_index.entries = []

    # What changed --------------------------------------------------------------------------

    def _watched(self, config: MkDocsConfig, project: ProjectConfig) -> list[Path]:
        found = [project.path(key) for key in ("journeys", "personas", *REGISTRIES)]
        if project.config_path is not None:
            found.append(project.config_path)
        found.append(Path(config.docs_dir))
        if config.config_file_path:
            found.append(Path(config.config_file_path))
        found += [Path(item) for item in config.watch]
        return found

    def _journey_edits(self, kept: _Kept, changed: set[Path]) -> set[str]:
        """The journey files among ``changed`` (project-relative); FullBuild when anything
        else the site reads changed."""
        project = kept.plugin.find_project(kept.config)
        shown = kept.shown
        journeys = {j.path for j in shown.validation.portfolio.journeys} if shown else set()
        folders = [project.path("journeys"), project.path("personas")]
        edits: set[str] = set()
        for path in changed:
            relative = display_path(path, project.root)
            if relative in journeys and path.is_file():
                edits.add(relative)
            elif path.suffix not in YAML_SUFFIXES and any(f in path.parents for f in folders):
                continue  # an editor's swap or backup file: nothing reads it
            else:
                raise FullBuild(f"{relative} changed")
        return edits

    # An edit of journeys -------------------------------------------------------------------

    def _update(self, kept: _Kept, journeys: set[str]) -> Rebuilt:
        assert self.live is not None
        self.live.update(dict.fromkeys(journeys))
        result = self.live.result
        plugin = kept.plugin
        failures = build_failures(result, strict=plugin.strict)
        if plugin.preview_result(result, failures) is not result:
            return "banner"  # errors: the last good pages stay, the banner lists them
        if kept.shown is None or not same_journeys(kept.shown, result):
            raise FullBuild("a journey came or went")
        project = plugin.find_project(kept.config)
        revisions = history(project)
        if revisions != kept.revisions or clock.today() != kept.today:
            raise FullBuild("the history or the date changed")
        kept.files = _in_order(kept.files, result.validation.portfolio.journeys)
        affected = affected_journeys(kept.shown, result, self.edited)
        self._figures(kept, result, affected)
        inputs = plugin.site_inputs(result, kept.config, revisions)
        pages = plan_journey_pages(inputs, affected)
        drawing = self._draw(
            kept, plan_figures(result.validation.portfolio, affected), journeys=True
        )
        posters = self._posters(kept, result, affected)
        self._render(kept, pages)
        self._write(kept, drawing, posters)
        kept.shown = result
        self.edited = set()
        self._publish()
        # 2. the portfolio pages, the dates of the others, the portfolio's diagrams
        portfolio_pages = plan_site(inputs, journey_ids=())
        dated = site_date(result.validation.portfolio.journeys)
        for journey in result.validation.portfolio.journeys:
            src = links.journey(journey.id)
            if journey.id not in affected and journey.last_reviewed is None:
                portfolio_pages.append(replace(plugin.planned[src], updated=dated))
        drawing = self._draw(kept, plan_figures(result.validation.portfolio, ()), journeys=False)
        if not self._render(kept, portfolio_pages, stoppable=True):
            if drawing is not None:
                drawing.abandon()
            return "pages"
        self._write(kept, drawing, None)
        self._finish(kept)
        self._publish()
        return "pages"

    def _figures(self, kept: _Kept, result: LintResult, affected: set[str]) -> None:
        """The plugin's figures with those of the affected journeys planned again."""
        plugin = kept.plugin
        if plugin.figures is None:
            return
        new = plan_figures(result.validation.portfolio, affected)
        old = plugin.figures
        if {i: [d.name for d in found] for i, found in new.by_journey.items()} != {
            i: [d.name for d in old.by_journey.get(i, ())] for i in new.by_journey
        }:
            raise FullBuild("a diagram came or went")
        plugin.figures = Figures(
            {**old.by_journey, **new.by_journey},
            new.portfolio,
            {**{i: t for i, t in old.too_large.items() if i not in affected}, **new.too_large},
        )

    def _draw(self, kept: _Kept, figures: Figures, *, journeys: bool) -> Drawing | None:
        if kept.plugin.figures is None:
            return None
        chosen = (
            Figures(figures.by_journey, [], figures.too_large)
            if journeys
            else Figures({}, figures.portfolio, {})
        )
        root = kept.plugin.find_project(kept.config).root
        return Drawing(chosen, root, timeout=kept.plugin.diagram_timeout())

    def _posters(self, kept: _Kept, result: LintResult, affected: set[str]) -> Any:
        if not kept.plugin.config.posters:
            return None
        from journeyspec.site.posters import Posters

        return Posters(result.validation.portfolio, affected)

    def _render(
        self, kept: _Kept, pages: Iterable[PlannedPage], *, stoppable: bool = False
    ) -> bool:
        """Render the pages whose Markdown changed; False when stopped for a newer change."""
        config, files, plugin = kept.config, kept.files, kept.plugin
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        in_nav = {id(p) for p in kept.nav.pages}
        for planned in pages:
            if stoppable and self._pending():
                return False
            if not plugin.restage([planned], files):
                continue
            file = files.get_file_from_path(planned.src)
            assert file is not None and file.page is not None
            page: Page = file.page
            title = page.title
            _populate_page(page, config, files)
            if id(page) in in_nav and page.title != title:
                raise FullBuild(f"the title of {planned.src} in the navigation changed")
            url = page.url
            search = kept.search
            mark = len(search.search_index.entries) if search else 0
            _build_page(
                page,
                config,
                doc_files,
                kept.nav,
                kept.env,
                excluded=file.inclusion.is_excluded(),  # type: ignore[no-untyped-call]
            )
            if search:
                kept.entries[url] = search.search_index.entries[mark:]
                del search.search_index.entries[mark:]
        return True

    def _write(self, kept: _Kept, drawing: Drawing | None, posters: Any) -> None:
        files = kept.files
        if drawing is not None:
            for src, svg in drawing.result():
                _write_changed(files, src, svg.encode("utf-8"))
            project = kept.plugin.find_project(kept.config)
            journeys = display_path(project.path("journeys"), project.root)
            for finding in drawing.findings(kept.plugin.paths, journeys):
                log.warning(str(finding))
        if posters is not None:
            for src, content in posters.result():
                _write_changed(files, src, content)

    def _finish(self, kept: _Kept) -> None:
        """The sitemap, the 404 page and the search index, of the pages as they are now."""
        config, files, plugin = kept.config, kept.files, kept.plugin
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for file in doc_files:
            if file.page is not None:
                plugin.on_pre_page(file.page, config=config, files=files)
        for template in config.theme.static_templates:
            _build_theme_template(template, kept.env, files, config, kept.nav)
        if kept.search is not None:
            index = kept.search.search_index
            index.entries = [
                e for f in doc_files if f.page is not None for e in kept.entries.get(f.page.url, [])
            ]
            kept.search.on_post_build(config=config)
            index.entries = []


def _in_order(files: Files, journeys: Iterable[Journey]) -> Files:
    """``files`` with the journeys' pages in the order of ``journeys`` (by title, which an
    edit may change), as a full build would list them: the sitemap and search follow it."""
    wanted = [links.journey(j.id) for j in journeys]
    listed, chosen = list(files), set(wanted)
    places = [i for i, f in enumerate(listed) if f.src_uri in chosen]
    if [listed[i].src_uri for i in places] == wanted:
        return files
    by_src = {f.src_uri: f for f in listed}
    for place, src in zip(places, wanted, strict=True):
        listed[place] = by_src[src]
    return Files(listed)


def _write_changed(files: Files, src: str, content: bytes) -> None:
    file = files.get_file_from_path(src)
    if file is None:
        raise FullBuild(f"{src} is not a file of the build")
    path = Path(file.abs_dest_path)
    try:
        if path.read_bytes() == content:
            return
    except OSError:
        pass
    write_file(content, str(path))


def _our_plugin(config: MkDocsConfig) -> JourneyspecPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, JourneyspecPlugin):
            return plugin
    raise PluginError(
        f"{config.config_file_path}: the journeyspec plugin is not in its plugins; "
        "add `- journeyspec` under `plugins:`"
    )


def _search(config: MkDocsConfig) -> Any:
    for plugin in config.plugins.values():
        if type(plugin).__module__ in SEARCH_PLUGINS:
            return plugin
    return None


def _entries_by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each page's search entries (by the page's url: an entry's location up to ``#``)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        grouped.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
    return grouped
