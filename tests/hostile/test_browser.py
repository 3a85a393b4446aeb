"""The site in a real browser: text attacks in every field run no script and fetch nothing.

The attack project (``attacks.py``) is built with ``journeyspec build`` and every page
and diagram is opened in headless Chromium from a local server. A payload that ran
would set ``window.__pwned``, open a dialog or call a trapped function; injected markup
would leave inline handlers, ``javascript:`` links or requests to other hosts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium, serve
from tests.hostile.attacks import write_attack_project
from tests.hostile.test_corpus import journeyspec

pytestmark = pytest.mark.browser

# Runs before any page script: dialogs and eval are recorded instead of run.
TRAPS = r"""
window.__trapped = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__trapped.push(name + ":" + args.join(",")); };
}
const realEval = window.eval;
window.eval = function (...args) { window.__trapped.push("eval " + String(args[0]).slice(0, 80) + " @ " + (new Error().stack || "").split("\n").slice(2, 4).join(" ")); return realEval(...args); };
"""

# After load: what a payload would leave behind. Any inline handler attribute is a finding
# (the theme uses none), so handlers need not be fired to be caught.
INSPECT = r"""
() => {
  const all = Array.from(document.querySelectorAll("*"));
  const handlers = [], scriptLinks = [], injected = [];
  for (const el of all) {
    for (const attr of Array.from(el.attributes)) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.toLowerCase().startsWith("on")) handlers.push(el.tagName + " " + attr.name);
      if (/^(javascript|vbscript|data:text\/html)/.test(value.replace(/[\s\u0000-\u001f]/g, ""))
          && /href|src|action|data|formaction/.test(attr.name)) {
        scriptLinks.push(el.tagName + " " + attr.name + "=" + attr.value.slice(0, 60));
      }
    }
  }
  for (const script of document.querySelectorAll("script")) {
    if (/__pwned|alert\(/.test(script.textContent)) injected.push(script.textContent.slice(0, 80));
  }
  return {
    trapsMissing: !Array.isArray(window.__trapped),
    pwned: typeof window.__pwned !== "undefined",
    // Playwright's own evaluate() goes through window.eval: not the page's doing.
    trapped: (window.__trapped || []).filter((t) => !t.includes("UtilityScript")),
    handlers, scriptLinks, injected,
    text: document.body ? document.body.innerText : "",
  };
}
"""


@pytest.fixture(scope="module")
def attack_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_attack_project(tmp_path_factory.mktemp("attack"))
    # --allow-errors: the attack project must reach every page, lint errors and all.
    code, output = journeyspec("build", "--allow-errors", cwd=root, timeout=300)
    assert code == 0, output
    return root / "site"


@pytest.fixture(scope="module")
def server(attack_site: Path) -> Iterator[str]:
    with serve(attack_site) as url:
        yield url.rstrip("/")


def site_urls(site: Path) -> list[str]:
    """Every page and every diagram (a diagram can be opened on its own, where SVG runs)."""
    pages = sorted(site.rglob("*.html")) + sorted(site.rglob("*.svg"))
    return ["/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in pages]


def test_every_page_runs_no_injected_script(attack_site: Path, server: str) -> None:
    urls = site_urls(attack_site)
    assert len(urls) > 20
    problems: list[str] = []
    texts: dict[str, str] = {}
    events: list[str] = []  # of the page being inspected; emptied per URL
    with chromium() as browser:
        context = browser.new_context(service_workers="block")
        context.add_init_script(TRAPS)
        page = context.new_page()
        page.on(
            "dialog", lambda dialog: (events.append("dialog " + dialog.message), dialog.dismiss())
        )
        page.on("request", lambda request: _check_request(request, server, events))
        page.on("pageerror", lambda exc: _check_error(str(exc), events))
        try:
            for url in urls:
                events.clear()
                page.goto(server + url, wait_until="load")
                found = page.evaluate(INSPECT)
                texts[url] = found.pop("text")
                events.extend(f"{key}: {value}" for key, value in found.items() if value)
                problems.extend(f"{url}: {event}" for event in events)
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
    # The payloads arrived as text: shown, escaped, never evaluated by a template.
    journey = texts["/journeys/attack/"]
    assert "{{ 7*7 }}" in journey
    assert "<script>window.__pwned=1</script>" in journey


def _check_request(request: Any, origin: str, events: list[str]) -> None:
    url: str = request.url
    if url.startswith(origin + "/") or url == origin:
        return
    if url.startswith("data:") and request.resource_type in ("image", "font", "stylesheet"):
        return  # inline icons of the theme, no host involved
    events.append(f"request to {url[:100]} ({request.resource_type})")


def _check_error(message: str, events: list[str]) -> None:
    # A script error mentioning a payload means the payload reached a script context.
    if "__pwned" in message or "alert" in message:
        events.append("script error: " + message[:100])
