"""HTML blocks kept away from Markdown: the split, the refill and the words-only copy for search."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from journeyspec.site import blocks

PAGE = """---
title: "A page"
---
# A \\*page\\*

<div class="jsp-header">
<p>Lead &amp; more</p>
</div>

## Diagrams

<div class="jsp-figures">
<figure><img src="a.svg" alt="A"></figure>

<figure><img src="b.svg" alt="B"></figure>

</div>

## Notes

Some *Markdown* text, kept.

<a href="x/">An inline tag starts a Markdown paragraph</a>

<h3 id="deep">Deep</h3>
<table><tr><td>one</td><td>two</td></tr></table>
"""


def _convert(text: str) -> str:
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
    return markdown.markdown(body, extensions=["toc"])


def test_split_keeps_headings_and_markdown_and_takes_out_each_block() -> None:
    split = blocks.split(PAGE)
    assert split.markdown.startswith('---\ntitle: "A page"\n---\n# A \\*page\\*\n\nJSP-RAW-0\n')
    assert "## Diagrams\n\nJSP-RAW-1\n\n## Notes" in split.markdown
    assert "Some *Markdown* text, kept." in split.markdown
    assert "<a href" in split.markdown  # not block-level: Markdown wraps it in a paragraph
    assert len(split.blocks) == 3
    # Blank lines inside an unclosed element stay inside its block, as in Markdown.
    assert split.blocks[1].startswith('<div class="jsp-figures">') and "\n\n" in split.blocks[1]
    assert split.blocks[1].rstrip().endswith("</div>")


def test_filled_page_is_what_markdown_makes_of_the_whole_page() -> None:
    split = blocks.split(PAGE)
    filled = blocks.fill(_convert(split.markdown), split.blocks)
    whole = _convert(PAGE)

    def squeeze(html: str) -> str:
        return re.sub(r"\s+", "", html)

    assert squeeze(filled) == squeeze(whole)


def test_lean_copy_has_the_words_and_the_headings_with_ids() -> None:
    split = blocks.split(PAGE)
    lean = blocks.lean(_convert(split.markdown), split.blocks)
    assert "<p>Lead &amp; more</p>" in lean
    assert '<h3 id="deep">Deep</h3><p>one two</p>' in lean
    assert "<img" not in lean and "<figure" not in lean and "<table" not in lean
    assert '<h2 id="diagrams">Diagrams</h2>' in lean


def test_anchors_are_the_ids_inside_blocks() -> None:
    split = blocks.split('<div id="a&amp;b"><p data-id="no">x</p><h3 id="deep">D</h3></div>\n')
    assert blocks.anchors(split.blocks) == {"a&b", "deep"}


def test_a_placeholder_in_user_text_is_not_replaced() -> None:
    # User text reaches blocks only inside elements, and headings become <h1>, never <p>.
    split = blocks.split("# JSP-RAW-0\n\n<p>JSP-RAW-0</p>\n")
    html = blocks.fill(_convert(split.markdown), split.blocks)
    assert html.count("JSP-RAW-0") == 2
    assert '<h1 id="jsp-raw-0">JSP-RAW-0</h1>' in html and "<p>JSP-RAW-0</p>" in html


def test_built_journey_page_has_every_block_back(built_site: Path) -> None:
    page = (built_site / "journeys/missing-delivery-support/index.html").read_text("utf-8")
    assert "JSP-RAW-" not in page
    assert 'class="jsp-grid"' in page and 'id="pain-long-hold"' in page
    assert '<h2 id="pain-points">Pain points<a class="headerlink"' in page


def test_search_index_has_every_section_with_its_words_apart(built_site: Path) -> None:
    docs = json.loads((built_site / "search/search_index.json").read_text("utf-8"))["docs"]
    sections = {d["location"]: d for d in docs}
    glance = sections["journeys/missing-delivery-support/#journey-at-a-glance"]
    assert glance["title"] == "Journey at a glance"
    # Cells of the grid are separate words (they used to be glued: "Customer SupportTriage").
    assert "Reporting the problem Customer Support Triage" in glance["text"]
    pains = sections["journeys/missing-delivery-support/#pain-points"]["text"]
    assert "Fail point: holds of 50 minutes on the support line Makes them abandon" in pains
    assert "<table" not in glance["text"] and "<span" not in pains


class _Rewriter(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """A plugin that changes page content in on_page_context, as some do."""

    def on_page_context(self, context: Any, /, **kwargs: Any) -> Any:
        return context


def test_search_sees_the_lean_copy_only_when_no_other_plugin_runs_in_between(
    example_project: Path,
) -> None:
    config = load_config(str(example_project / "mkdocs.yml"))
    plugin = config.plugins["journeyspec"]
    assert plugin.search_alone_in_between(config)  # type: ignore[attr-defined]
    config.plugins["rewriter"] = _Rewriter()
    assert not plugin.search_alone_in_between(config)  # type: ignore[attr-defined]


def test_packed_blocks_give_back_every_block_and_its_ids() -> None:
    found = (
        '<div id="a">é ✓ \U0001f600</div>\n',
        "",
        '<p id="b&amp;c">x</p>',
        "<table>\n\n</table>",
    )
    packed = blocks.Packed.of(found)
    assert packed.blocks() == found
    assert packed.anchors == {"a", "b&c"}
    assert blocks.Packed.of(()).blocks() == ()
    big = ('<tr><td class="jsp-cell">the same words again</td></tr>' * 2000,)
    assert len(blocks.Packed.of(big).data) * 10 < len(big[0])  # what makes packing worth it


_HOOK = """
def on_page_content(html, page, config, files):
    return html
