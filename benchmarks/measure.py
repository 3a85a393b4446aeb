"""Measuring commands: wall clock and CPU time (best of k runs, two sides interleaved) and
the peak memory of a process tree."""

from __future__ import annotations

import ctypes
import os
import platform
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
    argv: Sequence[str], cwd: Path, env: dict[str, str], ok: Sequence[int] = (0,)
) -> tuple[float, float]:
    """Run ``argv`` once with output discarded; its wall-clock and CPU time in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        done = subprocess.run(
            list(argv),
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise CommandFailed(
            f"{argv[0]} is not installed (pip install 'journeyspec[bench]')"
        ) from None
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode not in ok:
        tail = done.stderr.decode("utf-8", "replace")[-2000:]
        raise CommandFailed(f"{' '.join(argv)} exited {done.returncode}:\n{tail}")
    return elapsed, cpu


Run = Callable[[], tuple[float, float]]  # one measured run: (wall, CPU) seconds


def command(
    argv: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    *,
    ok: Sequence[int] = (0,),
    before: Callable[[], None] | None = None,
) -> Run:
    """A run of ``argv`` (``before`` runs untimed ahead of it)."""

    def run() -> tuple[float, float]:
        if before is not None:
            before()
        return run_once(argv, cwd, env, ok)

    return run


def interleaved(repeat: int, *sides: Run) -> list[Timing]:
    """Each side run ``repeat`` times, taking turns (ours, peer, ours, peer, ...), so a
    change in the machine's load falls on every side alike; one ``Timing`` per side."""
    runs: list[list[tuple[float, float]]] = [[] for _ in sides]
    for _ in range(max(1, repeat)):
        for done, side in zip(runs, sides, strict=True):
            done.append(side())
    return [
        Timing(min(w for w, _ in done), tuple(w for w, _ in done), min(c for _, c in done))
        for done in runs
    ]


def best_of(
    repeat: int,
    argv: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    *,
    ok: Sequence[int] = (0,),
    before: Callable[[], None] | None = None,
) -> Timing:
    """Time ``argv`` ``repeat`` times (``before`` runs untimed ahead of each run)."""
    return interleaved(repeat, command(argv, cwd, env, ok=ok, before=before))[0]


@dataclass(frozen=True)
class Peak:
    """The peak resident memory of a command's process tree, and what the command took."""

    bytes: int
    wall: float
    cpu: float


def peak_memory(
    argv: Sequence[str], cwd: Path, env: dict[str, str], ok: Sequence[int] = (0,)
) -> Peak:
    """Peak resident memory, in bytes, of ``argv`` and every process it starts.

    The tree is sampled every 10 ms and the proportional set sizes (PSS) summed: a page
    that forked workers share with their parent counts once in all, split between them, so
    the sum is the memory the tree really holds (summed resident sizes counted such a page
    once per process). A child between ``vfork`` and ``exec`` shares its parent's address
    space and is not counted again. The kernel's own high-water mark of the largest single
    process is taken too, and the larger wins.
    The CPU time is the command's and its waited-for children's, from ``wait4``.
    """
    with tempfile.TemporaryFile() as errors:  # a pipe could fill up and stall the command
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        peak, single = 0, 0
        deadline = time.monotonic() + TIMEOUT
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                single = usage.ru_maxrss * 1024  # kilobytes on Linux
                cpu = usage.ru_utime + usage.ru_stime
                break
            peak = max(peak, _tree_pss(process.pid))
            if time.monotonic() > deadline:
                process.kill()
            time.sleep(0.01)
        wall = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if process.returncode not in ok:
        raise CommandFailed(f"{' '.join(argv)} exited {process.returncode}:\n{stderr[-2000:]}")
    return Peak(max(peak, single), wall, cpu)


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


def tree_cpu(root: int) -> float:
    """CPU seconds that ``root`` and its live descendants have used so far (with the
    children each has waited for), from /proc (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in _tree(root):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
        total += sum(int(field) for field in fields[11:15])  # utime stime cutime cstime
    return total / ticks


_SYS_KCMP = 312  # x86_64
_KCMP_VM = 1
_libc = ctypes.CDLL(None, use_errno=True)


def _same_memory(one: int, other: int) -> bool:
    """Whether two processes share one address space: a child between ``vfork`` and
    ``exec`` does, and its /proc files then show the parent's memory as its own."""
    if platform.machine() != "x86_64":
        return False
    return int(_libc.syscall(_SYS_KCMP, one, other, _KCMP_VM, 0, 0)) == 0


def _tree_pss(root: int) -> int:
    """The PSS of ``root``'s tree, each address space counted once."""
    counted: list[int] = []
    total = 0
    for pid in _tree(root):
        if any(_same_memory(pid, seen) for seen in counted):
            continue
        counted.append(pid)
        total += _pss(pid)
    return total


def _pss(pid: int) -> int:
    """The proportional set size of ``pid`` in bytes (0 when it is gone)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0
