"""The fast path of loading and the careful one agree on randomly mutated journeys.

Whatever the mutation (a duplicated line, a retyped value, a stray ``~`` or ``[]``, a
truncated file, a flipped byte), ``load_document(..., fast=True)`` gives exactly the data,
the findings and the positions that the careful path gives, and rapidyaml never prints.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from journeyspec.loader import load_document
from journeyspec.sourcemap import SourceMap
from tests.fuzz.conftest import scaled
from tests.fuzz.test_mutations import mutated


# capfd is read (and so emptied) at the end of every example.
@settings(max_examples=scaled(1_200), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=mutated())
def test_the_fast_path_loads_mutated_journeys_as_the_careful_one(
    raw: bytes, capfd: pytest.CaptureFixture[str]
) -> None:
    careful = load_document(raw, "journeys/x.yaml")
    fast = load_document(raw, "journeys/x.yaml", fast=True)
    # rapidyaml prints what it refuses to the process's stderr: it must never see such text.
    assert capfd.readouterr().err == ""
    assert repr(fast.data) == repr(careful.data)
    assert fast.errors == careful.errors
    if fast.ordinary:
        full = SourceMap.from_text(fast.text)
        for pointer in full._values:
            assert fast.position(pointer) == full.value(pointer)
            assert fast.position(pointer, key=True) == full.key(pointer)
