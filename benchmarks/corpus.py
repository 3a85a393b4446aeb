"""The benchmark corpus: a complete, valid, realistic journeyspec project of N journeys.

``python -m benchmarks.corpus OUT_DIR N [--seed S]`` writes journeyspec.yaml, personas,
the teams and channels registries and N journeys of about 6 stages × 4 steps each
(~350 lines, ~15 KB), byte-identical for a seed. A few journeys carry lint findings
(a stage with no owner or no touchpoints, an overdue review, a pain point without
evidence) so the linter has something to report, but every file passes the schema and
the reference checks.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from benchmarks import vocabulary as words

MARKER = ".journeyspec-corpus"
_PLAIN = re.compile(r"^[A-Za-z][^:#\n\"'{}\[\]&*!|>%@`]*$")


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that is safe, else double-quoted (JSON is YAML)."""
    return text if _PLAIN.match(text) and not text.endswith(" ") else json.dumps(text)


PLANTED = (
    "stage-no-owner",
    "stage-no-touchpoints",
    "journey-review-overdue",
    "pain-point-no-evidence",
    "opportunity-no-owner",
    "stage-handoff-undefined",
    "emotion-steep-drop-without-pain-point",
    "opportunity-overdue",
)


def planted(index: int) -> str | None:
    """The lint finding planted in journey ``index``: one journey in seven has one."""
    return PLANTED[(index // 7) % len(PLANTED)] if index % 7 == 3 else None


def journey_text(index: int, rng: random.Random) -> str:
    """One journey file, the ``index``-th of the corpus."""
    slug, product = words.INDUSTRIES[index % len(words.INDUSTRIES)]
    scenario = words.SCENARIOS[(index // len(words.INDUSTRIES)) % len(words.SCENARIOS)]
    persona = words.PERSONAS[rng.randrange(len(words.PERSONAS))]
    plant = planted(index)
    where = (index // 56) % len(words.STAGES)  # the stage that carries the planted finding
    reviewed = (
        "2025-01-15"
        if plant == "journey-review-overdue"
        else f"2026-{rng.randint(6, 10):02d}-{rng.randint(1, 28):02d}"
    )
    out = [
        "journeyspec: 1",
        f"id: {journey_id(index)}",
        f"title: {scalar(f'{scenario.capitalize()} of {product} ({index})')}",
        "description: >-",
        f"  How {persona[1]} goes from first noticing the need for {product} to",
        "  recommending it, across the web, email, phone and the store.",
        f"kind: {'future-state' if index % 10 == 9 else 'current-state'}",
        f"status: {rng.choice(['draft', 'validated', 'published'])}",
        f"persona: {persona[0]}",
        f"owner: {rng.choice(words.TEAMS)[0]}",
        f"objective: {scalar(f'Why do customers drop off before the {scenario} is complete?')}",
        f"scenario: {scalar(f'{persona[1]} needs {product} and has little time to compare')}",
        "scope:",
        f"  starts: {scalar(f'{persona[1]} notices the need')}",
        f"  ends: {scalar(f'{persona[1]} recommends us to a colleague')}",
        f"tags: [{slug}, {'b2b' if index % 3 else 'b2c'}]",
        f"last_reviewed: {reviewed}",
    ]
    if index % 10 == 9:
        out.append(f"current_state: {journey_id(index - 1)}")
    touchpoints: list[str] = []
    out += ["stages:", *_stages(rng, product, persona[1], plant, where, touchpoints)]
    out += ["touchpoints:", *touchpoints, "pain_points:"]
    for s, (stage_id, _, _, _) in enumerate(words.STAGES):
        # The planted steep drop is on step 2 of its stage: anchor the pain elsewhere.
        step = 3 if plant == "emotion-steep-drop-without-pain-point" and s == where else 1
        out += [
            f"  - id: pain-{stage_id}",
            f"    title: {scalar(words.PAINS[s])}",
            f"    step: {stage_id}-{step + rng.randint(0, 1)}",
            f"    severity: {rng.choice(['trivial', 'workaround', 'abandon'])}",
        ]
        if not (plant == "pain-point-no-evidence" and s == where):
            out.append(f"    evidence: [{rng.choice(['interviews', 'tickets', 'funnel'])}]")
    out.append("opportunities:")
    for s, (stage_id, _, _, _) in enumerate(words.STAGES):
        overdue = plant == "opportunity-overdue" and s == where
        out += [
            f"  - id: idea-{stage_id}",
            f"    title: {scalar(words.IDEAS[s])}",
            f"    addresses: [pain-{stage_id}]",
            f"    impact: {rng.choice(['low', 'medium', 'high'])}",
            f"    effort: {rng.choice(['low', 'medium', 'high'])}",
        ]
        if not (plant == "opportunity-no-owner" and s == where):
            out.append(f"    owner: {rng.choice(words.TEAMS)[0]}")
        out += [
            f"    due: {'2026-01-10' if overdue else f'2027-{rng.randint(1, 12):02d}-10'}",
            f"    status: {rng.choice(['idea', 'planned', 'in-progress'])}",
            f"    kpis: [kpi-{stage_id}]",
        ]
    out.append("kpis:")
    for s, (stage_id, _, _, _) in enumerate(words.STAGES):
        name, unit = words.KPI_NAMES[s]
        baseline = rng.randint(5, 60)
        out += [
            f"  - id: kpi-{stage_id}",
            f"    name: {name}",
            f"    stage: {stage_id}",
            f"    unit: {scalar(unit)}",
            f"    baseline: {baseline}",
            f"    target: {baseline + rng.randint(1, 20)}",
        ]
    out.append("evidence:")
    for evidence_id, (kind, title) in zip(
        ("interviews", "tickets", "funnel"), words.EVIDENCE_KINDS, strict=False
    ):
        out += [
            f"  - id: {evidence_id}",
            f"    kind: {kind}",
            f"    title: {scalar(f'{title}, {product}')}",
            f"    date: 2026-{rng.randint(1, 9):02d}-{rng.randint(1, 28):02d}",
            f"    sample_size: {rng.randint(5, 400)}",
        ]
    return "\n".join(out) + "\n"


def journey_id(index: int) -> str:
    slug = words.INDUSTRIES[index % len(words.INDUSTRIES)][0]
    scenario = words.SCENARIOS[(index // len(words.INDUSTRIES)) % len(words.SCENARIOS)]
    return f"{slug}-{scenario.replace(' ', '-')}-{index:05d}"


def _stages(
    rng: random.Random,
    product: str,
    persona: str,
    plant: str | None,
    where: int,
    touchpoints: list[str],
) -> list[str]:
    """The stages block; appends the touchpoints its steps use to ``touchpoints``."""
    teams = [t for t, _ in words.TEAMS[:4]]
    owners: list[str | None] = [rng.choice(teams) for _ in words.STAGES] + [None]
    silent = min(where, len(words.STAGES) - 2) if plant == "stage-handoff-undefined" else -1
    if silent >= 0:
        owners[silent], owners[silent + 1] = "sales", "operations"
    out: list[str] = []
    score = 0
    for s, (stage_id, stage_name, phase, actions) in enumerate(words.STAGES):
        here = s == where
        out += [f"  - id: {stage_id}", f"    name: {stage_name}", f"    phase: {phase}"]
        if not (plant == "stage-no-owner" and here):
            out.append(f"    owner: {owners[s]}")
        following = owners[s + 1]
        if following not in (None, owners[s]) and s != silent:
            out.append(f"    handoff: {scalar(f'{owners[s]} introduces {following} by email')}")
        out += [
            f"    description: {scalar(f'{stage_name} for {product}, as {persona} lives it')}",
            "    steps:",
        ]
        for n, action in enumerate(actions):
            # A gentle random walk: a steep unexplained drop is a planted finding, not noise.
            if plant == "emotion-steep-drop-without-pain-point" and here and n < 2:
                score = 1 - 2 * n
            else:
                score = max(0, min(2, score + rng.choice((-1, 0, 0, 1))))
            # Each study backs one score, so none is left unused (item-unused).
            study = ("interviews", "tickets", "funnel")[n] if n < 3 else ""
            evidence = f", evidence: [{study}]" if study else ""
            thoughts, label = rng.randint(1, 2), words.FEELINGS[score + 2]
            touched = not (plant == "stage-no-touchpoints" and here)
            first = len(touchpoints) + 1
            # The step's first touchpoint answers its questions (question-without-touchpoint).
            answer = f", answered_by: [tp-{first}]" if touched else ""
            out += [
                f"      - id: {stage_id}-{n + 1}",
                f"        name: {action}",
                f"        does: {scalar(rng.choice(words.DOES))}",
                "        thinks:",
                *(
                    f"          - {{text: {json.dumps(t)}{answer}}}"
                    for t in rng.sample(words.THINKS, thoughts)
                ),
                f"        emotion: {{score: {score}, label: {label}{evidence}}}",
            ]
            if touched:
                out.append(f"        touchpoints: [tp-{first}, tp-{first + 1}]")
                for number in (first, first + 1):
                    name, channel = rng.choice(words.TOUCHPOINT_NAMES), rng.choice(words.CHANNELS)
                    touchpoints.append(
                        f"  - {{id: tp-{number}, name: {name}, channel: {channel[0]}}}"
                    )
            if s == 2 and n == 3:
                out.append("        moment_of_truth: true")
    return out


def registry_files() -> dict[str, str]:
    """journeyspec.yaml, the registries and the personas every journey refers to."""
    files = {
        "journeyspec.yaml": "journeyspec: 1\nname: Benchmark journeys\nreview_interval: P6M\n",
        "registry/teams.yaml": "journeyspec: 1\nteams:\n"
        + "".join(f"  - id: {i}\n    name: {n}\n" for i, n in words.TEAMS),
        "registry/channels.yaml": "journeyspec: 1\nchannels:\n"
        + "".join(f"  - id: {i}\n    name: {n}\n    type: {t}\n" for i, n, t in words.CHANNELS),
    }
    for persona_id, name, role in words.PERSONAS:
        files[f"personas/{persona_id}.yaml"] = (
            f"journeyspec: 1\nid: {persona_id}\nname: {name}\nrole: {scalar(role)}\n"
            f"goals:\n  - {scalar('Get the job done without surprises')}\n"
            f"preferred_channels: [web, email]\n"
        )
    return files


def write_corpus(out_dir: Path, count: int, seed: int = 0) -> list[Path]:
    """Write the project into ``out_dir`` (new, empty, or a corpus this function wrote)."""
    _claim(out_dir)
    rng = random.Random(seed)
    files = registry_files()
    width = max(5, len(str(count)))
    for index in range(count):
        files[f"journeys/journey-{index:0{width}d}.yaml"] = journey_text(index, rng)
    written = []
    for relative, text in files.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    (out_dir / MARKER).write_text("\n".join(sorted(files)) + "\n", encoding="utf-8")
    return written


def _claim(out_dir: Path) -> None:
    """Refuse a folder with content we did not write; clear out a corpus we wrote before."""
    marker = out_dir / MARKER
    if out_dir.exists() and not out_dir.is_dir():
        raise SystemExit(f"corpus: {out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not marker.is_file():
            raise SystemExit(
                f"corpus: {out_dir} is not empty and was not written by this generator; "
                "give a new or empty folder"
            )
        for relative in marker.read_text(encoding="utf-8").split():
            (out_dir / relative).unlink(missing_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__)
    parser.add_argument("out_dir", type=Path, help="a new or empty folder")
    parser.add_argument("count", type=int, help="how many journeys")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("N must be at least 1")
    written = write_corpus(args.out_dir, args.count, args.seed)
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files ({size / 1e6:.1f} MB) to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
