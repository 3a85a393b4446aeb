"""How fast the language server answers an edit: keystroke to diagnostics, on a big project.

``python -m benchmarks.lsp [--journeys N] [--edits K]`` writes a corpus of N journeys,
starts ``journeyspec lsp`` under a real LSP client (pygls), opens the largest journey and
then, once every file's diagnostics are in, K times, changes one word and waits for that
file's diagnostics. It prints the time to the first diagnostics and to all of them (wall
and server CPU), the median and worst time from an edit to its diagnostics (the server's
debounce, 150 ms, included), the server's CPU time per edit, and its resident memory
once ready and at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from benchmarks.corpus import write_corpus

QUIET = 1.0  # seconds without a publish: the server has published every file


def _rss_and_cpu(pid: int) -> tuple[float, float]:
    """Resident memory (MB) and CPU time (s, user + system) of process ``pid``."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    rss = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    ticks = 100.0
    return rss / 1024, (int(fields[11]) + int(fields[12])) / ticks


async def measure(root: Path, edits: int) -> dict[str, float]:
    client = LanguageClient("benchmark", "1")
    arrived: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def published(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait(params)

    await client.start_io(sys.executable, "-m", "journeyspec", "lsp")
    started = time.perf_counter()
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())
    )
    client.initialized(types.InitializedParams())
    journey = max((root / "journeys").iterdir(), key=lambda p: p.stat().st_size)
    text = journey.read_text(encoding="utf-8")
    address = journey.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(address, "yaml", 1, text))
    )

    async def next_for(uri: str) -> None:
        while (await arrived.get()).uri != uri:
            pass

    await next_for(address)
    ready = time.perf_counter() - started
    pid = client._server.pid  # type: ignore[union-attr]
    _, cpu_ready = _rss_and_cpu(pid)
    # The other files with findings are published after the open one: typing is timed
    # once they all are (one second without a publish), so the start-up is not in it.
    while True:
        try:
            await asyncio.wait_for(arrived.get(), QUIET)
        except TimeoutError:
            break
    settled = time.perf_counter() - started - QUIET
    rss_ready, cpu_before = _rss_and_cpu(pid)
    times = []
    for number in range(edits):
        edited = text.replace("\ntitle: ", f"\ntitle: Edit {number} of ", 1)
        change = types.TextDocumentContentChangeWholeDocument(text=edited)
        began = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=number + 2, uri=address), [change]
            )
        )
        await next_for(address)
        times.append(time.perf_counter() - began)
    rss, cpu_after = _rss_and_cpu(pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return {
        "lines": text.count("\n"),
        "ready": ready,
        "ready_cpu": cpu_ready,
        "settled": settled,
        "settled_cpu": cpu_before,
        "rss_ready": rss_ready,
        "median": statistics.median(times),
        "worst": max(times),
        "cpu": (cpu_after - cpu_before) / max(edits, 1),
        "rss": rss,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lsp", description=__doc__)
    parser.add_argument("--journeys", type=int, default=1000, help="corpus size (1000)")
    parser.add_argument("--edits", type=int, default=20, help="edits measured (20)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (0)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="journeyspec-lsp-bench-") as work:
        root = Path(work) / "corpus"
        write_corpus(root, args.journeys, args.seed)
        figures = asyncio.run(measure(root, args.edits))
    print(
        f"{args.journeys:,} journeys; the edited journey has {figures['lines']:.0f} lines; "
        f"first diagnostics {figures['ready']:.2f} s after start (server CPU "
        f"{figures['ready_cpu']:.2f} s), every file's {figures['settled']:.2f} s (CPU "
        f"{figures['settled_cpu']:.2f} s, RSS {figures['rss_ready']:.0f} MB)\n"
        f"edit to diagnostics: median {figures['median'] * 1000:.0f} ms, worst "
        f"{figures['worst'] * 1000:.0f} ms over {args.edits} edits (target 300 ms); "
        f"server CPU per edit {figures['cpu'] * 1000:.0f} ms; server RSS {figures['rss']:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
