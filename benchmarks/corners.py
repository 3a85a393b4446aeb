"""The two corners of issue 11 item 10, measured: long persona chains and ``diff`` beside
large unrelated files.

``python -m benchmarks.corners [--personas N] [--blob-mb M]`` writes N personas each based
on the next (the last closing a cycle of three) and times ``journeyspec validate`` on them
(cubic before: 27 s at 3,000); then commits a corpus of journeys next to an M MB ``.yaml``
file outside the project's folders and measures the time and peak memory of
``journeyspec diff HEAD`` (572 MB at 270 MB before, when every ``.yaml`` blob was read).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.measure import best_of, peak_memory

GIT = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com",
       "-c", "commit.gpgsign=false"]  # fmt: skip


def write_persona_chain(root: Path, count: int) -> None:
    """``count`` personas, p0 based on p1 and so on; the last three form a cycle."""
    folder = root / "personas"
    folder.mkdir(parents=True)
    (root / "journeyspec.yaml").write_text("journeyspec: 1\n", encoding="utf-8")
    for i in range(count):
        based_on = i + 1 if i + 1 < count else max(count - 3, 0)
        (folder / f"p{i:05d}.yaml").write_text(
            f"journeyspec: 1\nid: p{i}\nname: Persona {i}\nbased_on: p{based_on}\n",
            encoding="utf-8",
        )


def write_repository_with_blob(root: Path, journeys: int, blob_mb: int) -> None:
    """A git repository: ``journeys`` journeys and an unrelated ``data/dump.yaml``."""
    write_corpus(root, journeys)
    (root / "data").mkdir()
    line = "row: " + "x" * 1019 + "\n"  # 1 KB a line
    with (root / "data/dump.yaml").open("w", encoding="utf-8") as dump:
        for _ in range(blob_mb * 1024):
            dump.write(line)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "corpus and dump"]):
        subprocess.run([*GIT, *args], cwd=root, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--personas", type=int, default=3_000)
    parser.add_argument("--blob-mb", type=int, default=270)
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args(argv)
    command = [sys.executable, "-m", "journeyspec"]
    env = {**os.environ, "NO_COLOR": "1", "JOURNEYSPEC_CACHE": "off"}
    with tempfile.TemporaryDirectory(prefix="journeyspec-corners-") as temp:
        chain = Path(temp, "chain")
        write_persona_chain(chain, options.personas)
        timing = best_of(options.repeat, [*command, "validate"], chain, env, ok=(1,))
        print(f"validate, {options.personas:,} chained personas: {timing.best:.2f} s "
              f"(CPU {timing.cpu:.2f} s)")  # fmt: skip
        repo = Path(temp, "repo")
        write_repository_with_blob(repo, options.journeys, options.blob_mb)
        diff = [*command, "diff", "HEAD", "--format", "json"]
        timing = best_of(options.repeat, diff, repo, env)
        peak = peak_memory(diff, repo, env)
        print(f"diff HEAD, {options.journeys} journeys beside a {options.blob_mb} MB unrelated "
              f"file: {timing.best:.2f} s, peak memory {peak.bytes / 1e6:.0f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
