"""The ``dot`` processes: one per diagram, time-limited, and never outliving the build.

Each ``dot`` runs in its own process group, which is killed when it passes its time limit
or when the build stops (``stopped``). On Linux the kernel also kills it the moment the
build dies, even by ``kill -9``: its parent-death signal is set to SIGKILL by util-linux's
``setpriv``, and a shell then checks that the build is still its parent before it becomes
``dot`` (a build killed in the instant before the signal was set would otherwise leave it
running). Without ``setpriv`` the signal is set by ``prctl`` between fork and exec, which
costs a full fork of the build's memory per diagram (about 25 ms at 500 MB, against 2 ms).
Elsewhere only the time limit and ``stopped`` apply.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator

PR_SET_PDEATHSIG = 1
# $0 is the build's pid; "$@" is the dot command. Exit 125 means "the build already died".
GUARD = '[ "$PPID" = "$0" ] || exit 125; exec "$@"'


class DotTimeout(Exception):
    """Raised when ``dot`` did not finish within its time limit (it was killed)."""


class DotFailed(Exception):
    """Raised when ``dot`` exited with an error; the message is what it said, on one line."""


class DotStopped(Exception):
    """Raised when the build stopped while ``dot`` ran (or before it started)."""


class DotMissing(Exception):
    """Raised when there is no ``dot`` program on the PATH."""


_lock = threading.Lock()
_running: set[subprocess.Popen[bytes]] = set()
_stopping = 0


def run_dot(source: str, *, timeout: float, args: tuple[str, ...]) -> str:
    """``dot ARGS`` on ``source``: its standard output, decoded as UTF-8.

    Raises DotTimeout after ``timeout`` seconds (``dot`` killed), DotFailed when it fails,
    DotStopped when the build stops meanwhile and DotMissing when there is no ``dot``.
    """
    dot = shutil.which("dot")
    if dot is None:
        raise DotMissing()
    command, before_exec = _command([dot, *args])
    with _lock:
        if _stopping:
            raise DotStopped()
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: killed as one
            preexec_fn=before_exec,  # only without setpriv: see the docstring
        )
        _running.add(process)
    try:
        out, err = process.communicate(source.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        process.communicate()
        raise DotTimeout() from None
    except BaseException:
        _kill(process)
        process.communicate()
        raise
    finally:
        with _lock:
            _running.discard(process)
    code = process.returncode
    if code != 0:
        if _stopping:
            raise DotStopped()
        detail = " ".join(err.decode("utf-8", "replace").split())[:500]
        status = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        raise DotFailed(detail or status)
    return out.decode("utf-8")


@contextlib.contextmanager
def stopped() -> Iterator[None]:
    """Kill every running ``dot`` and refuse to start new ones until the block ends.

    The block waits for the drawing threads to notice (they raise DotStopped).
    """
    global _stopping
    with _lock:
        _stopping += 1
        running = list(_running)
    for process in running:
        _kill(process)
    try:
        yield
    finally:
        with _lock:
            _stopping -= 1


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _command(
    dot_command: list[str],
) -> tuple[list[str], Callable[[], None] | None]:
    """The command to start, and what to run between fork and exec (None: nothing)."""
    if not sys.platform.startswith("linux"):
        return dot_command, None
    setpriv = _setpriv()
    if setpriv is not None:
        guard = ["/bin/sh", "-c", GUARD, str(os.getpid())]
        return [setpriv, "--pdeathsig", "KILL", "--", *guard, *dot_command], None
    prctl = _prctl()
    if prctl is None:
        return dot_command, None
    return dot_command, functools.partial(_die_with, prctl, os.getpid())


def _die_with(prctl: Callable[..., int], parent: int) -> None:
    """In the child, before exec: die when the build dies, or now if it already has."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(125)


@functools.cache
def _setpriv() -> str | None:
    """util-linux's ``setpriv`` when it knows ``--pdeathsig`` (2.33 and later) and runs."""
    found = shutil.which("setpriv")
    if found is None or not os.path.exists("/bin/sh"):
        return None
    try:
        done = subprocess.run(
            [found, "--pdeathsig", "KILL", "--", "/bin/sh", "-c", "exit 0"],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return found if done.returncode == 0 else None


@functools.cache
def _prctl() -> Callable[..., int] | None:
    # Looked up in the parent: the child only calls it (no symbol lookup after fork).
    try:
        function: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return function
