"""The benchmark runner: journeyspec against its floor and its peers, side by side, in one run.

``python -m benchmarks.run [--journeys N] [--rss-journeys M] [--repeat K]`` writes a corpus
into a temporary folder, measures every command as a subprocess (wall clock, best of K
runs) and prints a Markdown table of ratios against the targets of issue 6, headed by the
machine it ran on. Exit code 1 when a measurement could not be taken.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.measure import CommandFailed, Timing, best_of, peak_memory
from benchmarks.plain_site import write_plain_site
from benchmarks.table import Better, Row, cpu, markdown, megabytes, seconds

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-01"  # the corpus's dates are written against this day
CACHE = ".journeyspec-cache"
FLOOR_SCRIPT = """
import sys, time, yaml
paths = sys.argv[1:]
start, cpu = time.perf_counter(), time.process_time()
for path in paths:
    with open(path, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
print(time.perf_counter() - start, time.process_time() - cpu)
"""


# Shown in place of a figure whose command failed, so the table always has every row.
_FIGURES: tuple[tuple[str, str, float, Better, str], ...] = (
    ("1", "`journeyspec lint` vs PyYAML CSafeLoader parse-only", 1.0, "lower", "×"),
    ("1w", "the same lint with a warm cache", 1.0, "lower", "×"),
    ("2", "`journeyspec lint` vs `check-jsonschema`", 20.0, "higher", "× faster"),
    ("3", "cold `journeyspec build` vs plain `mkdocs build`", 1.5, "lower", "×"),
    ("4", "rebuild after editing one journey vs plain build", 1.05, "lower", "×"),
    ("3n", "cold `journeyspec build` vs plain build with a short navigation", 1.5, "lower", "×"),
    ("4n", "rebuild vs plain build with a short navigation", 1.05, "lower", "×"),
    ("5", "peak memory of `journeyspec lint`", 300.0, "lower", " MB"),
)
PLACEHOLDERS = [
    Row(number, what, "—", "—", None, target, better, unit, note="failed, see below")
    for number, what, target, better, unit in _FIGURES
]
BUILD_PLACEHOLDERS = [row for row in PLACEHOLDERS if row.number[0] in "34"]


def tool(name: str) -> str:
    """A console script of this interpreter's environment (the venv running the benchmark)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name) or name


def versus(number: str, what: str, ours: Timing, peer: Timing, target: float) -> Row:
    """A row timing journeyspec against a peer, where lower is better."""
    ratio = ours.best / peer.best
    cells = seconds(ours.best), seconds(peer.best)
    return Row(number, what, *cells, ratio, target, "lower", cpu=cpu(ours.cpu, peer.cpu))


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {now}, load average {load}"
    )


