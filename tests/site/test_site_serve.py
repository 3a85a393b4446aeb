"""`journeyspec serve`: a real live-reload server that rebuilds when a journey file changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def served(minimal_project: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "journeyspec", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=minimal_project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_rebuilds_when_a_journey_changes(minimal_project: Path, served: str) -> None:
    page = served + "journeys/first-purchase/"
    assert wait_for(page, "First purchase")
    journey = minimal_project / "journeys/first-purchase.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace(
            "title: First purchase", "title: First purchase, revised"
        ),
        encoding="utf-8",
    )
    assert wait_for(page, "First purchase, revised")
    assert not (minimal_project / "site").exists()  # the preview never touches site/
