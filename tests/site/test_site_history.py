"""The changes feed: what each commit changed in the journeys, read from a real git repo."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from journeyspec.history import history, newest, summary
from journeyspec.project import load_config
from journeyspec.site.build import build_site
from tests.conftest import MINIMAL_FILES, write_files

JOURNEY = "journeys/first-purchase.yaml"
PAIN = """\
pain_points:
  - id: no-import
    title: Old data cannot be imported
    step: imports-data
    severity: abandon
opportunities:
  - id: importer
    title: A bank statement importer
    addresses: [no-import]
    status: planned
"""


def commit(root: Path, message: str, day: str, author: str = "Ana Lima") -> None:
    """Commit everything as ``author`` on ``day`` (fixed dates: the history is reproducible)."""
    stamp = f"{day}T10:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "ana@example.com",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "ana@example.com",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", message]):
        if args[0] == "init" and (root / ".git").exists():
            continue
        subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, env=env, check=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project with four commits: the map, a pain point and a worse feeling, an edit
    outside the journeys, and the opportunity done."""
    root = write_files(tmp_path / "project", MINIMAL_FILES)
    commit(root, "First map", "2026-09-01")
    journey = root / JOURNEY
    text = journey.read_text(encoding="utf-8")
    journey.write_text(
        text.replace("{score: -1, label: anxious}", "{score: -2, label: lost}") + PAIN,
        encoding="utf-8",
    )
    commit(root, "Interviews: importing hurts", "2026-10-20", author="Rui Costa")
    (root / "personas/budi.yaml").write_text(
        "journeyspec: 1\nid: budi\nname: Budi Santoso\n", encoding="utf-8"
    )
    commit(root, "Persona full name", "2026-10-25")
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("status: planned", "status: done"),
        encoding="utf-8",
    )
    commit(root, "Importer shipped", "2026-11-02")
    return root


def test_history_lists_journey_commits_newest_first_with_plain_summaries(repo: Path) -> None:
    revisions = history(load_config(repo))
    assert [(r.date.isoformat(), r.author, r.subject) for r in revisions] == [
        ("2026-11-02", "Ana Lima", "Importer shipped"),
        ("2026-10-20", "Rui Costa", "Interviews: importing hurts"),
        ("2026-09-01", "Ana Lima", "First map"),
    ]  # the persona commit touched no journey
    done, pain, first = revisions
    assert [(e.id, e.status) for e in first.journeys] == [("first-purchase", "added")]
    assert summary(pain.journeys[0]) == (
        "feeling at “Searches for software” −1 → −2 (worse)",
        "pain point “Old data cannot be imported” added",
        "opportunity “A bank statement importer” added",
        "also: step emotion label",
    )
    assert summary(done.journeys[0]) == ("opportunity “A bank statement importer” planned → done",)
    assert newest(revisions) == dt.date(2026, 11, 2)


def test_history_is_bounded_to_the_last_commits(repo: Path) -> None:
    assert [r.subject for r in history(load_config(repo), limit=2)] == [
        "Importer shipped",
        "Interviews: importing hurts",
    ]


def test_a_commit_that_breaks_the_file_is_left_out_and_the_fix_reads_as_a_change(
    repo: Path,
) -> None:
    journey = repo / JOURNEY
    good = journey.read_text(encoding="utf-8")
    journey.write_text(good.replace("stages:", "stages: [oops"), encoding="utf-8")
    commit(repo, "Broken", "2026-11-03")
    journey.write_text(good.replace("title: First purchase", "title: First buy"), encoding="utf-8")
    commit(repo, "Fixed", "2026-11-04")
    revisions = history(load_config(repo))
    assert [(r.subject, r.journeys[0].status) for r in revisions][:3] == [
        ("Fixed", "repaired"),  # invalid before: nothing to compare with
        ("Broken", "invalid"),  # not "removed": the file is still there
        ("Importer shipped", "changed"),
    ]
    assert revisions[0].journeys[0].title == "First buy"
    assert summary(revisions[1].journeys[0]) == ("the file stopped being a valid journey",)


