"""Lint settings: profiles, ``extends``, per-rule settings, per-path overrides and CLI flags.

Merged in one order — built-in profile ← ``extends`` ← ``lint.rules`` ← matching
``overrides`` ← CLI flags — and validated once, so an unknown rule id, an unknown option
or an option of the wrong type is a configuration error naming it, at its place in
journeyspec.yaml.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeyspec.errors import ConfigError
from journeyspec.findings import Finding, Severity
from journeyspec.lint.catalogue import ENGINE_RULES, configurable_ids
from journeyspec.lint.globs import compile_glob, matches
from journeyspec.lint.helplinks import docs_url as published_docs
from journeyspec.lint.plugins import load_rules, plugins_enabled
from journeyspec.project import ConfigFileError, ProjectConfig, read_config
from journeyspec.rules import RULES
from journeyspec.rules.base import PROFILES, Profile, Rule
from journeyspec.sourcemap import join

DEFAULT_PROFILE: Profile = "recommended"
_SEVERITIES = ("off", "error", "warning", "info")


@dataclass(frozen=True)
class RuleSetting:
    """How one rule runs on one file: its severity (``None`` = off) and its options."""

    severity: Severity | None
    options: Mapping[str, Any]

    @property
    def enabled(self) -> bool:
        return self.severity is not None


@dataclass(frozen=True)
class Patch:
    """One layer's setting for a rule: ``off``, or on with an optional severity and options.

    A mapping turns a rule on: configuring a rule's options says you want it to run.
    """

    enabled: bool
    severity: Severity | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def apply(self, setting: RuleSetting, default: Severity) -> RuleSetting:
        if not self.enabled:
            return RuleSetting(None, setting.options)
        severity = self.severity or setting.severity or default
        return RuleSetting(severity, {**setting.options, **self.options})


@dataclass(frozen=True)
class Override:
    """Rule settings for the files that match any of ``patterns``."""

    patterns: tuple[str, ...]
    rules: Mapping[str, Patch]
    compiled: tuple[re.Pattern[str], ...] = ()

    def applies_to(self, path: str) -> bool:
        return any(matches(p, path) for p in self.compiled)


@dataclass(frozen=True)
class LintSettings:
    """Validated, frozen lint settings of a project plus the command line."""

    profile: Profile
    rules: Mapping[str, RuleSetting]
    overrides: tuple[Override, ...] = ()
    flags: Mapping[str, Patch] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    docs_url: str = ""  # where the rule reference is published; "" for no help links
    custom: tuple[Rule, ...] = ()  # the project's own rules (``journeyspec.lint.plugins``)

    @property
    def practice(self) -> tuple[Rule, ...]:
        """The rules to run on journeys: the built-in ones, then the project's own."""
        return (*RULES, *self.custom)

    def for_path(self, path: str) -> dict[str, RuleSetting]:
        """Every rule's setting for the file at project-relative ``path``."""
        settings = dict(self.rules)
        layers = [o.rules for o in self.overrides if o.applies_to(path)] + [self.flags]
        known = all_rules(self.custom)
        for layer in layers:
            for rule_id, patch in layer.items():
                settings[rule_id] = patch.apply(settings[rule_id], _default(rule_id, known))
        return settings


def all_rules(custom: tuple[Rule, ...] = ()) -> tuple[Rule, ...]:
    """Every configurable rule: the practice rules, the project's own, then the engine's."""
    return (*RULES, *custom, *ENGINE_RULES)


def profile_settings(profile: Profile, custom: tuple[Rule, ...] = ()) -> dict[str, RuleSetting]:
    """The built-in profile: a rule is on when its PROFILE is no stricter than ``profile``."""
    level = PROFILES.index(profile)
    return {
        rule.ID: RuleSetting(
            rule.SEVERITY if PROFILES.index(rule.PROFILE) <= level else None,
            {name: option.default for name, option in rule.OPTIONS.items()},
        )
        for rule in all_rules(custom)
    }


def settings_from(
    config: ProjectConfig,
    *,
    profile: str | None = None,
    rules: Sequence[str] = (),
    fail_on: str | None = None,
    plugins: bool | None = None,
    custom: tuple[Rule, ...] | None = None,
) -> LintSettings:
    """Merge and validate ``config.lint`` with the CLI's ``--profile``, ``--rule``, ``--fail-on``.

    ``plugins``: load the project's custom rules (``None``: unless JOURNEYSPEC_NO_PLUGINS);
    ``custom``: use these custom rules instead of loading any (``diff`` lints another
    revision with the working tree's rules: it never runs code from that revision).
    Raises ``ConfigFileError`` (positioned findings) for problems in journeyspec.yaml,
    ``PluginError`` for a broken custom rule and ``ConfigError`` for problems in flags.
    """
    lint: Mapping[str, Any] = config.lint or {}
    problems: list[_Problem] = []
    chosen = profile or lint.get("extends", DEFAULT_PROFILE)
    if chosen not in PROFILES:
        raise ConfigError(f"unknown profile {chosen!r}; use {', '.join(PROFILES)}")
    # Without its plugins a project's settings for its own rules cannot be told from typos;
    # they are left unread rather than failing a gate that chose not to run their code.
    lenient = custom is not None or plugins is False or (plugins is None and not plugins_enabled())
    if custom is None:
        custom = load_rules(config, enabled=plugins)
    known = all_rules(custom)
    merged = profile_settings(chosen, custom)
    for rule_id, patch in _patches(
        lint.get("rules", {}), "/lint/rules", problems, known, lenient
    ).items():
        merged[rule_id] = patch.apply(merged[rule_id], _default(rule_id, known))
    overrides = []
    for index, raw in enumerate(lint.get("overrides", [])):
        pointer = join("/lint/overrides", index, "rules")
        patterns = tuple(raw["files"])
        overrides.append(
            Override(
                patterns,
                _patches(raw["rules"], pointer, problems, known, lenient),
                tuple(compile_glob(p) for p in patterns),
            )
        )
    _raise_positioned(config, problems)
    flags = _flag_patches(rules, known)
    severity = Severity.parse(fail_on or lint.get("fail_on", "error"))
    return LintSettings(
        chosen, merged, tuple(overrides), flags, severity, published_docs(config), custom
    )


