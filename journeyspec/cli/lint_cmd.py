"""``journeyspec lint``: validation plus practice rules, in the formats CI needs."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from journeyspec import git
from journeyspec.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    guarded,
    note_if_empty,
    path_prefix,
    project_config,
    repository_prefix,
    repository_root,
    use_colour,
)
from journeyspec.cli.completion import complete_report_formats, complete_rule_settings
from journeyspec.cli.progress import progress_bar, quiet_option
from journeyspec.errors import UsageError
from journeyspec.findings import Severity
from journeyspec.lint import LintResult, lint, settings_from
from journeyspec.lint.baseline import read_baseline, write_baseline
from journeyspec.lint.catalogue import rule_infos
from journeyspec.lint.changes import changed_since
from journeyspec.lint.settings import LintSettings
from journeyspec.outputs import output_path
from journeyspec.paths import write_file
from journeyspec.project import ProjectConfig, select
from journeyspec.report import Report
from journeyspec.reporters import REPORTERS
from journeyspec.rules.base import PROFILES
from journeyspec.validation import Also
from journeyspec.wording import counted

SEVERITIES = ("error", "warning", "info")


def parse_formats(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, str | None]]:
    """``NAME`` or ``NAME:FILE`` per value, NAME one of ``REPORTERS``."""
    parsed: list[tuple[str, str | None]] = []
    for value in values:
        name, _, target = value.partition(":")
        if name not in REPORTERS:
            raise click.BadParameter(
                f"unknown format {name!r}; choose from {', '.join(REPORTERS)}", ctx, param
            )
        if target and (Path(target).is_dir() or target.endswith(("/", os.sep))):
            raise click.BadParameter(
                f"{target} is a folder; name the {name} report's file, "
                f"e.g. {name}:{Path(target) / ('lint.' + name)}",
                ctx,
                param,
            )
        parsed.append((name, target or None))
    return parsed


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "formats",
    multiple=True,
    callback=parse_formats,
    shell_complete=complete_report_formats,
    metavar="NAME[:FILE]",
    help=f"Output format ({', '.join(REPORTERS)}), to stdout or to FILE; repeatable. "
    "Default: github when GITHUB_ACTIONS=true, else text.",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    help="Lowest severity that makes the exit code 1 (default: lint.fail_on, else error).",
)
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    help="Start from this profile instead of lint.extends.",
)
@click.option(
    "--rule",
    "rules",
    multiple=True,
    metavar="RULE=SETTING",
    shell_complete=complete_rule_settings,
    help="Set a rule to off, error, warning or info, over every configured setting; repeatable.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings not accepted in this baseline file.",
)
@click.option(
    "--write-baseline",
    "baseline_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings in this file (then exit 0).",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Lint only the files changed since this git revision and the files using what "
    "they define (all of them when journeyspec.yaml changed); references still resolve "
    "against the whole project.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Judge dates (overdue reviews, due dates) as of this day, YYYY-MM-DD.",
)
@click.option(
    "--no-plugins",
    is_flag=True,
    help="Do not load the project's own rules (lint.plugins, installed packages): they are "
    "code from the repository. Also JOURNEYSPEC_NO_PLUGINS=1.",
)
@quiet_option
@config_option
@guarded
def lint_command(
    paths: tuple[str, ...],
    formats: list[tuple[str, str | None]],
    fail_on: str | None,
    profile: str | None,
    rules: tuple[str, ...],
    baseline: Path | None,
    baseline_out: Path | None,
    changed_since: str | None,
    today: dt.datetime | None,
    no_plugins: bool,
    quiet: bool,
    config_file: Path | None,
) -> int:
    """Validate journeys and judge them against practice rules (see `journeyspec rules`).

    With PATHS (files or folders), only those files are reported; references are still
    resolved against the whole project. Exit codes: 0 nothing at or above --fail-on,
    1 findings at or above it, 2 usage or configuration error.
    """
    if baseline and baseline_out:
        raise UsageError("use either --baseline or --write-baseline, not both")
    outputs = list(formats) or [(_default_format(), None)]
    if sum(1 for _, target in outputs if target is None) > 1:
        raise UsageError("only one --format may print to the terminal; give the others a :FILE")
    config = project_config(config_file, required=True)
    targets = {
        target: output_path(target, config, what=f"--format {name}:{target}")
        for name, target in outputs
        if target is not None and not _is_step_summary(Path(target))
    }
    baseline_target = None
    if baseline_out:
        baseline_target = output_path(baseline_out, config, what=f"--write-baseline {baseline_out}")
    settings = settings_from(
        config, profile=profile, rules=rules, fail_on=fail_on, plugins=False if no_plugins else None
    )
    accepted = read_baseline(baseline) if baseline else None
    selection, also = _selection(config, paths, changed_since)
    day = today.date() if today else None
    result = None
    if selection is not None:
        with progress_bar(quiet) as progress:
            result = lint(
                config,
                selection,
                today=day,
                settings=settings,
                baseline=accepted,
                models=False,
                also=also,
                progress=progress,
            )
    if baseline_out and baseline_target:
        count = write_baseline(baseline_target, result.findings if result else [])
        click.echo(
            f"journeyspec: wrote {counted(count, 'finding')} to {baseline_out}",
            err=True,
        )
        return EXIT_CLEAN
    report = _report(config, result, settings)
    report = _for_code_host(report, config, [name for name, _ in outputs], changed_since)
    _print(report, outputs, targets)
    if all(target is not None for _, target in outputs):
        click.echo(_summary_line(report, [target for _, target in outputs if target]), err=True)
    if changed_since is None:
        note_if_empty(config, report.files_checked, paths)
    if baseline and result is not None and result.unmatched:
        entries = counted(result.unmatched, "baseline entry", "baseline entries")
        verb = "matches" if result.unmatched == 1 else "match"
        click.echo(
            f"journeyspec: {entries} no longer {verb} a finding (fixed, or changed); refresh "
            f"with --write-baseline {baseline}",
            err=True,
        )
    return EXIT_FINDINGS if report.failed else EXIT_CLEAN


def _summary_line(report: Report, targets: list[str]) -> str:
    """One line for the terminal when every report went to a file, so a run is never silent."""
    counts = [
        counted(report.count(severity), severity.label)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    return (
        f"journeyspec: {report.files_checked} files checked, {', '.join(counts)}; "
        f"wrote {', '.join(targets)}"
    )


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _selection(
    config: ProjectConfig, paths: tuple[str, ...], ref: str | None
) -> tuple[list[str] | None, Also | None]:
    """What to lint: PATHS (none = the whole project), narrowed to what changed since
    ``ref`` when given: the files changed and (``also``) the files using an id whose
    definition changed; ``None`` when nothing changed, so nothing is linted."""
    if ref is None:
        return list(paths), None
    changes = changed_since(config, ref)
    wanted = select(paths, config) if paths else None
    if changes.everything:
        return list(paths), None
    changed = [path for path in changes.files if wanted is None or path in wanted]
    if not changed and not any(changes.ids.values()):
        click.echo(f"journeyspec: no journeys changed since {ref}", err=True)
        return None, None

    def also(path: str, data: object) -> bool:
        return (wanted is None or path in wanted) and changes.uses_changed(data)

    return [str(config.root / path) for path in changed], also


def _report(config: ProjectConfig, result: LintResult | None, settings: LintSettings) -> Report:
    fail_on, infos = settings.fail_on, rule_infos(settings.docs_url, settings.custom)
    if result is None:
        return Report("lint", (), 0, prefix=path_prefix(config), rules=infos, fail_on=fail_on)

    def source(path: str, line: int) -> str:
        document = result.validation.document(path)
        return document.line_text(line) if document else ""

    return Report(
        "lint",
        tuple(result.findings),
        len(result.files),
        source,
        path_prefix(config),
        rules=infos,
        fail_on=fail_on,
        files=result.files,
        baselined=result.baselined,
    )


# Formats a code host reads: their paths must lead from the repository root.
REPOSITORY_FORMATS = ("github", "sarif", "junit")


def _for_code_host(
    report: Report, config: ProjectConfig, formats: list[str], changed_since: str | None
) -> Report:
    """``report`` with what the repository formats need: paths from the repository root, and
    for annotations the files the pull request changed (shown first)."""
    if not any(name in REPOSITORY_FORMATS for name in formats):
        return report
    repository = repository_root(config)
    uri = repository.as_uri()
    changed = _changed(config, changed_since) if "github" in formats else frozenset()
    return replace(
        report,
        repo_prefix=repository_prefix(config, repository),
        repo_uri=uri if uri.endswith("/") else uri + "/",
        changed=changed,
    )


def _changed(config: ProjectConfig, ref: str | None) -> frozenset[str]:
    """The journeys changed since ``--changed-since``, else, on a GitHub pull request, since
    its base branch when that branch was fetched (``origin/$GITHUB_BASE_REF``)."""
    base = os.environ.get("GITHUB_BASE_REF")
    if ref is None and base:
        root, branch = config.root, f"origin/{base}"
        try:
            known = git.in_repository(root) and git.is_revision(root, branch)
        except UsageError:  # no git: keep the usual order
            known = False
        ref = branch if known else None
    return frozenset(changed_since(config, ref).files) if ref else frozenset()


def _print(report: Report, outputs: list[tuple[str, str | None]], targets: dict[str, Path]) -> None:
    for name, target in outputs:
        if target is None:
            REPORTERS[name](report, sys.stdout, name == "text" and use_colour(sys.stdout))
            continue
        buffer = io.StringIO()
        REPORTERS[name](report, buffer, False)
        if target in targets:
            write_file(targets[target], buffer.getvalue(), replace=True)
        else:
            # The step summary is shared by every command of a GitHub Actions step: add to
            # it rather than replace what earlier commands wrote.
            with Path(target).open("a", encoding="utf-8", newline="\n") as stream:
                stream.write(buffer.getvalue())


def _is_step_summary(path: Path) -> bool:
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    return bool(summary) and path.resolve() == Path(str(summary)).resolve()
