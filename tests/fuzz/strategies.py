"""Hypothesis strategies: whole valid projects built from the schema's structure.

Ids are unique and every reference points at something defined, so the schema and the
reference checks must accept every project drawn; everything else (text, numbers,
dates, which optional parts exist, extension keys) is random.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from hypothesis import strategies as st

from journeyspec import scalars
from journeyspec.escaping import BIDI
from tests.hostile.attacks import escape_bidi

# Any Unicode a person could type: no surrogates, and none of the control characters
# the loader refuses (C0 except tab and line breaks, DEL, U+FFFE/U+FFFF).
_REFUSED = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]))
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters=_REFUSED + "\ufffe\uffff"),
    min_size=1,
    max_size=30,
)
WORDS = st.one_of(TEXT, st.sampled_from(["Checkout", "Pricing page", "I wish …?", "<b>x</b>"]))
ID_WORD = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
DATE = st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)).map(dt.date.isoformat)
INTERVAL = st.builds("P{}{}".format, st.integers(0, 9999), st.sampled_from("YMWD"))
URL = st.builds(
    "https://{}.example/{}".format, ID_WORD, st.text("abcXYZ019_%/?=&-<>\"'", max_size=20)
)
SCORE = st.one_of(st.integers(-3, 3), st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False))
NUMBER = st.one_of(st.integers(-(10**12), 10**12), st.floats(-1e12, 1e12, allow_nan=False))
EXTRA = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-100, 100), TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(ID_WORD, inner, max_size=3)
    ),
    max_leaves=6,
)


def ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{n}" for n in range(count)]


@st.composite
def optional(draw: st.DrawFn, values: dict[str, st.SearchStrategy[Any] | None]) -> dict[str, Any]:
    """A random subset of optional keys (``None``: not possible here), an x- key at times."""
    chosen = {
        key: draw(strategy)
        for key, strategy in values.items()
        if strategy is not None and draw(st.booleans())
    }
    if draw(st.integers(0, 9)) == 0:
        chosen["x-" + draw(ID_WORD)] = draw(EXTRA)
    return chosen


@st.composite
def journey(
    draw: st.DrawFn,
    jid: str,
    personas: list[str],
    teams: list[str],
    channels: list[str],
    others: list[str],
) -> dict[str, Any]:
    """One valid journey whose references point into the given registries."""
    team, channel = st.sampled_from(teams), st.sampled_from(channels)
    stage_ids = ids("stage", draw(st.integers(1, 4)))
    step_counts = [draw(st.integers(0, 3)) for _ in stage_ids]
    step_ids = [f"step-{s}-{i}" for s, n in enumerate(step_counts) for i in range(n)]
    touchpoints = ids("tp", draw(st.integers(0, 4)))
    evidence = ids("ev", draw(st.integers(0, 2)))
    kpis = ids("kpi", draw(st.integers(0, 3)))
    pains = ids("pain", draw(st.integers(0, 3)))
    gaps: list[str] = []
    some = st.lists  # lists of references, unique because the schema says uniqueItems

    def refs(pool: list[str]) -> st.SearchStrategy[list[str]]:
        return some(st.sampled_from(pool), unique=True, max_size=3) if pool else st.just([])

    def step(stage: int, index: int) -> dict[str, Any]:
        sid = f"step-{stage}-{index}"
        gap_ids = [f"gap-{stage}-{index}-{g}" for g in range(draw(st.integers(0, 1)))]
        gaps.extend(gap_ids)  # always written below (possibly empty), so always defined
        emotion = {"score": draw(SCORE)} | draw(
            optional({"label": WORDS, "note": WORDS, "evidence": refs(evidence)})
        )
        lanes = st.lists(WORDS, max_size=2)
        written = {
            "id": sid,
            "name": draw(WORDS),
            "gaps": [{"id": g, "text": draw(WORDS)} for g in gap_ids],
        }
        return written | draw(
            optional(
                {
                    "does": WORDS,
                    "thinks": st.lists(WORDS, max_size=3),
                    "emotion": st.just(emotion),
                    "motivation": WORDS,
                    "actor": st.sampled_from(personas),
                    "touchpoints": refs(touchpoints),
                    "moment_of_truth": st.booleans(),
                    "next": refs(step_ids),
                    "lanes": optional(
                        {
                            k: lanes
                            for k in ("physical_evidence", "frontstage", "backstage", "support")
                        }
                    ),
                    "wait_time": WORDS,
                }
            )
        )

    stages = []
    for number, sid in enumerate(stage_ids):
        steps = [step(number, i) for i in range(step_counts[number])]
        stage = {"id": sid, "name": draw(WORDS)} | draw(
            optional(
                {
                    "description": WORDS,
                    "phase": st.sampled_from(["pre-purchase", "purchase", "post-purchase"]),
                    "owner": team,
                    "handoff": WORDS,
                    "touchpoints": refs(touchpoints),
                }
            )
        )
        if steps or draw(st.booleans()):
            stage["steps"] = steps
        stages.append(stage)
    data: dict[str, Any] = {
        "journeyspec": 1,
        "id": jid,
        "title": draw(WORDS),
        "persona": draw(st.sampled_from(personas)),
        "stages": stages,
    }
    data |= draw(
        optional(
            {
                "description": WORDS,
                "kind": st.sampled_from(
                    [
                        "current-state",
                        "future-state",
                        "day-in-the-life",
                        "service-blueprint",
                        "support",
                        "deep-dive",
                    ]
                ),
                "status": st.sampled_from(["draft", "validated", "published", "archived"]),
                "actors": st.lists(
                    st.fixed_dictionaries(
                        {"role": WORDS}, optional={"persona": st.sampled_from(personas)}
                    ),
                    max_size=2,
                ),
                "owner": team,
                "objective": WORDS,
                "scenario": WORDS,
                "scope": optional(
                    {
                        "starts": WORDS,
                        "ends": WORDS,
                        "focus": st.sampled_from(["end-to-end", "narrow"]),
                    }
                ),
                "tags": st.lists(ID_WORD, unique=True, max_size=3),
                "last_reviewed": DATE,
                "review_interval": INTERVAL,
                "current_state": st.sampled_from(others) if others else None,
                "emotion_scale": st.integers(-10, 0).flatmap(
                    lambda low: st.integers(low + 1, 10).map(lambda high: {"min": low, "max": high})
                ),
                "links": st.lists(st.fixed_dictionaries({"title": WORDS, "url": URL}), max_size=2),
            }
        )
    )
    if touchpoints:
        data["touchpoints"] = [
            {"id": t, "name": draw(WORDS)}
            | draw(optional({"channel": channel, "owner": team, "description": WORDS, "link": URL}))
            for t in touchpoints
        ]
    if evidence:
        data["evidence"] = [
            {
                "id": e,
                "kind": draw(st.sampled_from(["interview", "survey", "analytics", "assumption"])),
                "title": draw(WORDS),
            }
            | draw(
                optional(
                    {
                        "date": DATE,
                        "sample_size": st.integers(1, 10**6),
                        "solicited": st.booleans(),
                        "summary": WORDS,
                        "link": URL,
                    }
                )
            )
            for e in evidence
        ]
    if kpis:
        data["kpis"] = [
            {"id": k, "name": draw(WORDS)}
            | draw(
                optional(
                    {
                        "description": WORDS,
                        "stage": st.sampled_from(stage_ids),
                        "unit": WORDS,
                        "baseline": NUMBER,
                        "target": NUMBER,
                        "direction": st.sampled_from(["increase", "decrease"]),
                        "source": WORDS,
                        "owner": team,
                    }
                )
            )
            for k in kpis
        ]
    if pains:
        data["pain_points"] = [
            {"id": p, "title": draw(WORDS)}
            | draw(
                optional(
                    {
                        "description": WORDS,
                        "step": st.sampled_from(step_ids) if step_ids else None,
                        "touchpoint": st.sampled_from(touchpoints) if touchpoints else None,
                        "severity": st.sampled_from(["trivial", "workaround", "abandon"]),
                        "evidence": refs(evidence),
                        "kpis": refs(kpis),
                    }
                )
            )
            for p in pains
        ]
    opportunities = ids("opp", draw(st.integers(0, 3)))
    if opportunities:
        targets = pains + gaps + step_ids
        data["opportunities"] = [
            {"id": o, "title": draw(WORDS)}
            | draw(
                optional(
                    {
                        "description": WORDS,
                        "addresses": refs(targets),
                        "impact": st.sampled_from(["low", "medium", "high"]),
                        "effort": st.sampled_from(["low", "medium", "high"]),
                        "owner": team,
                        "due": DATE,
                        "status": st.sampled_from(
                            ["idea", "planned", "in-progress", "done", "dropped"]
                        ),
                        "kpis": refs(kpis),
                        "link": URL,
                    }
                )
            )
            for o in opportunities
        ]
    return data


@st.composite
def project(draw: st.DrawFn) -> dict[str, str]:
    """``{relative path: YAML text}``: config, registries, personas and 1–3 journeys."""
    teams, channels = ids("team", draw(st.integers(1, 3))), ids("channel", draw(st.integers(1, 3)))
    personas = ids("persona", draw(st.integers(1, 3)))
    files = {
        "journeyspec.yaml": dump({"journeyspec": 1, "name": draw(WORDS)}),
        "registry/teams.yaml": dump(
            {"journeyspec": 1, "teams": [{"id": t, "name": draw(WORDS)} for t in teams]}
        ),
        "registry/channels.yaml": dump(
            {"journeyspec": 1, "channels": [{"id": c, "name": draw(WORDS)} for c in channels]}
        ),
    }
    for number, pid in enumerate(personas):
        base = {"based_on": st.sampled_from(personas[:number])} if number else {}
        files[f"personas/{pid}.yaml"] = dump(
            {"journeyspec": 1, "id": pid, "name": draw(WORDS)}
            | draw(
                optional(
                    {
                        "role": WORDS,
                        "quote": WORDS,
                        "goals": st.lists(WORDS, max_size=2),
                        "preferred_channels": st.lists(st.sampled_from(channels), unique=True),
                        "demographics": st.dictionaries(
                            ID_WORD, st.one_of(WORDS, st.integers(-(10**6), 10**6)), max_size=2
                        ),
                    }
                    | base
                )
            )
        )
    journey_ids = ids("journey", draw(st.integers(1, 3)))
    for number, jid in enumerate(journey_ids):
        data = draw(journey(jid, personas, teams, channels, journey_ids[:number]))
        files[f"journeys/{jid}.yaml"] = dump(data)
    return files


class _Dumper(yaml.SafeDumper):
    """PyYAML writes YAML 1.1: text such as ``1e3`` or ``0o17`` goes out plain, and a
    YAML 1.2 reader (ours) reads it back as a number. Quote whatever 1.2 would resolve."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Bidi controls are double-quoted too, so ``dump`` can write them as escapes: raw, they
    # are a Trojan Source finding and the project would not be valid.
    if BIDI.search(value) or any(pattern.fullmatch(value) for pattern in scalars.CORE.values()):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _text)


def dump(data: Any) -> str:
    return escape_bidi(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False))
