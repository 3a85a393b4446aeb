"""The live preview: MkDocs' livereload server with a builder that never fails.

MkDocs' own ``serve`` leaves its server waiting for a good build after any exception in a
rebuild, so every request hangs ("the server will appear stuck"), and it refuses to start
when the first build fails. Here the project's errors never fail a build (the pages stay
the last good build's, and the server puts the banner listing the errors where the plugin
left ``SLOT`` in every page), and anything else a rebuild raises (a broken ``mkdocs.yml``
or ``journeyspec.yaml`` saved while serving) replaces the site with one page naming the
error (on every path): the server always answers, and the next good save reloads it.

After the first build, a rebuild renders only what the saved files changed
(``livesite``), and shows the edited journey's page before the portfolio pages are done.
Changes are noticed through the operating system's file events (inotify), not by polling
every file twice a second as MkDocs does; polling remains where those are unavailable.
"""

from __future__ import annotations

import html
import logging
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from journeyspec.errors import JourneyspecError
from journeyspec.escaping import neutral
from journeyspec.site.livesite import LiveSite
from journeyspec.site.plugin import SLOT

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

        def load() -> MkDocsConfig:
            loaded = load_config(site_dir=site_dir, **settings)
            loaded.site_url = url
            return loaded

        def builder(loaded: MkDocsConfig | None = None) -> None:
            try:
                live.rebuild(loaded)
            except Exception as exc:  # the server must answer, whatever failed
                live.forget()
                log.error("the preview could not be built: %s", _describe(exc))
                write_error_page(Path(site_dir), _describe(exc))

        server = PreviewServer(
            builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path
        )
        live = LiveSite(load, server.publish, server.pending, server.request)
        server.set_app(with_banner(server.serve_request, lambda: live.banner))
        server.error_handler = _not_found(Path(site_dir))
        config.site_url = url
        try:
            builder(config)
            server.watch(config.docs_dir)
            if config.config_file_path:
                server.watch(config.config_file_path)
            served = config.plugins.on_serve(server, config=config, builder=builder)
            for item in config.watch:
                served.watch(item)
            try:
                served.serve()  # type: ignore[no-untyped-call]
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                served.shutdown()
        finally:
            config.plugins.on_shutdown()


class PreviewServer(LiveReloadServer):
    """MkDocs' server, watching through file events, and told when to show what a
    rebuild has written so far (``publish``) and asked whether a newer change waits."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.observer = Observer(timeout=0.05)  # type: ignore[assignment]  # inotify here

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        try:
            super().watch(path, func, recursive=recursive)
        except OSError as exc:  # out of inotify watches, say: poll every file instead
            if isinstance(self.observer, PollingObserver):
                raise
            log.warning("watching by polling: file events are unavailable (%s)", exc)
            watched = list(self._watched_paths)
            self._watched_paths.clear()
            self._watch_refs.clear()
            self.observer = PollingObserver(timeout=0.5)  # MkDocs' own
            for known in [*watched, path]:
                super().watch(known, recursive=recursive)

    def publish(self) -> None:
        """Show the site as written now: requests stop waiting, open pages reload."""
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = max(
                round(time.monotonic() * 1000), self._visible_epoch + 1
            )
            self._epoch_cond.notify_all()

    def request(self) -> None:
        """Ask for a rebuild, as a changed file does (from any thread)."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def pending(self) -> bool:
        """Whether a file changed since the running rebuild began."""
        with self._rebuild_cond:
            return bool(self._want_rebuild)


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def with_banner(app: WSGIApp, banner: Callable[[], str]) -> WSGIApp:
    """``app`` with the project's errors (``banner``) in place of ``SLOT`` in every page."""
    slot = SLOT.encode("utf-8")

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        answer: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            answer[:] = [status, headers]
            return lambda data: None  # MkDocs' server never writes this way

        body = app(environ, capture)
        status, headers = answer
        if not any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
            start_response(status, headers)
            return body
        try:
            content = b"".join(body)
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
        content = content.replace(slot, banner().encode("utf-8"), 1)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(status, [*headers, ("Content-Length", str(len(content)))])
        return [content]

    return serve


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
