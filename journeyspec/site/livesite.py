"""The live preview's site: one full MkDocs build, then after each edit only what it changed.

A full build (at start, and whenever anything but journey files changed: mkdocs.yml, the
configuration, a persona, a registry, a hand-written page, a journey added or removed)
is MkDocs' own, with the project held in a ``LiveProject`` and the build's files,
navigation and theme kept. After an edit of journey files, the project re-examines those
files alone, and:

1. the pages of the journeys the edit affects (``impact``) are planned again, their
   diagrams and posters drawn, and those whose Markdown changed rendered by MkDocs'
   own page functions with the kept navigation and theme; then the server shows them
   (``publish``), before the rest is done;
2. the portfolio pages are planned again in a background thread, which a newer edit
   stops between pages; once planned (the server is asked for a rebuild), those whose
   Markdown changed are rendered, the portfolio diagrams drawn, then the sitemap, 404
   page and search index written (each page's search entries replaced by its new ones),
   and the server reloads again. A newer edit stops this between pages too; a later
   rebuild carries on with what still differs from what was rendered.

Whatever cannot be done so (a page appears or goes, a page in the navigation changes its
title, a diagram appears or goes, another MkDocs plugin than search is configured, the
project's history or the date changed) makes it a full build. The result is the same
site, byte for byte, as a full build of the edited project (``tests/site/test_site_live.py``);
``rendered`` renders the pages.
While the project has errors nothing is rendered: the pages stay the last good build's,
and the server puts the banner listing the errors where ``plugin.SLOT`` marks it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from journeyspec import clock
from journeyspec.history import Revision, history
from journeyspec.lint import LintResult
from journeyspec.live import LiveProject
from journeyspec.project import YAML_SUFFIXES, ProjectConfig, display_path
from journeyspec.schema import REGISTRIES
from journeyspec.site import links
from journeyspec.site.figures import Drawing, Figures, plan_figures
from journeyspec.site.impact import affected_journeys, same_journeys
from journeyspec.site.plan import (
    PlannedPage,
    PlanningStopped,
    SiteInputs,
    plan_journey_pages,
    plan_site,
    site_date,
)
from journeyspec.site.plugin import JourneyspecPlugin, build_failures
from journeyspec.site.rendered import FullBuild, Recorder, Rendered
from journeyspec.site.snapshot import Snapshot

if TYPE_CHECKING:
    from journeyspec.site.posters import Posters

log = logging.getLogger("mkdocs.plugins.journeyspec")

Rebuilt = Literal["full", "pages", "banner", "nothing"]


class LiveSite:
    """The site ``journeyspec serve`` shows, rebuilt by ``rebuild`` after every change."""

    def __init__(
        self,
        load: Callable[[], MkDocsConfig],
        publish: Callable[[], None],
        pending: Callable[[], bool],
        request: Callable[[], None],
    ) -> None:
        """``load`` loads MkDocs' configuration; ``publish`` makes what is written visible
        (browsers reload); ``pending`` says a newer change waits (stop and come back);
        ``request`` asks for a rebuild (the portfolio pages are planned)."""
        self._load, self._publish, self._pending = load, publish, pending
        self._request = request
        self.planning: _Planning | None = None
        self.site: Rendered | None = None  # None: the next rebuild builds everything
        self.plugin: JourneyspecPlugin | None = None  # of the last full build
        self.live: LiveProject | None = None
        self.shown: LintResult | None = None  # what the pages show (None: no good lint yet)
        self.revisions: tuple[Revision, ...] = ()  # the history the pages show
        self.today = dt.date(2000, 1, 1)  # the day they were planned
        self.snapshot = Snapshot({})
        self.roots: list[Path] = []  # what the snapshot covers
        self.edited: set[str] = set()  # journey files changed since the pages were rendered
        self.unfinished = False  # the portfolio pages were left for a newer change
        self.last: Rebuilt = "nothing"  # what the last rebuild did

    def forget(self) -> None:
        """Build everything next time (a rebuild failed half-way)."""
        self.site = None

    @property
    def banner(self) -> str:
        """The errors of the project as HTML, empty without any."""
        return self.plugin.banner if self.plugin else ""

    def rebuild(self, config: MkDocsConfig | None = None) -> None:
        """Bring the site up to date with the files (``config``: loaded for a full build)."""
        site = self.site
        if site is None or config is not None:
            self.full(config)
            return
        now = Snapshot.take(self.roots)
        changed, self.snapshot = now.changed(self.snapshot), now
        try:
            journeys = self._journey_edits(site, changed)
            if journeys:
                self.edited |= journeys
                self.last = self._update(site, journeys)
            elif self.unfinished:
                self.last = self._portfolio(site)
            else:
                self.last = "nothing"
        except FullBuild as why:
            log.info("building the whole preview again: %s", why)
            self.full(None)

    def full(self, config: MkDocsConfig | None) -> None:
        """MkDocs' own build of everything, keeping what the next edit needs."""
        self._stop_planning()
        self.site, self.last = None, "full"
        config = config or self._load()
        plugin = self.plugin = _our_plugin(config)
        project = plugin.find_project(config)
        self.roots = _watched(config, project)
        self.snapshot = Snapshot.take(self.roots)
        self.live = LiveProject.open(project, models=True)
        recorder = Recorder()
        config.plugins["journeyspec/live"] = recorder
        plugin.banner_slot = True
        plugin.preloaded = self.live.result
        build(config, serve_url=config.site_url)
        self.edited, self.unfinished = set(), False
        self.shown, self.revisions, self.today = plugin.last_good, history(project), clock.today()
        self.site = Rendered.keep(config, recorder, plugin)

    def _journey_edits(self, site: Rendered, changed: set[Path]) -> set[str]:
        """The journey files among ``changed`` (project-relative); FullBuild when anything
        else the site reads changed."""
        project = _project(site)
        shown = self.shown
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

    def _update(self, site: Rendered, journeys: set[str]) -> Rebuilt:
        assert self.live is not None
        self._stop_planning()
        self.live.update(dict.fromkeys(journeys))
        result, plugin = self.live.result, site.plugin
        failures = build_failures(result, strict=plugin.strict)
        if plugin.preview_result(result, failures) is not result:
            return "banner"  # errors: the last good pages stay, the banner lists them
        if self.shown is None or not same_journeys(self.shown, result):
            raise FullBuild("a journey came or went")
        revisions = history(_project(site))
        if revisions != self.revisions or clock.today() != self.today:
            raise FullBuild("the history or the date changed")
        portfolio = result.validation.portfolio
        site.reorder(portfolio.journeys)
        # 1. the pages, diagrams and posters of the journeys the edit affects; then show them
        affected = affected_journeys(self.shown, result, self.edited)
        mine = self._figures(plugin, result, affected)
        inputs = plugin.site_inputs(result, site.config, revisions)
        drawing = _drawing(site, Figures(mine.by_journey, [], mine.too_large))
        posters = _posters(site, result, affected)
        site.render(plan_journey_pages(inputs, affected))
        _write(site, drawing, posters)
        self.shown, self.edited = result, set()
        self._publish()
        self._plan_portfolio(site)
        return "pages"

    def _plan_portfolio(self, site: Rendered) -> None:
        assert self.shown is not None
        inputs = site.plugin.site_inputs(self.shown, site.config, self.revisions)
        self.planning, self.unfinished = _Planning(inputs, self._request), True

    def _stop_planning(self) -> None:
        if self.planning is not None:
            self.planning.stop()
            self.planning = None

    def _portfolio(self, site: Rendered) -> Rebuilt:
        """2. the portfolio pages and diagrams, the journey pages' dates, the sitemap and
        the search index, of what the pages show, once planned; stopped when a newer
        change waits."""
        assert self.shown is not None
        planning = self.planning
        if planning is None:
            self._plan_portfolio(site)
            return "nothing"
        if not planning.future.done():
            return "nothing"
        self.planning = None
        try:
            pages = planning.future.result()
        except PlanningStopped:
            self._plan_portfolio(site)
            return "nothing"
        plugin, portfolio = site.plugin, self.shown.validation.portfolio
        dated = site_date(portfolio.journeys)
        plugin.redate(  # journeys never reviewed are dated by the newest review of all
            {links.journey(j.id): dated for j in portfolio.journeys if j.last_reviewed is None}
        )
        figures = plugin.figures
        drawing = _drawing(site, Figures({}, figures.portfolio, {})) if figures else None
        if not site.render(pages, self._pending):
            if drawing is not None:
                drawing.abandon()
            return "pages"  # the next rebuild carries on
        _write(site, drawing, None)
        site.finish()
        self.unfinished = False
        self._publish()
        return "pages"

    def _figures(
        self, plugin: JourneyspecPlugin, result: LintResult, affected: set[str]
    ) -> Figures:
        """The affected journeys' diagrams (and the portfolio's), also put in the plugin's."""
        old = plugin.figures
        if old is None:  # diagrams are off
            return Figures({}, [], {})
        mine = plan_figures(result.validation.portfolio, affected)
        names = {i: [d.name for d in old.by_journey.get(i, ())] for i in mine.by_journey}
        if {i: [d.name for d in found] for i, found in mine.by_journey.items()} != names:
            raise FullBuild("a diagram came or went")
        plugin.figures = Figures(
            {**old.by_journey, **mine.by_journey},
            mine.portfolio,
            {**{i: t for i, t in old.too_large.items() if i not in affected}, **mine.too_large},
        )
        return mine


