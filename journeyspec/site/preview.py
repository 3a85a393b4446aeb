"""The live preview: MkDocs' livereload server with a builder that never fails.

MkDocs' own ``serve`` leaves its server waiting for a good build after any exception in a
rebuild, so every request hangs ("the server will appear stuck"), and it refuses to start
when the first build fails. Here the project's errors never fail a build (the plugin
shows the last good pages with a banner), and anything else a rebuild raises (a broken
``mkdocs.yml`` or ``journeyspec.yaml`` saved while serving) replaces the site with one
page naming the error (on every path): the server always answers, and the next good save reloads it.
"""

from __future__ import annotations

import html
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.livereload import LiveReloadServer

from journeyspec.errors import JourneyspecError
from journeyspec.escaping import neutral

log = logging.getLogger("mkdocs.commands.serve")

ERROR_PAGES = ("index.html", "404.html")


def serve_preview(settings: dict[str, Any]) -> None:
    """Serve the site for ``settings`` (``mkdocs_settings``) until interrupted.

    Raises ``MkDocsException`` (and whatever MkDocs raises) only when the configuration
    cannot be loaded at start, and ``OSError`` when the address cannot be bound."""
    with tempfile.TemporaryDirectory(prefix="journeyspec-preview-") as site_dir:
        config = load_config(site_dir=site_dir, **settings)
        config.plugins.on_startup(command="serve", dirty=False)
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        url = _serve_url(host, port, mount_path)

        def builder(loaded: MkDocsConfig | None = None) -> None:
            try:
                chosen = loaded or load_config(site_dir=site_dir, **settings)
                chosen.site_url = url
                build(chosen, serve_url=url)
            except Exception as exc:  # the server must answer, whatever failed
                log.error("the preview could not be built: %s", _describe(exc))
                write_error_page(Path(site_dir), _describe(exc))

        server = LiveReloadServer(
            builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path
        )
        server.error_handler = _not_found(Path(site_dir))
        try:
            builder(config)
            server.watch(config.docs_dir)
            if config.config_file_path:
                server.watch(config.config_file_path)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for item in config.watch:
                server.watch(item)
            try:
                server.serve()  # type: ignore[no-untyped-call]
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, Abort) and exc.__context__ is not None:
        exc = exc.__context__  # MkDocs logs the plugin's error and raises a bare "Aborted"
    if isinstance(exc, MkDocsException | JourneyspecError | OSError):
        return str(exc)
    return f"internal error ({type(exc).__name__}: {exc}); this is a bug, please report it"


def write_error_page(site_dir: Path, message: str) -> None:
    """Put one page naming the error in place of every page of the site (and as its home
    and 404 page), so every path answers with it and reloads once the error is fixed."""
    text = html.escape(neutral(message))
    page = (
        "<!doctype html><html lang=en><meta charset=utf-8><title>Preview error</title>"
        '<body><div class="admonition failure" id="journeyspec-preview-errors" role="alert">'
        f"<h1>The preview could not be built</h1><pre>{text}</pre>"
        "<p>Save a fix and this page reloads.</p></div></body></html>\n"
    )
    pages = {site_dir / name for name in ERROR_PAGES}
    pages |= {p for p in site_dir.rglob("*.html") if p.is_file() and not p.is_symlink()}
    for path in sorted(pages):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")


def _not_found(site_dir: Path) -> Callable[[int], bytes | None]:
    def handler(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    return handler


def _serve_url(host: str, port: int, mount_path: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    path = mount_path.strip("/")
    return f"http://{shown}:{port}/{path}/" if path else f"http://{shown}:{port}/"
