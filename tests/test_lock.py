"""The locks in requirements/ hold every dependency pyproject.toml names, pinned and hashed.

A dependency added to pyproject.toml without running scripts/lock would otherwise install
unpinned on CI's fresh machine (or not at all, under --require-hashes): fail here instead.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)")


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", text):
        match = PIN.match(block)
        if match is None:
            continue
        assert "--hash=sha256:" in block, f"{lock}: {match[1]} has no hash"
        found[canonicalize_name(match[1])] = match[2]
    return found


def wanted(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = list(project["dependencies"])
    for extra in extras:
        names += project["optional-dependencies"][extra]
    build = (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
    names += [line for line in build if line and not line.startswith("#")]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(("lock", "extras"), [("site.lock", ()), ("test.lock", ("test", "bench"))])
def test_every_dependency_is_pinned_within_its_range(lock: str, extras: tuple[str, ...]) -> None:
    pinned = pins(lock)
    for requirement in wanted(*extras):
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is not in requirements/{lock}: run scripts/lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"requirements/{lock} pins {name}=={pinned[name]}, outside {requirement}"
        )


def test_the_site_lock_agrees_with_the_test_lock() -> None:
    site, test = pins("site.lock"), pins("test.lock")
    assert {name: site[name] for name in site} == {name: test[name] for name in site}