class _Planning:
    """The portfolio pages being planned in a thread of their own (pure work: the model,
    the findings and the templates), stopped between pages when asked."""

    def __init__(self, inputs: SiteInputs, done: Callable[[], None]) -> None:
        self._stopped = threading.Event()
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journeyspec-planning")
        self.future: Future[list[PlannedPage]] = pool.submit(
            plan_site, inputs, journey_ids=(), stop=self._stopped.is_set
        )
        pool.shutdown(wait=False)
        self.future.add_done_callback(lambda _: None if self._stopped.is_set() else done())

    def stop(self) -> None:
        self._stopped.set()


def _watched(config: MkDocsConfig, project: ProjectConfig) -> list[Path]:
    """What the site is built from: the project's files, the docs and MkDocs' config."""
    found = [project.path(key) for key in ("journeys", "personas", *REGISTRIES)]
    if project.config_path is not None:
        found.append(project.config_path)
    found.append(Path(config.docs_dir))
    if config.config_file_path:
        found.append(Path(config.config_file_path))
    return found + [Path(item) for item in config.watch]


def _drawing(site: Rendered, figures: Figures) -> Drawing | None:
    if site.plugin.figures is None:  # diagrams are off
        return None
    root = _project(site).root
    return Drawing(figures, root, timeout=site.plugin.diagram_timeout())


def _posters(site: Rendered, result: LintResult, affected: set[str]) -> Posters | None:
    if not site.plugin.config.posters:
        return None
    from journeyspec.site.posters import Posters

    return Posters(result.validation.portfolio, Path(site.config.site_dir), affected)


def _write(site: Rendered, drawing: Drawing | None, posters: Posters | None) -> None:
    if drawing is not None:
        for src, svg in drawing.result():
            site.write(src, svg.encode("utf-8"))
        project = _project(site)
        journeys = display_path(project.path("journeys"), project.root)
        for finding in drawing.findings(site.plugin.paths, journeys):
            log.warning(str(finding))
    if posters is not None:
        posters.wait()  # written as drawn


def _project(site: Rendered) -> ProjectConfig:
    """The project the build found (a new journeyspec.yaml means a full build)."""
    if site.plugin.project is None:
        raise FullBuild("the plugin has no project")
    return site.plugin.project


def _our_plugin(config: MkDocsConfig) -> JourneyspecPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, JourneyspecPlugin):
            return plugin
    raise PluginError(
        f"{config.config_file_path}: the journeyspec plugin is not in its plugins; "
        "add `- journeyspec` under `plugins:`"
    )
