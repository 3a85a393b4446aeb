"""The benchmark runner: journeyspec against its floor and its peers, side by side, in one run.

``python -m benchmarks.run [--journeys N] [--rss-journeys M] [--repeat K] ...`` writes a
corpus into a temporary folder, measures every command as a subprocess and prints a
Markdown table against the targets of issue 16, headed by the machine and its load before
and after. Every timed row shows wall clock and CPU time (user + system of the whole
process tree) of both sides and the ratio of each; the runs of the two sides take turns,
and a row is met by its CPU ratio alone, which the machine's load does not inflate.
Exit code 1 when a measurement could not be taken.
"""

from __future__ import annotations

import argparse
import compileall
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
from benchmarks.measure import CommandFailed, Timing, command, interleaved, peak_memory
from benchmarks.plain_site import write_plain_site
from benchmarks.preview import edit_to_preview
from benchmarks.table import Better, Row, Side, markdown

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

# Every row, so the table always has each one; shown as "failed" until measured.
_FIGURES: tuple[tuple[str, str, float, Better, str], ...] = (
    ("1", "`journeyspec lint` vs PyYAML CSafeLoader parse-only", 1.0, "lower", "×"),
    ("1w", "the same lint with a warm cache", 1.0, "lower", "×"),
    ("2", "`journeyspec lint` vs `check-jsonschema`", 20.0, "higher", "× faster"),
    ("3", "cold `journeyspec build` vs plain `mkdocs build`", 1.0, "lower", "×"),
    ("4", "rebuild after editing one journey vs plain build", 1.05, "lower", "×"),
    ("3n", "cold `journeyspec build` vs plain build with a short navigation", 2.0, "lower", "×"),
    ("4n", "rebuild vs plain build with a short navigation", 1.05, "lower", "×"),
    ("4e", "edit to preview with `journeyspec serve`", 1.0, "lower", " s"),
    ("5", "peak memory of `journeyspec lint`", 300.0, "lower", " MB"),
    ("5b", "peak memory of `journeyspec build`", 2000.0, "lower", " MB"),
    ("6", "scale: lint CPU at the larger corpus vs the smaller", 10.5, "lower", "×"),
)
PLACEHOLDERS = {
    number: Row(number, what, target, better, unit, note="failed, see below")
    for number, what, target, better, unit in _FIGURES
}


def placeholders(*numbers: str) -> list[Row]:
    return [PLACEHOLDERS[number] for number in numbers]


