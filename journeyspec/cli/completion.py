"""Shell completion of values: rule ids, journey ids and report formats.

click drives the protocol (``_JOURNEYSPEC_COMPLETE=bash_source journeyspec`` prints the
script); these functions only answer "what could come next". Completion runs on every
Tab press, so a broken or missing project completes nothing rather than printing an error
into the user's prompt.
"""

from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import CompletionItem

from journeyspec.errors import JourneyspecError
from journeyspec.lint.catalogue import summary
from journeyspec.lint.settings import all_rules
from journeyspec.loader import read_document
from journeyspec.project import discover, load_config
from journeyspec.reporters import REPORTERS

SETTINGS = ("off", "error", "warning", "info")


def complete_rule_ids(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    return [
        CompletionItem(rule.ID, help=summary(rule.__doc__))
        for rule in all_rules()
        if rule.ID.startswith(incomplete)
    ]


def complete_rule_settings(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """``--rule RULE=SETTING``: the rule ids, then (after ``=``) the settings."""
    rule_id, equals, setting = incomplete.partition("=")
    if not equals:
        return complete_rule_ids(ctx, param, incomplete)
    return [CompletionItem(f"{rule_id}={s}") for s in SETTINGS if s.startswith(setting)]


def complete_report_formats(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """``--format NAME[:FILE]``: the names; after ``NAME:`` the shell completes the file."""
    if ":" in incomplete:
        return [CompletionItem(incomplete.partition(":")[2], type="file")]
    return [CompletionItem(name) for name in REPORTERS if name.startswith(incomplete)]


def complete_journey_ids(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The ids of the project's journeys (the project of ``--config`` when already given)."""
    config_file = ctx.params.get("config_file")
    try:
        config = load_config(Path.cwd(), config_file=config_file)
        files, _ = discover(config)
    except (JourneyspecError, OSError):
        return []
    ids: list[CompletionItem] = []
    for source in files:
        if source.schema != "journey":
            continue
        data = read_document(source.path, source.path.name).data
        journey_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(journey_id, str) or not journey_id.startswith(incomplete):
            continue
        # An id of an invalid file may hold anything: offer only what is one shell word.
        if journey_id.isprintable() and " " not in journey_id:
            # One line: zsh and fish read a completion and its help line by line.
            title = " ".join(str(data.get("title", "")).split())
            ids.append(CompletionItem(journey_id, help=title[:80]))
    return sorted(ids, key=lambda item: str(item.value))
