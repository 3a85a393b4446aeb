"""The preview's snapshot of its inputs: which files changed between two rebuilds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journeyspec.site import snapshot
from journeyspec.site.snapshot import Snapshot


def test_files_added_removed_and_changed_are_found(tmp_path: Path) -> None:
    (tmp_path / "journeys").mkdir()
    kept, changed, gone = (tmp_path / "journeys" / n for n in ("a.yaml", "b.yaml", "c.yaml"))
    for path in (kept, changed, gone):
        path.write_text("title: x\n", encoding="utf-8")
    config = tmp_path / "journeyspec.yaml"
    config.write_text("journeyspec: 1\n", encoding="utf-8")
    before = Snapshot.take([tmp_path / "journeys", config, tmp_path / "missing"])
    changed.write_text("title: changed\n", encoding="utf-8")
    gone.unlink()
    added = tmp_path / "journeys" / "d.yaml"
    added.write_text("title: d\n", encoding="utf-8")
    after = Snapshot.take([tmp_path / "journeys", config, tmp_path / "missing"])
    assert after.changed(before) == {changed, gone, added}
    assert after.changed(after) == set()


def test_a_save_of_the_same_size_within_one_clock_tick_is_found(tmp_path: Path) -> None:
    journey = tmp_path / "a.yaml"
    journey.write_text("title: one\n", encoding="utf-8")
    stamp = journey.stat()
    before = Snapshot.take([journey])
    journey.write_text("title: two\n", encoding="utf-8")  # same size, same inode
    os.utime(journey, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # and the same time
    assert Snapshot.take([journey], since=before).changed(before) == {journey}


def test_a_file_that_ages_out_of_recent_is_not_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journey = tmp_path / "a.yaml"
    journey.write_text("title: one\n", encoding="utf-8")
    before = Snapshot.take([journey])  # just written: checksummed
    monkeypatch.setattr(snapshot, "RECENT_NS", 0)  # seconds later: no longer recent
    assert Snapshot.take([journey], since=before).changed(before) == set()
