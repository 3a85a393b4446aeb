"""What a rule is: its declared options, what it reports, and what it is given to judge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from journeyspec.durations import Duration, parse_duration
from journeyspec.errors import ConfigError
from journeyspec.findings import Severity
from journeyspec.model import Journey, Portfolio

Profile = Literal["minimal", "recommended", "strict"]
PROFILES: tuple[Profile, ...] = ("minimal", "recommended", "strict")


@dataclass(frozen=True)
class Option:
    """A rule option: its default, its type and what it means (shown in the rule reference)."""

    default: Any
    description: str


@dataclass(frozen=True)
class Hit:
    """A rule's verdict at one place: the engine turns it into a positioned finding.

    ``pointer`` names the most precise node (``/stages/2/owner`` when it exists, else the
    mapping that lacks it); ``key`` points at the key instead of the value.
    """

    pointer: str
    message: str
    hint: str = ""
    key: bool = False


@dataclass(frozen=True)
class Context:
    """What a rule may consult beyond the journey: the personas and registries, its options,
    today.

    ``portfolio`` holds no journeys: each journey is judged on its own, in the worker
    process that read it. A rule that needs other journeys also defines
    ``check_across(journey: Outline, journeys: Mapping[str, Outline]) -> Iterable[Hit]``,
    run afterwards with the outline (id, kind, ``current_state``) of every valid journey.
    ``review_interval`` is the project's default review interval (ISO 8601, journeyspec.yaml).
    """

    portfolio: Portfolio
    options: Mapping[str, Any]
    today: dt.date
    review_interval: str = "P6M"


class Rule(Protocol):
    """A rule is a module with these names; its docstring is its documentation.

    The docstring opens with one summary line, then says what it checks, why (from
    practice), and gives a failing and a passing example as YAML blocks.
    """

    ID: str
    SEVERITY: Severity
    PROFILE: Profile  # the least strict profile that turns the rule on
    OPTIONS: Mapping[str, Option]
    __doc__: str | None

    def check(self, journey: Journey, context: Context) -> Iterable[Hit]: ...


# Opportunity statuses that need no further work: rules about planning leave them alone.
CLOSED_STATUSES: frozenset[str] = frozenset({"done", "dropped"})


def duration_option(rule: str, option: str, text: str) -> Duration:
    """The ISO 8601 duration a rule's ``option`` holds; a ConfigError naming both if not."""
    try:
        return parse_duration(text)
    except ValueError as error:
        raise ConfigError(f"{rule}: {option} {error}") from None