def tool(name: str) -> str:
    """A console script of this interpreter's environment (the venv running the benchmark)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name) or name


def side(timing: Timing) -> Side:
    return Side(timing.best, timing.cpu)


def versus(number: str, what: str, ours: Timing, peer: Timing, target: float) -> Row:
    """A row timing journeyspec against a peer, where lower is better."""
    return Row(number, what, target, ours=side(ours), peer=side(peer))


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def machine() -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {now}"
    )


def floor(corpus: Path, files: list[str], env: dict[str, str]) -> Callable[[], tuple[float, float]]:
    """PyYAML's C loader parsing every journey in one process: time inside that process."""

    def run() -> tuple[float, float]:
        out = subprocess.run(
            [sys.executable, "-c", FLOOR_SCRIPT, *files],
            cwd=corpus,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        wall, cpu = out.stdout.split()
        return float(wall), float(cpu)

    return run


def clear(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


@dataclasses.dataclass
class Measured:
    """Figures one step leaves for a later one (the scale row needs the cold lint's)."""

    cold_lint: Timing | None = None


def lint_rows(
    corpus: Path, files: list[str], args: argparse.Namespace, measured: Measured
) -> list[Row]:
    env = environment()
    lint = [tool("journeyspec"), "lint"]
    parse = floor(corpus, files, env)
    cold = command(lint, corpus, env, ok=(0, 1), before=lambda: clear(corpus / CACHE))
    cold_lint, floor_1 = interleaved(args.repeat, cold, parse)
    measured.cold_lint = cold_lint
    # A run that leaves the cache filled, then warm runs (nothing changed since).
    command(lint, corpus, env, ok=(0, 1))()
    warm = command(lint, corpus, env, ok=(0, 1))
    warm_lint, floor_w = interleaved(args.repeat, warm, parse)
    peer = [tool("check-jsonschema"), "--schemafile", str(REPO / "schemas/journey.schema.json")]
    checker = command([*peer, *files], corpus, env)
    cold_2, checked = interleaved(args.peer_repeat, cold, checker)
    n = f"{len(files):,} journeys"
    return [
        versus(
            "1",
            f"`journeyspec lint`, cold cache, vs PyYAML CSafeLoader parse-only, {n}",
            cold_lint,
            floor_1,
            1.0,
        ),
        versus("1w", "the same lint with a warm cache (no file changed)", warm_lint, floor_w, 1.0),
        Row(
            "2",
            f"`journeyspec lint` (cold) vs `check-jsonschema` (schema only), {n}",
            20.0,
            "higher",
            "× faster",
            ours=side(cold_2),
            peer=side(checked),
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
        return [dataclasses.replace(row, note=note) for row in placeholders("3", "4", "3n", "4n")]
    # One untimed build to count the pages the plain peers must have.
    command(build, corpus, env, before=lambda: clear(corpus / "site", corpus / CACHE))()
    pages = sum(1 for p in (corpus / "site").rglob("*.html") if p.name != "404.html")
    plain, short = work / "plain", work / "plain-short-nav"
    write_plain_site(corpus, plain, pages)
    write_plain_site(corpus, short, pages, short_nav=True)
    mkdocs = [tool("mkdocs"), "build", "--quiet"]
    touched = corpus / "journeys" / sorted(os.listdir(corpus / "journeys"))[0]
    original = touched.read_text(encoding="utf-8")
    edits = iter(range(1_000_000))

    def touch() -> None:
        # A real edit (a new title), so no content cache can skip the file.
        touched.write_text(
            original.replace("\ntitle: ", f"\ntitle: Edit {next(edits)} of ", 1), encoding="utf-8"
        )

    # Each round: a cold build, a rebuild after one edit, then each plain build.
    cold, rebuild, baseline, strict = interleaved(
        args.build_repeat,
        command(build, corpus, env, before=lambda: clear(corpus / "site", corpus / CACHE)),
        command(build, corpus, env, before=touch),
        command(mkdocs, plain, env, before=lambda: clear(plain / "site")),
        command(mkdocs, short, env, before=lambda: clear(short / "site")),
    )
    touched.write_text(original, encoding="utf-8")
    what = f"{pages:,} pages"
    return [
        versus(
            "3",
            f"cold `journeyspec build` vs plain `mkdocs build` (material), {what}",
            cold,
            baseline,
            1.0,
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
            2.0,
        ),
        versus(
            "4n",
            "`journeyspec build` after editing one journey vs that short-navigation build",
            rebuild,
            strict,
            1.05,
        ),
    ]


def preview_row(corpus: Path, args: argparse.Namespace) -> Row:
    journey = corpus / "journeys" / sorted(os.listdir(corpus / "journeys"))[-1]
    serve = [tool("journeyspec"), "serve"]
    waited = edit_to_preview(
        serve, corpus, journey, environment(), repeat=args.repeat, timeout=args.preview_timeout
    )
    journeys = len(os.listdir(corpus / "journeys"))
    return Row(
        "4e",
        f"edit one journey to its new page served by `journeyspec serve`, {journeys:,} "
        "journeys (wall clock; CPU: the server's)",
        1.0,
        unit=" s",
        ours=side(waited),
        value=waited.best,
    )


def memory_rows(work: Path, args: argparse.Namespace, measured: Measured) -> list[Row]:
    corpus = work / "rss"
    write_corpus(corpus, args.rss_journeys, args.seed)
    env = environment()
    lint = peak_memory([tool("journeyspec"), "lint"], corpus, env, ok=(0, 1))
    rows = [
        Row(
            "5",
            f"peak memory of `journeyspec lint`, cold cache, {args.rss_journeys:,} journeys",
            300.0,
            unit=" MB",
            ours=Side(lint.wall, lint.cpu),
            value=lint.bytes / 1e6,
        )
    ]
    if measured.cold_lint is not None:
        scale = args.rss_journeys / args.journeys
        rows.append(
            Row(
                "6",
                f"scale: cold `journeyspec lint` of {args.rss_journeys:,} journeys vs of "
                f"{args.journeys:,} (target: {scale:g}× the journeys, 5% slack)",
                round(scale * 1.05, 2),
                ours=Side(lint.wall, lint.cpu),
                peer=side(measured.cold_lint),
            )
        )
    else:
        rows.append(dataclasses.replace(PLACEHOLDERS["6"], note="the cold lint was not measured"))
    return rows


def build_memory_row(work: Path, args: argparse.Namespace) -> Row:
    corpus = work / "build-rss"
    write_corpus(corpus, args.build_rss_journeys, args.seed)
    build = [tool("journeyspec"), "build", "--allow-errors"]
    peak = peak_memory(build, corpus, environment())
    return Row(
        "5b",
        f"peak memory of a cold `journeyspec build`, {args.build_rss_journeys:,} journeys "
        "(the target is for 10,000)",
        2000.0,
        unit=" MB",
        ours=Side(peak.wall, peak.cpu),
        value=peak.bytes / 1e6,
    )


GROUPS = ("lint", "build", "preview", "memory", "build-memory")


def byte_compile() -> None:
    """Compile journeyspec's modules once, as ``pip install`` does, so that no measured run
    compiles them: an editable install under PYTHONDONTWRITEBYTECODE=1 (as these sessions
    run) compiled all 150 in every command, 0.3 s of CPU that no installed copy spends and
    the floor, importing byte-compiled PyYAML, never pays. Existing ``.pyc`` files are read
    whatever that variable says."""
    import journeyspec

    compileall.compile_dir(Path(journeyspec.__file__).parent, quiet=1)


def environment() -> dict[str, str]:
    return {**os.environ, "JOURNEYSPEC_TODAY": TODAY, "NO_COLOR": "1"}


def measure(work: Path, args: argparse.Namespace) -> tuple[list[Row], list[str]]:
    byte_compile()
    corpus = work / "corpus"
    write_corpus(corpus, args.journeys, args.seed)
    files = [f"journeys/{name}" for name in sorted(os.listdir(corpus / "journeys"))]
    rows: list[Row] = []
    failures: list[str] = []
    measured = Measured()
    steps: list[tuple[str, Callable[[], list[Row]], list[Row]]] = [
        ("lint", lambda: lint_rows(corpus, files, args, measured), placeholders("1", "1w", "2")),
        ("build", lambda: build_rows(corpus, work, args), placeholders("3", "4", "3n", "4n")),
        ("preview", lambda: [preview_row(corpus, args)], placeholders("4e")),
        ("memory", lambda: memory_rows(work, args, measured), placeholders("5", "6")),
        ("build-memory", lambda: [build_memory_row(work, args)], placeholders("5b")),
    ]
    for group, step, fallback in steps:
        if args.only and group not in args.only:
            continue
        try:
            rows.extend(step())
        except (CommandFailed, subprocess.CalledProcessError) as exc:
            failures.append(str(exc))
            rows.extend(fallback)
    order = list(PLACEHOLDERS)
    return sorted(rows, key=lambda row: order.index(row.number)), failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--journeys", type=int, default=1000, help="corpus size (1000)")
    parser.add_argument(
        "--rss-journeys", type=int, default=10_000, help="for lint memory and scale (10000)"
    )
    parser.add_argument(
        "--build-rss-journeys",
        type=int,
        default=1000,
        help="for build memory (1000; the target is for 10,000, which takes long)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; best wins (3)")
    parser.add_argument("--peer-repeat", type=int, default=1, help="runs of check-jsonschema")
    parser.add_argument("--build-repeat", type=int, default=1, help="runs of each site build")
    parser.add_argument(
        "--preview-timeout",
        type=float,
        default=1800.0,
        help="seconds to wait for serve's page (1800)",
    )
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (0)")
    parser.add_argument(
        "--only",
        action="append",
        choices=GROUPS,
        help="measure only this group of rows (repeatable): " + ", ".join(GROUPS),
    )
    parser.add_argument("--workdir", type=Path, help="keep the corpora in this new folder")
    args = parser.parse_args(argv)
    started, load_before = machine(), load()
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=False)
        rows, failures = measure(args.workdir, args)
    else:
        with tempfile.TemporaryDirectory(prefix="journeyspec-bench-") as work:
            rows, failures = measure(Path(work), args)
    command_line = " ".join(
        ["python -m benchmarks.run", *(argv if argv is not None else sys.argv[1:])]
    )
    print(f"Machine: {started}; load average before {load_before}, after {load()}")
    print(
        f"Command: `{command_line}`; wall clock is the best of {args.repeat} runs "
        f"(check-jsonschema: {args.peer_repeat}, site builds: {args.build_repeat}), CPU time "
        "(user + system of the whole process tree) the least; the two sides' runs take "
        "turns, each command a fresh process, and a row is met by its CPU ratio. "
        f"Cold: no `{CACHE}/`; warm: the cache a previous run left, no file changed.\n"
    )
    print(markdown(rows))
    for failure in failures:
        print(f"\nnot measured: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
