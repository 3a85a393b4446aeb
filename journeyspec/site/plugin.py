"""The MkDocs plugin: a plain ``mkdocs build`` or ``mkdocs serve`` generates every page.

``on_config`` finds the journeyspec project and sets the default navigation, ``on_files``
validates and lints the project and adds the planned pages, diagrams and assets as
generated files, ``on_pre_page`` gives pages content dates (so sitemaps are reproducible),
and ``on_serve`` watches the journey files so the site reloads when one changes.

The live preview (``serve``) never fails on the project's errors: while a file is invalid
it builds the pages of the last good lint again (or, before there was one, a page saying
none could be built) and ``on_page_content`` puts a banner listing the errors at
``file:line:col`` on top of every page. MkDocs keeps a plugin with ``on_startup`` for the
whole ``serve`` session, which is where the last good lint is kept.

Generated pages reach Markdown without their HTML blocks (``journeyspec.site.blocks``),
which wait compressed. When search is the only other plugin, they go back into a page only
when MkDocs writes it (``on_page_context``) and leave with it (``on_post_page``): MkDocs reads
every page before it writes the first, and a site's blocks are most of its text, so no
moment holds them all. With other plugins, ``on_page_content`` puts them back, so those
plugins see the page as Markdown would have made it. Around the search plugin's
``on_page_context`` the page's content is briefly its words-only copy, so search indexes the
same words without parsing every tag (only when search is the one plugin whose handler runs
in between, so no other plugin sees or changes the lean copy). Diagrams are drawn in the
background while the pages are rendered; ``on_post_build`` writes them (``on_build_error``
stops the drawing). A
diagram past a limit (``journeyspec.diagrams.limits``) is replaced by a text stand-in and
logged as a warning (so ``mkdocs build --strict`` fails); ``warnings`` keeps them as findings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from journeyspec import clock
from journeyspec.diagrams.limits import RULE, diagram_timeout
from journeyspec.errors import JourneyspecError
from journeyspec.escaping import neutral
from journeyspec.findings import Finding, Severity
from journeyspec.history import Revision, history, newest
from journeyspec.lint import LintResult, lint
from journeyspec.parallel import Progress
from journeyspec.project import ProjectConfig, display_path, load_config
from journeyspec.rules import RULES
from journeyspec.schema import REGISTRIES
from journeyspec.site import blocks, links, siblings
from journeyspec.site.plan import PlannedPage, SiteInputs, plan_site

if TYPE_CHECKING:
    from journeyspec.site.figures import Drawing, Figures
    from journeyspec.site.posters import Posters

log = logging.getLogger("mkdocs.plugins.journeyspec")


class JourneyspecConfig(base.Config):  # type: ignore[no-untyped-call]
    project = c.Optional(c.Type(str))
    """The folder of journeyspec.yaml (default: found upwards from mkdocs.yml's folder)."""
    strict = c.Optional(c.Type(bool))
    """Refuse to build while lint reports errors (invalid files always refuse). Unset: yes
    for ``mkdocs build`` and ``gh-deploy``, no for the live preview of ``serve``."""
    diagrams = c.Type(bool, default=True)
    """Render the Graphviz diagrams (turn off for a quicker preview)."""
    posters = c.Type(bool, default=True)
    """Publish each journey's workshop poster (posters/ID.pdf and .svg, linked from its page)."""


def build_failures(result: LintResult, *, strict: bool) -> list[Finding]:
    """The findings that stop a build: invalid files always, lint errors when strict."""
    chosen = result.validation.findings if not strict else result.findings
    return [f for f in chosen if f.severity >= Severity.ERROR]


def default_nav(docs: list[str], planned: set[str] | None = None) -> list[Any]:
    """Sections, not journeys: with 1,000 journeys every page still carries a short menu.

    Insights lists the pages the plan holds (``planned``; all but the optional ones
    before planning). Hand-written pages (``docs``, relative to docs_dir) follow, one
    section per folder; the generated project health page opens Authoring.
    """
    sections: dict[str, list[Any]] = {"Authoring": [{"Project health": links.HEALTH}]}
    for doc in docs:
        folder = doc.split("/", 1)[0] if "/" in doc else "More"
        sections.setdefault(folder.replace("-", " ").capitalize(), []).append(doc)
    return [
        {"Home": links.HOME},
        {"Journeys": links.JOURNEYS},
        {"Personas": links.PERSONAS},
        {"Teams": links.TEAMS},
        {"Insights": [{label: src} for label, src in siblings.present(planned or _ALWAYS)]},
        {"Reference": [{"Rules": links.RULES}, {"File format": links.FORMAT}]},
        *({name: pages} for name, pages in sections.items()),
    ]


# The Insights pages every plan holds; Themes and Touchpoints only when a project has them.
_ALWAYS = {
    links.PAIN_POINTS, links.OPPORTUNITIES, links.KPIS, links.HEATMAP, links.CHANNELS
}  # fmt: skip


def _edit_base(site: dict[str, Any]) -> str:
    repo, edit = site.get("repo_url"), site.get("edit_uri")
    return f"{str(repo).rstrip('/')}/{str(edit).strip('/')}/" if repo and edit else ""


def _escape_theme_values(config: MkDocsConfig) -> None:
    """Make the values themes print raw safe to print: Material writes ``site_name``,
    ``site_description`` and ``repo_url`` into HTML without escaping (header, nav, source
    partials), so a project name or repo URL holding markup would run on every page."""
    for key in ("site_name", "site_description"):
        if config[key]:
            config[key] = Markup.escape(neutral(str(config[key])))
    if config.repo_url:
        # Quotes, brackets and spaces percent-encoded: the URL cannot leave its attribute.
        config.repo_url = quote(str(config.repo_url), safe=":/?#[]@!$&()*+,;=%~")


BANNER_ID = "journeyspec-preview-errors"
SLOT = "<!-- journeyspec-preview-banner -->"  # where `journeyspec serve` shows the banner
BANNER_MAX = 20  # errors listed on every page; `journeyspec validate` lists them all


def banner(failures: list[Finding], *, stale: bool) -> str:
    """The preview's list of errors as HTML (Material's admonition), empty without any.

    ``stale``: the pages are the last good build's, not the files as they are now."""
    if not failures:
        return ""
    shown = "".join(
        f"<li><code>{Markup.escape(neutral(str(f)))}</code></li>" for f in failures[:BANNER_MAX]
    )
    more = len(failures) - BANNER_MAX
    if more > 0:
        shown += f"<li>and {more} more: run <code>journeyspec validate</code></li>"
    count = f"{len(failures)} error{'s' if len(failures) != 1 else ''}"
    state = (
        "these pages are the last good build; save a fix and they reload"
        if stale
        else "no site could be built yet; save a fix and it reloads"
    )
    return (
        f'<div class="admonition failure" id="{BANNER_ID}" role="alert">'
        f'<p class="admonition-title">The project has {count}: {state}</p>'
        f"<ul>{shown}</ul></div>\n"
    )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _unbuilt_home() -> PlannedPage:
    """The preview's only page while no build has succeeded yet: the banner lists why."""
    markdown = (
        "# No preview yet\n\nThe journeys cannot be shown until the errors above are fixed.\n"
    )
    return PlannedPage(links.HOME, markdown, in_nav=True, updated=dt.date(2000, 1, 1))


class _DrawnLater(File):
    """A diagram's file: known to MkDocs from the start, written once it is drawn."""

    def copy_file(self, dirty: bool = False) -> None:
        return None  # on_post_build writes it


class JourneyspecPlugin(BasePlugin[JourneyspecConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.project: ProjectConfig | None = None
        self.preloaded: LintResult | None = None  # set by `journeyspec build` to lint once
        self.command = "build"  # the MkDocs command running: a preview is never strict
        self.progress: Progress | None = None  # set by `journeyspec build` for its progress bar
        self.pages_done, self.pages_total = 0, 0
        self.dates: dict[str, dt.date] = {}
        self.site_date = dt.date(2000, 1, 1)
        self.site_name = ""
        self.blocks: dict[str, blocks.Packed] = {}  # page src -> its HTML blocks, until filled
        self.lean: dict[str, str] = {}  # page src -> words-only content, until search ran
        self.full: dict[str, str] = {}  # page src -> content, while search sees the lean one
        self.lean_search = False  # whether search alone runs between the swap and the restore
        self.late = False  # whether blocks are filled in only as each page is written
        self.drawing: Drawing | None = None
        self.drawn: list[File] = []
        self.paths: dict[str, str] = {}  # journey id -> its file, for diagram findings
        self.warnings: list[Finding] = []  # diagrams not drawn, of the last build
        self.last_good: LintResult | None = None  # the preview's last lint without failures
        self.banner = ""  # the preview's list of errors, on top of every page while any
        self.posters: Posters | None = None
        self.poster_files: list[File] = []
        self.docs: list[str] | None = None  # hand-written pages, when the nav is ours to make
        # Kept for `journeyspec serve`, which renders only what an edit changes (``livesite``):
        self.planned: dict[str, str] = {}  # page src -> digest of its Markdown as last planned
        self.figures: Figures | None = None  # the diagrams as last planned
        self.banner_slot = False  # put SLOT where the banner goes; the server fills it in

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.banner_slot = False  # MkDocs keeps this plugin for the process: a new session

    @property
    def strict(self) -> bool:
        chosen: bool | None = self.config.strict
        return chosen if chosen is not None else self.command != "serve"

    def find_project(self, config: MkDocsConfig) -> ProjectConfig:
        """The journeyspec project of the site: the plugin's ``project`` option, else found
        upwards from mkdocs.yml's folder."""
        start = self.config.project or str(Path(config.config_file_path or ".").parent)
        try:
            return load_config(Path(start))
        except JourneyspecError as exc:
            raise PluginError(f"journeyspec: {exc}") from None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project = self.find_project(config)
        site = self.project.site
        if site.get("repo_url") and not config.repo_url:
            config.repo_url = str(site["repo_url"])
        if site.get("title"):
            config.site_name = str(site["title"])
        # Pages escape what they show themselves, so they get the name before the theme's
        # copy is escaped.
        self.site_name = str(config.site_name or self.project.name)
        _escape_theme_values(config)
        config.extra_css.extend(
            [links.STYLESHEET, links.PORTFOLIO_STYLESHEET, links.PRINT_STYLESHEET]
        )
        config.extra_javascript.append(links.SCRIPT)
        if config.nav is None:
            docs_dir = Path(config.docs_dir)
            docs = sorted(
                p.relative_to(docs_dir).as_posix()
                for p in docs_dir.rglob("*.md")
                if p.relative_to(docs_dir).as_posix() != links.HOME
            )
            config.nav, self.docs = default_nav(docs), docs
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        project = self._project()
        if self.progress is not None:
            self.progress("planning the pages", 0, 0)
        # Used once: MkDocs may keep this plugin for the next build in the same process,
        # which must lint its own project, not reuse this one's findings.
        result, self.preloaded = self.preloaded or lint(project), None
        failures = build_failures(result, strict=self.strict)
        if failures and self.command != "serve":
            listing = "\n".join(str(f) for f in failures)
            raise PluginError(f"journeyspec: the project has errors, no site was built:\n{listing}")
        if self.command == "serve":
            shown = self.preview_result(result, failures)
            if shown is None:
                self._start_pages(config)
                self._add_pages(files, config, [self._split(_unbuilt_home())])
                self.drawing, self.drawn, self.figures = None, [], None
                return files
            result = shown
        portfolio = result.validation.portfolio
        self.drawing, self.drawn, self.warnings, self.figures = None, [], [], None
        self.paths = {j.id: j.path for j in portfolio.journeys}
        if self.config.diagrams:
            from journeyspec.site.figures import Drawing, plan_figures

            timeout = self.diagram_timeout()
            self.figures = plan_figures(portfolio)
            self.warnings = self._too_large(self.figures, result)
            self.drawing = Drawing(self.figures, project.root, timeout=timeout)
        self.posters, self.poster_files = None, []
        if self.config.posters:
            from journeyspec.site.posters import Posters

            self.posters = Posters(portfolio, Path(config.site_dir))
        self._start_pages(config)
        pages = plan_site(self.site_inputs(result, config, history(project)), keep=self._split)
        self._add_pages(files, config, pages)
        if self.docs is not None:  # our default nav: now that the plan is known, exactly it
            config.nav = default_nav(self.docs, {page.src for page in pages})
        if self.drawing is not None:
            self.drawn = [
                _DrawnLater.generated(config, s, content=b"") for s in self.drawing.sources
            ]
            for file in self.drawn:
                files.append(file)
        if self.posters is not None:
            self.poster_files = [
                _DrawnLater.generated(config, s, content=b"") for s in self.posters.sources
            ]
            for file in self.poster_files:
                files.append(file)
        for name in ("journeyspec.css", "portfolio.css", "journeyspec-print.css", "journeyspec.js"):
            content = (
                resources.files("journeyspec.site").joinpath("assets").joinpath(name).read_bytes()
            )
            files.append(File.generated(config, f"{links.ASSET_DIR}/{name}", content=content))
        self.pages_done, self.pages_total = 0, len(files.documentation_pages())
        return files

    def preview_result(self, result: LintResult, failures: list[Finding]) -> LintResult | None:
        """What the preview shows: ``result``, or while it has ``failures`` the last good
        lint (None before there was one); the banner lists the failures."""
        shown = self.last_good if failures else result
        self.last_good = shown
        self.banner = banner(failures, stale=shown is not None)
        return shown

    def diagram_timeout(self) -> float:
        try:
            return diagram_timeout(self._project().site)
        except JourneyspecError as exc:
            raise PluginError(f"journeyspec: {exc}") from None

    def site_inputs(
        self, result: LintResult, config: MkDocsConfig, revisions: tuple[Revision, ...]
    ) -> SiteInputs:
        """What the pages are planned from (the diagrams as ``self.figures`` holds them)."""
        project, figures = self._project(), self.figures
        site = project.site
        return SiteInputs(
            portfolio=result.validation.portfolio,
            findings=result.findings,
            rules=result.settings.practice if result.settings else RULES,
            site_name=self.site_name,
            description=str(site.get("description", "")),
            edit_base=_edit_base(site),
            today=clock.today(),
            figures=dict(figures.by_journey) if figures else {},
            portfolio_figures=list(figures.portfolio) if figures else [],
            directory_urls=config.use_directory_urls,
            lanes=project.lanes,
            posters=self.config.posters,
            history=revisions,
            changes_until=clock.pinned() or newest(revisions),
        )

    def _too_large(self, figures: Figures, result: LintResult) -> list[Finding]:
        """A warning at the ``next`` link past the limit, per flow diagram too large to draw."""
        found: list[Finding] = []
        for journey_id, why in figures.too_large.items():
            path = self.paths[journey_id]
            document = result.validation.document(path)
            found.append(
                document.finding(
                    why.pointer, RULE, why.message, severity=Severity.WARNING, hint=why.hint
                )
                if document is not None
                else Finding(path, 0, 0, RULE, why.message, Severity.WARNING, why.pointer, why.hint)
            )
        return found

    def _start_pages(self, config: MkDocsConfig) -> None:
        self.planned = {}
        self.blocks, self.lean, self.full = {}, {}, {}
        self.lean_search = self.search_alone_in_between(config)
        self.late = all(
            name in ("search", "journeyspec") or name.endswith(("/search", "/journeyspec"))
            for name in config.plugins
        )

    def _split(self, page: PlannedPage) -> PlannedPage:
        """The page as Markdown sees it; its blocks wait, packed, in ``self.blocks``."""
        self.planned[page.src] = _digest(page.markdown)
        split = blocks.split(page.markdown)
        self.blocks[page.src] = blocks.Packed.of(split.blocks)
        return dataclasses.replace(page, markdown=split.markdown)

    def _add_pages(self, files: Files, config: MkDocsConfig, pages: list[PlannedPage]) -> None:
        """Add planned pages, already ``_split``, as generated files."""
        self.dates = {page.src: page.updated for page in pages}
        self.site_date = max(self.dates.values(), default=self.site_date)
        for page in pages:
            if files.get_file_from_path(page.src) is not None:
                raise PluginError(
                    f"journeyspec: docs/{page.src} would hide a generated page; "
                    "rename or move the hand-written file"
                )
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(config, page.src, content=page.markdown, inclusion=inclusion)
            )

    def restage(self, pages: list[PlannedPage], files: Files) -> list[str]:
        """New versions of pages already in ``files`` (the preview's incremental rebuild):
        the pages whose Markdown changed, for the caller to have MkDocs render again."""
        changed: list[str] = []
        for page in pages:
            self.dates[page.src] = page.updated
            if self.planned.get(page.src) == _digest(page.markdown):
                continue
            changed.append(page.src)
            split = self._split(page)
            file = files.get_file_from_path(page.src)
            if file is None:
                raise PluginError(f"journeyspec: {page.src} is not a page of this build")
            file.content_string = split.markdown
        self.site_date = max(self.dates.values(), default=self.site_date)
        return changed

    def redate(self, dates: dict[str, dt.date]) -> None:
        """New dates of pages whose Markdown stays (the sitemap shows them)."""
        self.dates.update(dates)
        self.site_date = max(self.dates.values(), default=self.site_date)

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        # Content dates instead of the build date keep sitemap.xml(.gz) byte-identical.
        page.update_date = self.dates.get(page.file.src_uri, self.site_date).isoformat()
        return page

    @event_priority(100)  # first: other plugins see the page as Markdown would have made it
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        html = (SLOT if self.banner_slot else self.banner) + html
        src = page.file.src_uri
        packed = self.blocks.get(src)
        if packed is None:  # a hand-written page
            return html
        if page.present_anchor_ids is not None:  # ids links from other pages may point at
            page.present_anchor_ids |= packed.anchors
        if self.late:
            return html  # filled in on_page_context, as the page is written
        del self.blocks[src]
        found = packed.blocks()
        if self.lean_search:
            self.lean[src] = blocks.lean(html, found)
        return blocks.fill(html, found)

    @event_priority(100)  # before the search plugin indexes the page
    def _lean_for_search(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        src = page.file.src_uri
        packed = self.blocks.pop(src, None) if self.late else None
        if packed is not None and page.content is not None:
            found = packed.blocks()
            if self.lean_search:
                self.lean[src] = blocks.lean(page.content, found)
            page.content = blocks.fill(page.content, found)
        lean = self.lean.pop(src, None)
        if lean is not None and page.content is not None:
            self.full[page.file.src_uri] = page.content
            page.content = lean
        return context

    @event_priority(-100)  # after it, before the theme renders the page
    def _full_after_search(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        full = self.full.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full
        return context

    on_page_context = CombinedEvent(_lean_for_search, _full_after_search)

    def search_alone_in_between(self, config: MkDocsConfig) -> bool:
        """Whether the search plugin's handler is the only one between the swap and the
        restore: another plugin there would see the lean copy, and lose what it changed."""
        handlers = config.plugins.events["page_context"]
        mine = [i for i, h in enumerate(handlers) if getattr(h, "__self__", None) is self]
        if len(mine) != 2:
            return False
        between = handlers[mine[0] + 1 : mine[1]]
        searches = [
            plugin
            for name, plugin in config.plugins.items()
            if name == "search" or name.endswith("/search")
        ]
        return len(between) == 1 and any(
            getattr(between[0], "__self__", None) is plugin for plugin in searches
        )

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self.late:
            page.content = None  # written now; no other plugin reads it later
        if self.progress is not None:
            self.pages_done += 1
            self.progress("writing pages", self.pages_done, self.pages_total)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.posters is not None:
            self.posters.wait()  # each was written as it was drawn
            self.posters, self.poster_files = None, []
        if self.drawing is None:
            return
        if self.progress is not None:
            self.progress(f"drawing {len(self.drawn)} diagrams", 0, 0)
        drawn = self.drawing.result()
        for file, (_, svg) in zip(self.drawn, drawn, strict=True):
            write_file(svg.encode("utf-8"), file.abs_dest_path)
        project = self._project()
        journeys = display_path(project.path("journeys"), project.root)
        self.warnings = sorted([*self.warnings, *self.drawing.findings(self.paths, journeys)])
        for finding in self.warnings:
            log.warning(str(finding))
        self.drawing, self.drawn = None, []

    def on_build_error(self, *, error: Exception) -> None:
        self.abandon_drawing()

    def abandon_drawing(self) -> None:
        """Stop drawing: kill the running ``dot`` processes and wait for the drawing thread,
        and stop the posters."""
        if self.posters is not None:
            self.posters.abandon()
            self.posters, self.poster_files = None, []
        if self.drawing is not None:
            self.drawing.abandon()
            self.drawing, self.drawn = None, []

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        project = self._project()
        watched = [project.path(key) for key in ("journeys", "personas", *REGISTRIES)]
        if project.config_path is not None:
            watched.append(project.config_path)
        for path in watched:
            if path.exists():
                server.watch(str(path))
        return server

    def _project(self) -> ProjectConfig:
        if self.project is None:
            raise PluginError("journeyspec: the plugin was not configured")
        return self.project
