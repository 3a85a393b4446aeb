"""Checking files: read, load and schema-validate each one, through the cache, on every core.

The per-file work (YAML parsing and schema validation, ~90% of a cold lint) is
independent, so files the cache cannot answer are spread over a pool of forked worker
processes in chunks. Small projects, platforms without ``fork`` and processes that run
threads stay in one process. ``JOURNEYSPEC_JOBS=N`` caps the workers (1: none).
Results come back in the order of the files, so output never depends on scheduling.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeyspec.cache import Entry, FileCache, open_cache
from journeyspec.findings import Finding
from journeyspec.loader import MAX_FILE_BYTES, Document, decode, load_document, read_document
from journeyspec.schema import SchemaName, validate

# Below this many files to parse, starting workers costs more than it saves.
PARALLEL_FROM = 48

Job = tuple[Path, str, SchemaName]  # the file, its display path, its schema


@dataclass
class Checked:
    """A loaded file and its problems: its load errors, else its schema findings."""

    document: Document
    problems: list[Finding]


def check_files(root: Path, jobs: Sequence[Job]) -> list[Checked]:
    """Check every file of ``jobs`` (in order), using and filling the project's cache."""
    # Loading makes millions of objects but no reference cycles (tests/test_parallel.py
    # checks): the cycle collector would only rescan them, ~20% of the loading time.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _check_all(root, jobs)
    finally:
        if paused:
            gc.enable()


def _check_all(root: Path, jobs: Sequence[Job]) -> list[Checked]:
    cache = open_cache(root)
    results: list[Checked | None] = [None] * len(jobs)
    misses: list[int] = []
    for index, (path, display, schema) in enumerate(jobs):
        raw = _read(path) if cache is not None else None
        entry = cache.get(cache.key(raw, schema), display) if cache and raw is not None else None
        if entry is None or raw is None:
            misses.append(index)
        else:
            results[index] = _from_entry(path, display, raw, entry)
    for index, (checked, key) in zip(misses, _run([jobs[i] for i in misses], cache), strict=True):
        results[index] = checked
        if cache is not None and key is not None:
            cache.used.add(key)
    if cache is not None:
        cache.prune()
    return [r for r in results if r is not None]


def check_file(path: Path, display: str, schema: SchemaName, cache: FileCache | None) -> Checked:
    """Load and validate one file, storing what it gave in ``cache``."""
    return _check(path, display, schema, cache)[0]


def workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    wanted = os.environ.get("JOURNEYSPEC_JOBS", "")
    return max(1, min(cores, int(wanted))) if wanted.isdigit() else cores


def _run(jobs: list[Job], cache: FileCache | None) -> list[tuple[Checked, str | None]]:
    count = min(workers(), len(jobs) // (PARALLEL_FROM // 2) or 1)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if count < 2 or len(jobs) < PARALLEL_FROM or not forkable or threading.active_count() > 1:
        return [_check(*job, cache) for job in jobs]
    # Forked workers inherit the imported code and compiled schemas: no start-up cost.
    context = multiprocessing.get_context("fork")
    with context.Pool(count, initializer=_adopt, initargs=(cache,)) as pool:
        return pool.starmap(_job, jobs, chunksize=max(1, len(jobs) // (count * 8)))


_WORKER_CACHE: FileCache | None = None


def _adopt(cache: FileCache | None) -> None:
    global _WORKER_CACHE
    _WORKER_CACHE = cache


def _job(path: Path, display: str, schema: SchemaName) -> tuple[Checked, str | None]:
    return _check(path, display, schema, _WORKER_CACHE)


def _check(
    path: Path, display: str, schema: SchemaName, cache: FileCache | None
) -> tuple[Checked, str | None]:
    raw = _read(path)
    if raw is None:
        # Unreadable or too large: the loader's own reading says exactly why.
        document = read_document(path, display)
        return Checked(document, document.errors or validate(document, schema)), None
    key = cache.key(raw, schema) if cache is not None else None
    if cache is not None and key is not None:
        entry = cache.get(key, display)
        if entry is not None:
            return _from_entry(path, display, raw, entry), key
    document = load_document(raw, display)
    problems = document.errors or validate(document, schema)
    if cache is not None and key is not None:
        findings = [] if document.errors else problems
        cache.put(key, Entry(bool(document.text), document.data, document.errors, findings))
    if not problems:
        # Only a file with findings needs its text (to place and quote them), and a clean
        # one is the rule: no text crosses from the workers, none stays in memory.
        document.release_text(path, raw)
    return Checked(document, problems), key


def _from_entry(path: Path, display: str, raw: bytes, entry: Entry) -> Checked:
    problems = entry.errors or entry.findings
    document = Document(display, "", entry.data, entry.errors)
    if entry.has_text and problems:
        document.kept_text = decode(raw)
    elif entry.has_text:
        document.release_text(path, raw)
    return Checked(document, problems)


def _read(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None
