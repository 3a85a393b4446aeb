"""Checking files: read, load and schema-validate each one, through the cache, on every core.

The per-file work (YAML parsing, schema validation and, through ``then``, whatever else
needs only that file: reference checks, the model, the lint rules) is independent, so
files are spread over a pool of forked worker processes in chunks. Small projects,
platforms without ``fork`` and processes that run threads stay in one process.
``JOURNEYSPEC_JOBS=N`` caps the workers (1: none). Results come back in the order of the
files, so output never depends on scheduling.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from journeyspec import paths
from journeyspec.cache import Entry, FileCache
from journeyspec.findings import Finding
from journeyspec.loader import MAX_FILE_BYTES, Document, decode, load_document, read_document
from journeyspec.schema import SchemaName, validate

# Below this many files to parse, starting workers costs more than it saves.
PARALLEL_FROM = 48

Job = tuple[Path, str, SchemaName]  # the file, its display path, its schema
R = TypeVar("R")
# Told how far long work has come: (what is being done, items done, items in all; 0 if
# unknown). The CLI draws it as a progress bar; the core only calls it.
Progress = Callable[[str, int, int], None]


@dataclass
class Checked:
    """A loaded file and its problems: its load errors, else its schema findings."""

    document: Document
    problems: list[Finding]


def keep(checked: Checked, job: Job) -> Checked:
    """The ``then`` of callers that want the checked files themselves."""
    return checked


def check_files(
    cache: FileCache | None,
    jobs: Sequence[Job],
    then: Callable[[Checked, Job], R],
    progress: Progress | None = None,
    *,
    overlay: Mapping[str, bytes] | None = None,
) -> list[R]:
    """Check every file of ``jobs`` (in order), using and filling ``cache``, and give what
    ``then`` makes of each, computed where the file was checked.

    ``then`` runs in the worker, so it may do all of a file's further work there; it gets
    the document with its text, which is released afterwards if the file had no problems.
    The keys used are added to ``cache.used``: prune it once the whole run is done.
    ``progress`` hears of each file done, as ``("checking", done, total)``.
    ``overlay`` holds texts to check instead of what is on disk, by display path (an
    editor's unsaved buffers); with one, everything runs in this process.
    """
    # Loading makes millions of objects but no reference cycles (tests/test_parallel.py
    # checks): the cycle collector would only rescan them, ~20% of the loading time.
    paused = gc.isenabled()
    gc.disable()
    try:
        results = _run(list(jobs), cache, then, progress or _silent, overlay or {})
        if cache is not None:
            cache.used.update(key for _, key in results if key is not None)
        return [result for result, _ in results]
    finally:
        if paused:
            gc.enable()


def workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    wanted = os.environ.get("JOURNEYSPEC_JOBS", "")
    return max(1, min(cores, int(wanted))) if wanted.isdigit() else cores


def _run(
    jobs: list[Job],
    cache: FileCache | None,
    then: Callable[[Checked, Job], R],
    tell: Progress,
    overlay: Mapping[str, bytes],
) -> list[tuple[R, str | None]]:
    count = min(workers(), len(jobs) // (PARALLEL_FROM // 2) or 1)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    alone = threading.active_count() == 1 and not overlay
    if count < 2 or len(jobs) < PARALLEL_FROM or not forkable or not alone:
        examined = (_examine(job, cache, then, overlay) for job in jobs)
        return _counted(examined, len(jobs), tell)
    # Forked workers inherit the imported code, the compiled schemas and ``then`` with all
    # it refers to (nothing is pickled on the way in): no start-up cost.
    context = multiprocessing.get_context("fork")
    with context.Pool(count, initializer=_adopt, initargs=(cache, then)) as pool:
        chunks = max(1, len(jobs) // (count * 8))
        # imap, not map: results arrive (in order) as chunks finish, so progress can show.
        return _counted(pool.imap(_job, jobs, chunksize=chunks), len(jobs), tell)


def _counted(results: Iterable[R], total: int, tell: Progress) -> list[R]:
    done: list[R] = []
    for result in results:
        done.append(result)
        tell("checking", len(done), total)
    return done


def _silent(phase: str, done: int, total: int) -> None:
    return None


_WORKER: tuple[FileCache | None, Callable[[Checked, Job], Any]] = (None, keep)


def _adopt(cache: FileCache | None, then: Callable[[Checked, Job], Any]) -> None:
    global _WORKER
    _WORKER = (cache, then)


def _job(job: Job) -> tuple[Any, str | None]:
    return _examine(job, *_WORKER)


def _examine(
    job: Job,
    cache: FileCache | None,
    then: Callable[[Checked, Job], R],
    overlay: Mapping[str, bytes] | None = None,
) -> tuple[R, str | None]:
    edited = overlay.get(job[1]) if overlay else None
    checked, key, raw = _check(*job, cache, edited)
    result = then(checked, job)
    checked.document.forget_tree()  # never sent back: a tree is many times its text
    if (
        raw is not None
        and not checked.problems
        and checked.document.kept_text is not None
        and not (overlay and job[1] in overlay)  # an unsaved text cannot be read again
    ):
        # Only a file with problems needs its text (to place and quote them), and a clean
        # one is the rule: no text crosses from the workers, none stays in memory.
        checked.document.release_text(job[0], raw)
    return result, key


def _check(
    path: Path, display: str, schema: SchemaName, cache: FileCache | None, edited: bytes | None
) -> tuple[Checked, str | None, bytes | None]:
    raw = _read(path) if edited is None else edited
    if raw is None:
        # Unreadable or too large: the loader's own reading says exactly why.
        document = read_document(path, display)
        return Checked(document, document.errors or validate(document, schema)), None, None
    key = cache.key(raw, schema) if cache is not None else None
    if cache is not None and key is not None:
        entry = cache.get(key, display)
        if entry is not None:
            return _from_entry(display, raw, entry), key, raw
    document = load_document(raw, display, fast=True)
    problems = document.errors or validate(document, schema)
    if cache is not None and key is not None:
        findings = [] if document.errors else problems
        cache.put(key, Entry(bool(document.text), document.data, document.errors, findings))
    return Checked(document, problems), key, raw


def _from_entry(display: str, raw: bytes, entry: Entry) -> Checked:
    text = decode(raw) if entry.has_text else ""
    return Checked(
        Document(display, text, entry.data, entry.errors), entry.errors or entry.findings
    )


def _read(path: Path) -> bytes | None:
    try:
        return paths.read_regular(path, MAX_FILE_BYTES)
    except (OSError, paths.NotARegularFile, paths.FileTooLarge):
        return None
