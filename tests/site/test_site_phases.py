"""Phase sets on the site: a service journey without a sale fills the phase heatmap."""

from __future__ import annotations

import html
import re
from pathlib import Path

from journeyspec.project import load_config
from journeyspec.site.build import build_site
from tests.site.conftest import copy_example

HOSPITAL = """\
journeyspec: 1
id: hospital-appointment
title: A hospital appointment
persona: amara
stages:
  - id: referral
    name: Referral
    phase: before
    steps:
      - {id: gets-letter, name: Gets the referral letter, emotion: -1}
  - id: appointment
    name: Appointment
    phase: during
    steps:
      - {id: waits, name: Waits to be seen, emotion: {score: -2}}
      - {id: is-seen, name: Is seen by the consultant, emotion: {score: 1}}
  - id: recovery
    name: Recovery
    phase: after
    steps:
      - {id: follow-up, name: Gets a follow-up call, emotion: {score: 2}}
"""


def test_a_service_journey_builds_a_heatmap_row_with_values(
    tmp_path: Path, pinned_today: None
) -> None:
    project = copy_example(tmp_path / "project")
    (project / "journeys" / "hospital-appointment.yaml").write_text(HOSPITAL, encoding="utf-8")
    site = build_site(
        load_config(project), strict=False
    ).site_dir  # its lint warnings are not the point
    page = (site / "heatmap" / "index.html").read_text(encoding="utf-8")
    phases = page.split("<table", 2)[1]  # the first table: by phase
    head = [html.unescape(h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', phases)]
    # Phase sets in order of first use, journeys by title: the hospital's comes first.
    assert head[-6:] == [
        "Before", "During", "After", "Before the purchase", "Purchase", "After the purchase"
    ]  # fmt: skip
    row = next(r for r in phases.split("<tr>") if "A hospital appointment" in r)
    scores = re.findall(r'<span class="jsp-heat-score">([^<]*)</span>', row)
    assert scores == ["−1", "−0.5", "2"]  # typographic minus; the shorthand `emotion: -1` too
    cells = re.findall(r"<td class=\"([^\"]+)\"", row)
    assert cells[3:] == ["jsp-heat-absent"] * 3  # no commercial phases in this journey
    assert len(cells) == 6 and "jsp-heat-absent" not in cells[:3]
