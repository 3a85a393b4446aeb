"""Rendering: DOT to SVG with Graphviz, cached by content hash, misses drawn in parallel.

A diagram our own code drew (``Diagram.svg``: the emotion curve, the matrix) needs none of
this: it is checked by ``safe_svg`` and returned, never cached (drawing it costs less than
reading it back), and Graphviz is not asked even for its version.

The cache key covers everything that shapes the SVG (DOT text, title, alt text, the layout
command, the Graphviz version and the revision of our own post-processing), so a rebuild
redraws only diagrams whose journey changed. The cache is a ``cachefolder``: its entries are
sealed under this user's secret, so an SVG a pull request plants there is never served, and
no link in it is ever followed. Every SVG returned, cached or fresh, has passed ``safe_svg``.
Each ``dot`` has a time limit (``journeyspec.diagrams.process``); a diagram past it comes
back ``Undrawn`` and is not cached.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import graphviz

from journeyspec.cachefolder import CacheFolder
from journeyspec.diagrams import process
from journeyspec.diagrams.diagram import Diagram, Undrawn
from journeyspec.diagrams.limits import DEFAULT_TIMEOUT
from journeyspec.diagrams.svg import finish_svg, safe_svg
from journeyspec.errors import BuildError

# Every DOT source names its layout in the graph's ``layout`` attribute, so one command
# renders them all and a saved .dot file renders the same with a plain ``dot -Tsvg``.
ENGINE = "dot"
REVISION = "2"  # bump when finish_svg changes, so cached SVGs are redrawn
INSTALL_HINT = (
    "Install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`, macOS: "
    "`brew install graphviz`, Windows: `winget install graphviz`) and check that "
    "`dot -V` works in the same shell."
)


@functools.cache
def graphviz_version() -> str:
    """The installed Graphviz version, such as ``2.43.0``; BuildError when ``dot`` is missing."""
    try:
        return ".".join(str(part) for part in graphviz.version())
    except graphviz.ExecutableNotFound:
        raise BuildError(
            f"Cannot draw diagrams: Graphviz's `dot` program was not found. {INSTALL_HINT}"
        ) from None
    except (graphviz.CalledProcessError, RuntimeError) as error:
        raise BuildError(
            f"Cannot draw diagrams: `dot -V` failed ({error}). {INSTALL_HINT}"
        ) from None


def cache_key(diagram: Diagram, version: str) -> str:
    """The sha256 of everything that determines the diagram's SVG."""
    parts = [REVISION, ENGINE, version, diagram.name, diagram.title, diagram.alt, diagram.dot]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


def render_svgs(
    diagrams: Sequence[Diagram],
    cache_dir: Path | None,
    *,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[str | Undrawn]:
    """SVG text for each diagram, in order; cache hits are read, misses rendered in parallel.

    ``cache_dir`` is the cache folder (``None``: no cache); it is used only when it is
    journeyspec's alone, and a hit only when its seal proves this user's earlier run made it.
    A diagram ``dot`` did not draw within ``timeout`` seconds is ``Undrawn``.
    """
    if not any(diagram.dot for diagram in diagrams):
        return [_drawn(diagram) for diagram in diagrams]
    version = graphviz_version()
    keys = [cache_key(diagram, version) if diagram.dot else "" for diagram in diagrams]
    cache = None if cache_dir is None else CacheFolder.open(cache_dir.parent, cache_dir.name)
    svgs: dict[str, str | Undrawn] = {}
    missing: dict[str, Diagram] = {}
    for key, diagram in zip(keys, diagrams, strict=True):
        if not key or key in svgs or key in missing:
            continue
        cached = None if cache is None else _read(cache, key)
        if cached is None:
            missing[key] = diagram
        else:
            svgs[key] = cached
    if missing:
        workers = max(1, min(jobs or os.cpu_count() or 1, len(missing)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            # Threads suffice: each job waits on its own `dot` subprocess.
            draw = functools.partial(render_svg, timeout=timeout)
            rendered = list(pool.map(draw, missing.values()))
        for key, svg in zip(missing, rendered, strict=True):
            if cache is not None and not isinstance(svg, Undrawn):
                cache.write((), f"{key}.svg", svg.encode("utf-8"))
            svgs[key] = svg
    return [svgs[key] if key else _drawn(d) for key, d in zip(keys, diagrams, strict=True)]


def _drawn(diagram: Diagram) -> str:
    """The SVG our own code drew, checked like every other; BuildError if it fails (a bug)."""
    try:
        return safe_svg(diagram.svg)
    except ValueError as error:
        raise BuildError(
            f"Cannot draw the {diagram.name} diagram {diagram.title!r}: {error}"
        ) from None


def render_svg(diagram: Diagram, *, timeout: float = DEFAULT_TIMEOUT) -> str | Undrawn:
    """Render one diagram with Graphviz (no cache); BuildError when Graphviz fails.

    ``Undrawn`` when ``dot`` takes longer than ``timeout`` seconds (it is killed).
    """
    if not diagram.dot:
        return _drawn(diagram)
    what = f"the {diagram.name} diagram {diagram.title!r}"
    try:
        raw = process.run_dot(diagram.dot, timeout=timeout, args=(f"-K{ENGINE}", "-Tsvg"))
    except process.DotTimeout:
        return Undrawn(f"Graphviz took longer than the time limit of {timeout:g} s")
    except process.DotMissing:
        raise BuildError(
            f"Cannot draw {what}: Graphviz's `dot` program was not found. {INSTALL_HINT}"
        ) from None
    except process.DotFailed as error:
        raise BuildError(f"Graphviz could not draw {what}: {error}") from None
    except process.DotStopped:
        raise BuildError(f"Drawing {what} was stopped: the build stopped") from None
    try:
        return finish_svg(raw, diagram.title, diagram.alt)
    except ValueError as error:
        raise BuildError(f"Cannot draw {what}: {error}") from None


def _read(cache: CacheFolder, key: str) -> str | None:
    """A cached SVG, if sealed by this user and still safe; anything else is a miss."""
    payload = cache.read((), f"{key}.svg")
    if payload is None:
        return None
    try:
        svg = payload.decode("utf-8")
        return svg if safe_svg(svg) is svg else None
    except ValueError:  # not UTF-8, or not one SVG document
        return None
