"""The live project: one project held in memory between edits, re-examined where it changed.

``lint`` reads, checks and judges every file of a project, then runs the checks across
journeys. A language server (and ``serve``'s preview) needs the same answer after every
keystroke, so ``LiveProject`` keeps what each file gave (its findings, outline, rule
findings and suppressions, and its model when asked) and, after an edit of a journey,
examines that journey alone (load, schema, references, model, rules, in this process),
then runs only the checks across journeys again, on the outlines it kept. An edit of a
persona, a registry or the configuration can change what any journey is found to hold:
those re-examine the whole project (through the content cache, as ``lint`` does).
The same functions as ``lint`` do the work (``validation.Examiner``,
``validation.assemble``, ``engine.conclude``): ``result`` is what ``lint`` would return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from journeyspec import clock
from journeyspec.cache import open_cache
from journeyspec.findings import Finding
from journeyspec.lint.engine import LintResult, conclude, judge_for
from journeyspec.lint.settings import LintSettings, settings_from
from journeyspec.parallel import Job, check_files, keep
from journeyspec.project import (
    CONFIG_NAME,
    ProjectConfig,
    discover,
    display_path,
    load_config,
    refusal,
)
from journeyspec.pyproject import NAME as PYPROJECT
from journeyspec.validation import Examined, Examiner, Registry, Validation, assemble


class LiveProject:
    """The project held in memory between edits: each file's findings, outline, rule
    findings and suppressions (and, when asked, model), re-examined only where its text
    changed. Not thread-safe: one caller updates it at a time."""

    def __init__(self, config: ProjectConfig, today: dt.date | None, models: bool) -> None:
        self.config = config
        self.models = models
        self._today = today  # None: the clock's date, looked at on every update
        self._overlay: dict[str, bytes] = {}  # path -> text given instead of the file's
        self._settings: LintSettings = settings_from(config)
        self._jobs: list[Job] = []
        self._refused: list[Finding] = []
        self._registry = Registry([])
        self._examiner = Examiner(self._registry, config, None, None, models, None)
        self._examined: dict[str, Examined] = {}  # journey path -> what examining it gave
        self._validation: Validation | None = None
        self._findings: list[Finding] = []
        self._judged_on = today or clock.today()

    @classmethod
    def open(
        cls, config: ProjectConfig, *, today: dt.date | None = None, models: bool = False
    ) -> LiveProject:
        """Read, check and judge every file of the project (as ``lint`` does)."""
        live = cls(config, today, models)
        live._examine_all()
        live._conclude()
        return live

    def update(self, texts: Mapping[str, str | None]) -> set[str]:
        """Take new texts by project-relative path (None: read the file from disk again, or it
        is gone); re-examine only what they can affect; return the paths whose findings changed."""
        for path, text in texts.items():
            if text is None:
                self._overlay.pop(path, None)
            else:
                self._overlay[path] = text.encode("utf-8")
        before = _by_path(self._findings)
        self._refresh(texts)
        self._conclude()
        after = _by_path(self._findings)
        return {
            path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
        }

    @property
    def result(self) -> LintResult:
        """What `lint(config)` (with models=True when opened with models) would return now,
        findings identical, validation.portfolio holding the current models."""
        assert self._validation is not None  # made by ``open``
        return LintResult(self._validation, list(self._findings), self._settings)

    # What an edit re-examines -------------------------------------------------------------

    def _refresh(self, texts: Mapping[str, str | None]) -> None:
        kinds = {display: kind for _, display, kind in self._jobs}
        if any(text is None and self._configures(path) for path, text in texts.items()):
            self._reconfigure()
        elif self._today is None and clock.today() != self._judged_on:
            self._examine_all()  # a new day: reviews and suppressions may have expired
        elif any(kinds.get(path, "journey") != "journey" for path in texts):
            self._examine_all()  # a persona or a registry: any journey may name what changed
        elif any(
            text is None
            and (path not in kinds or refusal(self.config.root / path, self.config.root))
            for path, text in texts.items()
        ):
            # A file came or went, or is now one discovery refuses (a link out of the
            # project): never read through it, as ``lint`` would not.
            self._rediscover(set(texts))
        else:
            # A buffer of a file that is not in the project (yet) changes nothing, as in ``lint``.
            self._examine_journeys(path for path in texts if path in kinds)

    def _configures(self, path: str) -> bool:
        if self.config.config_path is not None:
            return path == display_path(self.config.config_path, self.config.root)
        return path in (CONFIG_NAME, PYPROJECT)

    def _reconfigure(self) -> None:
        config = self.config
        if config.config_path is not None and config.config_path.parent != config.root:
            config = load_config(config.root, config_file=config.config_path)
        else:
            config = load_config(config.root)
        settings = settings_from(config)
        self.config, self._settings = config, settings
        self._examine_all()

    def _rediscover(self, paths: set[str]) -> None:
        """Files came or went: journeys are examined alone, anything else means all."""
        jobs, refused = self._discover()
        others = [job for job in jobs if job[2] != "journey"]
        if others != [job for job in self._jobs if job[2] != "journey"] or refused != self._refused:
            self._examine_all()
            return
        self._jobs = jobs
        known = set(self._examined)
        present = {display for _, display, kind in jobs if kind == "journey"}
        for gone in known - present:
            del self._examined[gone]
        self._examine_journeys((present - known) | (paths & present))

    def _examine_journeys(self, paths: Iterable[str]) -> None:
        wanted = set(paths)
        jobs = [job for job in self._jobs if job[1] in wanted]
        for examined in check_files(None, jobs, self._examiner, overlay=self._overlay):
            self._examined[examined.document.path] = examined

    def _discover(self) -> tuple[list[Job], list[Finding]]:
        files, refused = discover(self.config)
        root = self.config.root
        return [(f.path, display_path(f.path, root), f.schema) for f in files], refused

    def _examine_all(self) -> None:
        """Everything again, as ``validate_project`` does it (the cache spares the parsing)."""
        self._judged_on = self._today or clock.today()
        self._jobs, self._refused = self._discover()
        cache = open_cache(self.config.root)
        others = [job for job in self._jobs if job[2] != "journey"]
        checked = check_files(cache, others, keep, overlay=self._overlay)
        self._registry = Registry(list(zip(checked, others, strict=True)))
        judge = judge_for(self.config, self._settings, self._judged_on)
        self._examiner = Examiner(self._registry, self.config, judge, None, self.models, None)
        journeys = [job for job in self._jobs if job[2] == "journey"]
        examined = check_files(cache, journeys, self._examiner, overlay=self._overlay)
        self._examined = {e.document.path: e for e in examined}
        if cache is not None:
            cache.prune()

    def _conclude(self) -> None:
        examined = [self._examined[display] for _, display, kind in self._jobs if kind == "journey"]
        self._validation = assemble(
            self.config, self._jobs, self._refused, self._registry, examined, None
        )
        self._findings = conclude(self._validation, self._settings)


def _by_path(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.path, []).append(finding)
    return grouped