"""


def test_blocks_filled_late_give_the_same_site_as_blocks_filled_for_other_plugins(
    example_project: Path, tmp_path: Path
) -> None:
    """With search the only other plugin, blocks go into a page only as it is written (so
    a build never holds every page's text); with any other plugin (here a hook that
    handles page content), as Markdown's HTML comes out. Every file is the same."""
    config = load_config(str(example_project / "mkdocs.yml"))
    plugin = config.plugins["journeyspec"]
    plugin._start_pages(config)  # type: ignore[attr-defined]
    assert plugin.late  # type: ignore[attr-defined]
    sites = {}
    for name, extra in (("late", ""), ("early", "hooks:\n  - hook.py\n")):
        project = tmp_path / name
        shutil.copytree(example_project, project, ignore=shutil.ignore_patterns("site"))
        (project / "hook.py").write_text(_HOOK, encoding="utf-8")
        with (project / "mkdocs.yml").open("a", encoding="utf-8") as mkdocs_yml:
            mkdocs_yml.write(extra)
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        sites[name] = project / "site"
    early = load_config(str(tmp_path / "early" / "mkdocs.yml"))
    early_plugin = early.plugins["journeyspec"]
    early_plugin._start_pages(early)  # type: ignore[attr-defined]
    assert not early_plugin.late  # type: ignore[attr-defined]
    files = sorted(p.relative_to(sites["late"]) for p in sites["late"].rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(sites["early"]) for p in sites["early"].rglob("*") if p.is_file()
    )
    assert len(files) > 100
    different = [
        f for f in files if (sites["late"] / f).read_bytes() != (sites["early"] / f).read_bytes()
    ]
    assert different == []


def test_an_insights_page_row_of_siblings_is_a_block_too(built_site: Path) -> None:
    """The row is added once every page is planned; it is still kept out of Markdown."""
    docs = json.loads((built_site / "search/search_index.json").read_text("utf-8"))["docs"]
    first = next(d for d in docs if d["location"] == "pain-points/")
    assert first["text"].startswith("<p>Pain points · Opportunities · KPIs · Themes")
