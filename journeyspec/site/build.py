"""Building the site safely: lint first, build beside the target, then swap it in.

A failing build leaves the previous site as it was; the build only ever removes its own
staging folders (``output``, ``claims``) and a site it built (its manifest says so).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from journeyspec.diagrams.limits import diagram_timeout
from journeyspec.errors import BuildError
from journeyspec.findings import Finding, Severity
from journeyspec.lint import LintResult, lint
from journeyspec.parallel import Progress
from journeyspec.project import ProjectConfig
from journeyspec.site.claims import Claim, remove_abandoned
from journeyspec.site.output import Staging, check_output, publish, remove_debris
from journeyspec.site.plugin import JourneyspecPlugin, build_failures

MKDOCS_FILE = "mkdocs.yml"
WORKDIR_PREFIX = "journeyspec-mkdocs-"


class ProjectErrors(BuildError):
    """Raised when files are invalid or (when strict, the default) lint finds errors:
    nothing was built."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} error(s); no site was built")
        self.findings = findings


@dataclass(frozen=True)
class Built:
    """The published site, the lint run, and the diagrams not drawn (as warnings)."""

    site_dir: Path
    lint: LintResult
    warnings: list[Finding] = field(default_factory=list)


@contextlib.contextmanager
def mkdocs_workdir() -> Iterator[Path]:
    """A claimed folder in the temporary folder for MkDocs' settings, removed afterwards;
    those of killed builds and previews are removed first."""
    temporary = Path(tempfile.gettempdir())
    remove_abandoned(temporary, WORKDIR_PREFIX)
    claim = Claim(temporary, WORKDIR_PREFIX)
    try:
        yield claim.path
    finally:
        claim.remove()


def mkdocs_settings(config: ProjectConfig, workdir: Path, **overrides: Any) -> dict[str, Any]:
    """How to load MkDocs for the project: its mkdocs.yml, else journeyspec's defaults.

    The defaults are written as a real config file in ``workdir`` (with an empty docs
    folder beside it), because ``mkdocs serve`` reloads its config file on every rebuild.
    """
    own = config.root / MKDOCS_FILE
    if own.is_file():
        if not _names_docs_dir(own) and not (config.root / "docs").is_dir():
            # docs/ holds only hand-written pages: a project without any still builds.
            overrides = {"docs_dir": str(_empty_docs(workdir)), **overrides}
        return {"config_file": str(own), **overrides}
    packaged = resources.files("journeyspec.site").joinpath("default-mkdocs.yml")
    settings = yaml.safe_load(packaged.read_text(encoding="utf-8"))
    settings.update(
        site_name=config.name,
        docs_dir=str(_empty_docs(workdir)),
        site_dir=str(config.root / "site"),
        plugins=["search", {"journeyspec": {"project": str(config.root)}}],
    )
    written = workdir / MKDOCS_FILE
    written.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return {"config_file": str(written), **overrides}


def _empty_docs(workdir: Path) -> Path:
    docs = workdir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    return docs


def _names_docs_dir(mkdocs_file: Path) -> bool:
    """Whether mkdocs.yml sets docs_dir itself: a folder it names must exist (a typo there
    is an error), only the default ``docs/`` may be missing."""
    try:
        with mkdocs_file.open("rb") as stream:
            # MkDocs' own reading (``!ENV``, ``INHERIT``), but with the safe loader.
            settings = yaml_load(stream, get_yaml_loader(yaml.SafeLoader))
    except (OSError, yaml.YAMLError, MkDocsException):
        return True  # MkDocs reports the broken file itself
    return not isinstance(settings, dict) or "docs_dir" in settings


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    config: ProjectConfig,
    *,
    site_dir: Path | None = None,
    strict: bool = True,
    warnings_are_errors: bool = False,
    progress: Progress | None = None,
) -> Built:
    """Lint, build into a staging folder and swap it in; raise without touching the old site.

    Invalid files always stop the build; lint errors too unless ``strict`` is False.
    ``progress`` hears how the files are checked, the pages written, the diagrams drawn.
    Diagrams past a limit are warnings in ``Built.warnings``; with ``warnings_are_errors``
    they are errors (ProjectErrors) and nothing is published.
    """
    diagram_timeout(config.site)  # a bad $JOURNEYSPEC_DIAGRAM_TIMEOUT stops us before any work
    with mkdocs_workdir() as workdir:
        settings = mkdocs_settings(config, workdir)
        mkdocs_config: MkDocsConfig = _load(settings)
        # Refuse a dangerous output folder before doing any work at all.
        target = check_output(site_dir or Path(mkdocs_config.site_dir), config)
        result = lint(config, progress=progress)
        failures = build_failures(result, strict=strict)
        if failures:
            raise ProjectErrors(failures)
        remove_debris(target)
        try:
            staging = Staging(target)
        except OSError as error:
            raise BuildError(f"cannot create a staging folder beside {target}: {error}") from None
        try:
            warnings = _build(mkdocs_config, staging.site, result, strict=strict, progress=progress)
            if warnings_are_errors and warnings:
                raise ProjectErrors(
                    [dataclasses.replace(w, severity=Severity.ERROR) for w in warnings]
                )
            publish(staging, target)
        except OSError as error:
            staging.discard()
            raise BuildError(f"the new site could not be put in place: {error}") from None
        except BaseException:
            staging.discard()
            raise
    return Built(target, result, warnings)


def _build(
    mkdocs_config: MkDocsConfig,
    site: Path,
    result: LintResult,
    *,
    strict: bool,
    progress: Progress | None = None,
) -> list[Finding]:
    """Run MkDocs into ``site``; the diagram warnings, or BuildError."""
    mkdocs_config.site_dir = str(site)
    plugin = mkdocs_config.plugins.get("journeyspec")
    if not isinstance(plugin, JourneyspecPlugin):
        raise BuildError(
            f"{mkdocs_config.config_file_path}: the journeyspec plugin is not in its plugins; "
            "add `- journeyspec` under `plugins:`"
        )
    plugin.preloaded = result
    plugin.progress = progress
    plugin.config.strict = strict
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        mkdocs_build(mkdocs_config)
    except (MkDocsException, OSError) as exc:
        details = "; ".join(collect.messages) or str(exc)
        raise BuildError(f"the site could not be built: {details}") from None
    except BaseException:
        plugin.abandon_drawing()  # Ctrl-C: MkDocs tells plugins only of exceptions
        raise
    finally:
        logger.removeHandler(collect)
        plugin.preloaded = None
    return plugin.warnings


def _load(settings: dict[str, Any]) -> MkDocsConfig:
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        loaded: MkDocsConfig = load_mkdocs_config(**settings)
    except MkDocsException as exc:
        # MkDocs logs what is wrong and raises only "Aborted with a configuration error!".
        details = "; ".join(collect.messages) or str(exc)
        raise BuildError(f"{settings['config_file']}: {details}") from None
    finally:
        logger.removeHandler(collect)
    return loaded
