"""``journeyspec rules``: the rule reference, from the rules' own docstrings."""

from __future__ import annotations

import inspect

import click

from journeyspec.cli.common import guarded, project_config
from journeyspec.cli.completion import complete_rule_ids
from journeyspec.errors import UsageError
from journeyspec.lint.catalogue import summary
from journeyspec.lint.plugins import load_rules
from journeyspec.lint.settings import all_rules, did_you_mean
from journeyspec.rules.base import Rule


@click.command()
@click.argument("rule_id", required=False, metavar="[RULE-ID]", shell_complete=complete_rule_ids)
@guarded
def rules(rule_id: str | None) -> int:
    """List the lint rules, or print the documentation of RULE-ID.

    The profile is the least strict one that turns the rule on
    (minimal < recommended < strict); set `lint.extends` in journeyspec.yaml to choose.
    The project's own rules (lint.plugins, installed packages) are listed after the
    built-in ones; JOURNEYSPEC_NO_PLUGINS=1 leaves them out.
    """
    if rule_id is None:
        listed = _known()
        width = max(len(rule.ID) for rule in listed)
        for rule in listed:
            click.echo(
                f"{rule.ID:<{width}}  {rule.SEVERITY.label:<7}  {rule.PROFILE:<11}  "
                f"{summary(rule.__doc__)}"
            )
        return 0
    return _describe(rule_id)


@click.command()
@click.argument("rule_id", metavar="RULE-ID", shell_complete=complete_rule_ids)
@guarded
def explain(rule_id: str) -> int:
    """Print what RULE-ID checks, why, and a failing and a passing example.

    The same as `journeyspec rules RULE-ID`, under the name other linters use.
    """
    return _describe(rule_id)


def _describe(rule_id: str) -> int:
    known = _known()
    found = next((r for r in known if rule_id == r.ID), None)
    if found is None:
        raise UsageError(f"unknown rule `{rule_id}`; {did_you_mean(rule_id, known)}")
    click.echo(_documentation(found))
    return 0


def _known() -> tuple[Rule, ...]:
    """The built-in rules and the project's own, if the working directory is in a project."""
    config = project_config(None)
    return all_rules(load_rules(config))


def _documentation(rule: Rule) -> str:
    lines = [
        rule.ID,
        "=" * len(rule.ID),
        f"severity: {rule.SEVERITY.label}    profile: {rule.PROFILE} and stricter",
    ]
    origin = getattr(rule, "origin", None)
    if origin:
        lines.append(f"custom rule from {origin}")
    if rule.OPTIONS:
        lines.append("options:")
        for name, option in rule.OPTIONS.items():
            lines.append(f"  {name} (default {option.default!r}): {option.description}")
    else:
        lines.append("options: none")
    lines += ["", inspect.cleandoc(rule.__doc__ or "")]
    return "\n".join(lines)