def test_a_project_outside_git_has_no_history_and_builds(tmp_path: Path) -> None:
    root = write_files(tmp_path / "plain", MINIMAL_FILES)
    assert history(load_config(root)) == ()
    site = build_site(load_config(root)).site_dir
    assert not (site / "changes").exists()
    assert "Changed in the last" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_site_shows_the_feed_the_recent_changes_and_each_journeys_history(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEYSPEC_TODAY", "2026-11-20")  # 30 days: from 2026-10-21
    site = build_site(load_config(repo), strict=False).site_dir
    home = (site / "index.html").read_text(encoding="utf-8")
    recent = home.split('id="changed-in-the-last-30-days"')[1].split("<h2")[0]
    assert "Importer shipped" in recent
    assert "Interviews: importing hurts" not in recent  # 2026-10-20: 31 days before
    assert "planned → done" in recent
    feed = (site / "changes/index.html").read_text(encoding="utf-8")
    assert feed.index("Importer shipped") < feed.index("Interviews: importing hurts")
    assert "Rui Costa" in feed and "pain point “Old data cannot be imported” added" in feed
    page = (site / "journeys/first-purchase/index.html").read_text(encoding="utf-8")
    assert 'id="history"' in page and "First map" in page


def test_without_a_pinned_day_the_window_ends_at_the_newest_commit(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JOURNEYSPEC_TODAY", raising=False)
    site = build_site(load_config(repo), strict=False).site_dir
    home = (site / "index.html").read_text(encoding="utf-8")
    recent = home.split('id="changed-in-the-last-30-days"')[1].split("<h2")[0]
    # 2026-11-02 back to 2026-10-03: both later commits, never the wall clock's today.
    assert "Importer shipped" in recent and "Interviews: importing hurts" in recent
    assert "First map" not in recent


def test_a_removed_journey_is_named_in_the_feed_but_not_linked(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEYSPEC_TODAY", "2026-11-20")
    other = repo / "journeys/second.yaml"
    other.write_text(
        (repo / JOURNEY)
        .read_text(encoding="utf-8")
        .replace("id: first-purchase", "id: second")
        .replace("title: First purchase", "title: Second look"),
        encoding="utf-8",
    )
    commit(repo, "A second map", "2026-11-05")
    other.unlink()
    commit(repo, "Second map merged into the first", "2026-11-06")
    assert [(e.id, e.status) for e in history(load_config(repo))[0].journeys] == [
        ("second", "removed")
    ]
    site = build_site(load_config(repo), strict=False).site_dir
    feed = (site / "changes/index.html").read_text(encoding="utf-8")
    assert "Second look" in feed
    assert "journeys/second/" not in feed


def test_a_shallow_clone_leaves_out_the_commits_whose_parents_it_lacks(
    repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True)
    # Two commits fetched: the newest, and its parent at the edge (the persona commit,
    # which touched no journey). Everything before that is missing, not "added".
    revisions = history(load_config(clone))
    assert [(r.subject, [e.status for e in r.journeys]) for r in revisions] == [
        ("Importer shipped", ["changed"])
    ]
    shallow = tmp_path / "one"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True
    )
    assert history(load_config(shallow)) == ()


def test_a_journey_file_too_large_to_read_is_not_read(repo: Path) -> None:
    journey = repo / JOURNEY
    journey.write_text(
        journey.read_text(encoding="utf-8") + "# " + "x" * (5 * 1024 * 1024) + "\n",
        encoding="utf-8",
    )
    commit(repo, "Huge", "2026-11-10")
    newest_first = history(load_config(repo))
    assert (newest_first[0].subject, newest_first[0].journeys[0].status) == ("Huge", "invalid")


def test_the_journeys_folder_named_through_a_link_still_has_its_history(
    repo: Path, tmp_path: Path
) -> None:
    link = tmp_path / "linked"
    link.symlink_to(repo)
    assert [r.subject for r in history(load_config(link))][:1] == ["Importer shipped"]


def test_commit_subjects_and_authors_reach_the_page_as_text(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEYSPEC_TODAY", "2026-11-20")
    journey = repo / JOURNEY
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("title: First purchase", "title: First"),
        encoding="utf-8",
    )
    commit(repo, "<script>alert(1)</script> \u202eevil", "2026-11-12", author="<b>Mallory</b>")
    site = build_site(load_config(repo), strict=False).site_dir
    for page in ("index.html", "changes/index.html", "journeys/first-purchase/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page
        assert "<script>alert(1)" not in html and "<b>Mallory" not in html
        assert "\u202e" not in html
