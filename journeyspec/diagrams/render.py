"""Rendering: DOT to SVG with Graphviz, cached by content hash, misses drawn in parallel.

The cache key covers everything that shapes the SVG (DOT text, title, alt text, the layout
command, the Graphviz version and the revision of our own post-processing), so a rebuild
redraws only diagrams whose journey changed. Cache files are written to a temporary name and
renamed into place, so an interrupted build never leaves half an SVG behind. Each ``dot``
has a time limit (``journeyspec.diagrams.process``); a diagram past it comes back
``Undrawn`` and is not cached.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import graphviz

from journeyspec.diagrams import process
from journeyspec.diagrams.diagram import Diagram, Undrawn
from journeyspec.diagrams.limits import DEFAULT_TIMEOUT
from journeyspec.diagrams.svg import finish_svg
from journeyspec.errors import BuildError

# Every DOT source names its layout in the graph's ``layout`` attribute, so one command
# renders them all and a saved .dot file renders the same with a plain ``dot -Tsvg``.
ENGINE = "dot"
REVISION = "1"  # bump when finish_svg changes, so cached SVGs are redrawn
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
    cache_dir: Path,
    *,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[str | Undrawn]:
    """SVG text for each diagram, in order; cache hits are read, misses rendered in parallel.

    A diagram ``dot`` did not draw within ``timeout`` seconds is ``Undrawn``.
    """
    version = graphviz_version()
    keys = [cache_key(diagram, version) for diagram in diagrams]
    svgs: dict[str, str | Undrawn] = {}
    missing: dict[str, Diagram] = {}
    for key, diagram in zip(keys, diagrams, strict=True):
        if key in svgs or key in missing:
            continue
        cached = _read(cache_dir / f"{key}.svg")
        if cached is None:
            missing[key] = diagram
        else:
            svgs[key] = cached
    if missing:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BuildError(f"Cannot create the diagram cache {cache_dir}: {error}") from None
        workers = max(1, min(jobs or os.cpu_count() or 1, len(missing)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            # Threads suffice: each job waits on its own `dot` subprocess.
            draw = functools.partial(render_svg, timeout=timeout)
            rendered = list(pool.map(draw, missing.values()))
        for key, svg in zip(missing, rendered, strict=True):
            if not isinstance(svg, Undrawn):
                _write(cache_dir / f"{key}.svg", svg)
            svgs[key] = svg
    return [svgs[key] for key in keys]


def render_svg(diagram: Diagram, *, timeout: float = DEFAULT_TIMEOUT) -> str | Undrawn:
    """Render one diagram with Graphviz (no cache); BuildError when Graphviz fails.

    ``Undrawn`` when ``dot`` takes longer than ``timeout`` seconds (it is killed).
    """
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


def _read(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text if text.rstrip().endswith("</svg>") else None  # a torn file is a miss


def _write(path: Path, svg: str) -> None:
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp"
        )
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(svg)
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise BuildError(f"Cannot write the diagram cache file {path}: {error}") from None
