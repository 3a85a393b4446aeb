"""Measuring commands: wall-clock time (best of k runs) and the peak memory of a process tree."""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 3600.0


class CommandFailed(RuntimeError):
    """A measured command exited with a code it should not have."""


@dataclass(frozen=True)
class Timing:
    """The best of ``runs`` wall-clock times, in seconds, every time measured, and the least
    CPU time (user + system, the command and every process it waited for) of those runs.

    On a machine shared with other work, wall clock includes waiting for a core; CPU time
    does not, so it is the steadier figure when the load is high.
    """

    best: float
    times: tuple[float, ...]
    cpu: float

    @property
    def runs(self) -> int:
        return len(self.times)


def run_once(
    command: Sequence[str], cwd: Path, env: dict[str, str], ok: Sequence[int] = (0,)
) -> tuple[float, float]:
    """Run ``command`` once with output discarded; its wall-clock and CPU time in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        done = subprocess.run(
            list(command),
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise CommandFailed(
            f"{command[0]} is not installed (pip install 'journeyspec[bench]')"
        ) from None
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode not in ok:
        tail = done.stderr.decode("utf-8", "replace")[-2000:]
        raise CommandFailed(f"{' '.join(command)} exited {done.returncode}:\n{tail}")
    return elapsed, cpu


def best_of(
    repeat: int,
    command: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    *,
    ok: Sequence[int] = (0,),
    before: Callable[[], None] | None = None,
) -> Timing:
    """Time ``command`` ``repeat`` times (``before`` runs untimed ahead of each run)."""
    runs = []
    for _ in range(max(1, repeat)):
        if before is not None:
            before()
        runs.append(run_once(command, cwd, env, ok))
    times = tuple(wall for wall, _ in runs)
    return Timing(min(times), times, min(cpu for _, cpu in runs))


def peak_memory(
    command: Sequence[str], cwd: Path, env: dict[str, str], ok: Sequence[int] = (0,)
) -> int:
    """Peak resident memory, in bytes, of ``command`` and every process it starts.

    The tree is sampled every 10 ms and the resident sizes summed, so pages that forked
    workers share with their parent count once per process: an upper bound. The kernel's
    own high-water mark of the largest single process is taken too, and the larger wins.
    """
    with tempfile.TemporaryFile() as errors:  # a pipe could fill up and stall the command
        process = subprocess.Popen(
            list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        peak, single = 0, 0
        deadline = time.monotonic() + TIMEOUT
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                single = usage.ru_maxrss * 1024  # kilobytes on Linux
                break
            peak = max(peak, sum(_rss(pid) for pid in _tree(process.pid)))
            if time.monotonic() > deadline:
                process.kill()
            time.sleep(0.01)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if process.returncode not in ok:
        raise CommandFailed(f"{' '.join(command)} exited {process.returncode}:\n{stderr[-2000:]}")
    return max(peak, single)


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc (Linux)."""
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                children = Path(f"/proc/{pid}/task/{task}/children").read_text()
                queue.extend(int(child) for child in children.split())
        except OSError:
            continue
    return found


def _rss(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0