def parse_floor(corpus: Path, files: list[str], repeat: int, env: dict[str, str]) -> Timing:
    """PyYAML's C loader parsing every journey in one process: time inside that process."""
    times, cpus = [], []
    for _ in range(max(1, repeat)):
        out = subprocess.run(
            [sys.executable, "-c", FLOOR_SCRIPT, *files],
            cwd=corpus,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        wall, cpu = out.stdout.split()
        times.append(float(wall))
        cpus.append(float(cpu))
    return Timing(min(times), tuple(times), min(cpus))


def clear(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def lint_rows(corpus: Path, files: list[str], args: argparse.Namespace) -> list[Row]:
    env = environment()
    lint = [tool("journeyspec"), "lint"]
    floor = parse_floor(corpus, files, args.repeat, env)
    cold = best_of(args.repeat, lint, corpus, env, ok=(0, 1), before=lambda: clear(corpus / CACHE))
    # The cold runs leave the cache filled: nothing changed since, so these runs are warm.
    warm = best_of(args.repeat, lint, corpus, env, ok=(0, 1))
    peer = [tool("check-jsonschema"), "--schemafile", str(REPO / "schemas/journey.schema.json")]
    checked = best_of(args.peer_repeat, [*peer, *files], corpus, env)
    n = f"{len(files):,} journeys"
    return [
        versus(
            "1",
            f"`journeyspec lint`, cold cache, vs PyYAML CSafeLoader parse-only, {n}",
            cold,
            floor,
            1.0,
        ),
        versus("1w", "the same lint with a warm cache (no file changed)", warm, floor, 1.0),
        Row(
            "2",
            f"`journeyspec lint` (cold) vs `check-jsonschema` (schema only), {n}",
            seconds(cold.best),
            seconds(checked.best),
            checked.best / cold.best,
            20.0,
            "higher",
            unit="× faster",
            cpu=cpu(cold.cpu, checked.cpu, faster=True),
        ),
    ]


def build_rows(corpus: Path, work: Path, args: argparse.Namespace) -> list[Row]:
    env = environment()
    # The corpus has lint errors on purpose, and `build` refuses them by default: measure
    # the build that publishes every page anyway.
    build = [tool("journeyspec"), "build", "--allow-errors"]
    available = subprocess.run(
        [*build, "--help"], env=env, capture_output=True, check=False
    ).returncode
    if available != 0:
        note = "not measured: this journeyspec has no `build` command"
        return [dataclasses.replace(row, note=note) for row in BUILD_PLACEHOLDERS]
    repeat = args.build_repeat
    cold = best_of(
        repeat, build, corpus, env, before=lambda: clear(corpus / "site", corpus / CACHE)
    )
    pages = sum(1 for p in (corpus / "site").rglob("*.html") if p.name != "404.html")
    plain, short = work / "plain", work / "plain-short-nav"
    write_plain_site(corpus, plain, pages)
    write_plain_site(corpus, short, pages, short_nav=True)
    mkdocs = [tool("mkdocs"), "build", "--quiet"]
    baseline = best_of(repeat, mkdocs, plain, env, before=lambda: clear(plain / "site"))
    strict = best_of(repeat, mkdocs, short, env, before=lambda: clear(short / "site"))
    touched = corpus / "journeys" / sorted(os.listdir(corpus / "journeys"))[0]
    original = touched.read_text(encoding="utf-8")
    edits = iter(range(1_000_000))

    def touch() -> None:
        # A real edit (a new title), so no content cache can skip the file.
        touched.write_text(
            original.replace("\ntitle: ", f"\ntitle: Edit {next(edits)} of ", 1), encoding="utf-8"
        )

    rebuild = best_of(repeat, build, corpus, env, before=touch)
    touched.write_text(original, encoding="utf-8")
    what = f"{pages:,} pages"
    return [
        versus(
            "3",
            f"cold `journeyspec build` vs plain `mkdocs build` (material), {what}",
            cold,
            baseline,
            1.5,
        ),
        versus(
            "4",
            "`journeyspec build` after editing one journey vs the same plain build",
            rebuild,
            baseline,
            1.05,
        ),
        # The stricter reading: MkDocs' default navigation lists every page, and rendering
        # it into every page is most of the plain build's time; journeyspec's is short.
        versus(
            "3n",
            "cold `journeyspec build` vs the plain build with a one-entry navigation",
            cold,
            strict,
            1.5,
        ),
        versus(
            "4n",
            "`journeyspec build` after editing one journey vs that short-navigation build",
            rebuild,
            strict,
            1.05,
        ),
    ]


def memory_row(work: Path, args: argparse.Namespace) -> Row:
    corpus = work / "rss"
    write_corpus(corpus, args.rss_journeys, args.seed)
    peak = peak_memory([tool("journeyspec"), "lint"], corpus, environment(), ok=(0, 1))
    return Row(
        "5",
        f"peak memory of `journeyspec lint`, cold cache, {args.rss_journeys:,} journeys",
        megabytes(peak),
        "—",
        peak / 1e6,
        300.0,
        "lower",
        unit=" MB",
    )


def environment() -> dict[str, str]:
    return {**os.environ, "JOURNEYSPEC_TODAY": TODAY, "NO_COLOR": "1"}


def measure(work: Path, args: argparse.Namespace) -> tuple[list[Row], list[str]]:
    corpus = work / "corpus"
    write_corpus(corpus, args.journeys, args.seed)
    files = [f"journeys/{name}" for name in sorted(os.listdir(corpus / "journeys"))]
    rows: list[Row] = []
    failures: list[str] = []
    steps: list[tuple[Callable[[], list[Row]], list[Row]]] = [
        (lambda: lint_rows(corpus, files, args), PLACEHOLDERS[:3]),
        (lambda: build_rows(corpus, work, args), BUILD_PLACEHOLDERS),
        (lambda: [memory_row(work, args)], PLACEHOLDERS[5:6]),
    ]
    for step, placeholders in steps:
        try:
            rows.extend(step())
        except (CommandFailed, subprocess.CalledProcessError) as exc:
            failures.append(str(exc))
            rows.extend(placeholders)
    return rows, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--journeys", type=int, default=1000, help="corpus size (1000)")
    parser.add_argument("--rss-journeys", type=int, default=10_000, help="for memory (10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; best wins (3)")
    parser.add_argument("--peer-repeat", type=int, default=1, help="runs of check-jsonschema")
    parser.add_argument("--build-repeat", type=int, default=1, help="runs of each site build")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (0)")
    parser.add_argument("--workdir", type=Path, help="keep the corpora in this new folder")
    args = parser.parse_args(argv)
    started = machine()
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=False)
        rows, failures = measure(args.workdir, args)
    else:
        with tempfile.TemporaryDirectory(prefix="journeyspec-bench-") as work:
            rows, failures = measure(Path(work), args)
    command = " ".join(["python -m benchmarks.run", *(argv if argv is not None else sys.argv[1:])])
    print(f"Machine: {started}; load average at the end {machine().rsplit('average ', 1)[1]}")
    print(
        f"Command: `{command}`; times are wall clock, best of {args.repeat} (check-jsonschema: "
        f"{args.peer_repeat}, site builds: {args.build_repeat}), each command a fresh process. "
        f"Cold: no `{CACHE}/`; warm: the cache a previous run left, no file changed.\n"
    )
    print(markdown(rows))
    for failure in failures:
        print(f"\nnot measured: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
