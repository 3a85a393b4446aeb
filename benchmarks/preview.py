"""Edit to preview: how long after saving a journey ``journeyspec serve`` shows the change.

``serve`` is started on the corpus and its first build awaited; then one journey's title
is edited ``repeat`` times, each time to a new marker, and the journey's page is fetched
over HTTP every 20 ms until the marker appears. The wait is wall clock, from the write to
the first page holding it; the CPU time is what the server's process tree spent in the
meantime (from /proc). The journey is restored and the server stopped afterwards.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from benchmarks.measure import CommandFailed, Timing, tree_cpu

POLL = 0.02


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def edit_to_preview(
    serve: Sequence[str],
    corpus: Path,
    journey: Path,
    env: dict[str, str],
    *,
    repeat: int,
    timeout: float,
) -> Timing:
    """The best and every wait for an edit of ``journey`` to show (see the module)."""
    original = journey.read_text(encoding="utf-8")
    found = re.search(r"^id: (\S+)$", original, re.M)
    if found is None:
        raise CommandFailed(f"{journey} has no `id:` line to find its page by")
    port = free_port()
    url = f"http://127.0.0.1:{port}/journeys/{found.group(1)}/"
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [*serve, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=corpus,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,  # its own group, so every process it starts is stopped
        )
        try:
            _await(url, "<html", process, timeout, errors)
            waits, cpus = [], []
            for attempt in range(max(1, repeat)):
                marker = f"Preview{os.getpid()}x{attempt}"
                spent = tree_cpu(process.pid)
                start = time.perf_counter()
                journey.write_text(
                    original.replace("\ntitle: ", f"\ntitle: {marker} ", 1), encoding="utf-8"
                )
                _await(url, marker, process, timeout, errors)
                waits.append(time.perf_counter() - start)
                cpus.append(tree_cpu(process.pid) - spent)
        finally:
            journey.write_text(original, encoding="utf-8")
            _stop(process)
    return Timing(min(waits), tuple(waits), min(cpus))


def _await(
    url: str, text: str, process: subprocess.Popen[bytes], timeout: float, errors: IO[bytes]
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandFailed(f"journeyspec serve exited {process.returncode}: {_tail(errors)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except (urllib.error.URLError, OSError):
            pass  # not serving yet, or rebuilding
        time.sleep(POLL)
    raise CommandFailed(f"{url} did not show {text!r} within {timeout:.0f} s")


def _tail(errors: IO[bytes]) -> str:
    errors.seek(0)
    return errors.read().decode("utf-8", "replace")[-2000:]


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: serve cleans up
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