@dataclass(frozen=True)
class _Problem:
    pointer: str
    key: bool
    message: str
    hint: str = ""


def _patches(
    raw: Mapping[str, Any],
    pointer: str,
    problems: list[_Problem],
    known: tuple[Rule, ...],
    lenient: bool = False,
) -> dict[str, Patch]:
    patches: dict[str, Patch] = {}
    for rule_id, value in raw.items():
        where = join(pointer, rule_id)
        if not any(rule_id == rule.ID for rule in known):
            if lenient:
                continue
            problems.append(
                _Problem(where, True, f"unknown rule `{rule_id}`", did_you_mean(rule_id, known))
            )
            continue
        patch = _patch(rule_id, value, where, problems, known)
        if patch is not None:
            patches[rule_id] = patch
    return patches


def _patch(
    rule_id: str, value: Any, where: str, problems: list[_Problem], known: tuple[Rule, ...]
) -> Patch | None:
    if isinstance(value, str):
        return _severity_patch(value)
    options = {
        name: option
        for rule in known
        if rule_id == rule.ID
        for name, option in rule.OPTIONS.items()
    }
    patch_options: dict[str, Any] = {}
    severity: Patch | None = Patch(True)
    for name, given in value.items():
        if name == "severity":
            if given not in _SEVERITIES:
                problems.append(
                    _Problem(
                        join(where, name),
                        False,
                        f"severity of rule `{rule_id}` must be one of {', '.join(_SEVERITIES)}",
                    )
                )
            else:
                severity = _severity_patch(given)
        elif name not in options:
            listed = ", ".join(sorted(options)) if options else "none"
            problems.append(
                _Problem(
                    join(where, name),
                    True,
                    f"rule `{rule_id}` has no option `{name}`",
                    f"its options are: {listed}",
                )
            )
        elif not _fits(given, options[name].default):
            problems.append(
                _Problem(
                    join(where, name),
                    False,
                    f"option `{name}` of rule `{rule_id}` must be {_kind(options[name].default)}",
                    f"the default is {options[name].default!r}",
                )
            )
        else:
            patch_options[name] = given
    if severity is None:
        return None
    return Patch(severity.enabled, severity.severity, patch_options)


def _severity_patch(text: str) -> Patch:
    return Patch(False) if text == "off" else Patch(True, Severity.parse(text))


def _flag_patches(flags: Sequence[str], known: tuple[Rule, ...]) -> dict[str, Patch]:
    patches: dict[str, Patch] = {}
    for flag in flags:
        rule_id, sep, value = flag.partition("=")
        rule_id, value = rule_id.strip(), value.strip()
        if not sep or value not in _SEVERITIES:
            raise ConfigError(
                f"--rule {flag!r}: write RULE=off, RULE=error, RULE=warning or RULE=info"
            )
        if not any(rule_id == rule.ID for rule in known):
            raise ConfigError(
                f"--rule {flag!r}: unknown rule `{rule_id}`; {did_you_mean(rule_id, known)}"
            )
        patches[rule_id] = _severity_patch(value)
    return patches


def _fits(value: Any, default: Any) -> bool:
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def _kind(default: Any) -> str:
    kinds = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}
    return kinds.get(type(default), f"a {type(default).__name__}")


def _default(rule_id: str, known: tuple[Rule, ...]) -> Severity:
    return next(rule.SEVERITY for rule in known if rule_id == rule.ID)


def did_you_mean(rule_id: str, known: tuple[Rule, ...] | None = None) -> str:
    ids = [rule.ID for rule in known] if known is not None else configurable_ids()
    close = difflib.get_close_matches(rule_id, ids, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "run `journeyspec rules` to list the rule ids"


def _raise_positioned(config: ProjectConfig, problems: list[_Problem]) -> None:
    if not problems:
        return
    findings: list[Finding]
    if config.config_path is None:
        raise ConfigError("; ".join(p.message for p in problems))
    document = read_config(config.config_path)
    findings = [
        document.finding(p.pointer, "config", p.message, hint=p.hint, key=p.key) for p in problems
    ]
    raise ConfigFileError(sorted(findings))
