"""Escaping and wrapping of user text on its way into DOT."""

from __future__ import annotations

from journeyspec.diagrams import dot


def test_text_doubles_backslashes_so_graphviz_escapes_stay_literal() -> None:
    assert dot.text(r"\N \G \l \\") == r"\\N \\G \\l \\\\"


def test_text_entity_encodes_xml_specials() -> None:
    assert dot.text('<script>"a" & b</script>') == (
        "&lt;script&gt;&quot;a&quot; &amp; b&lt;/script&gt;"
    )


def test_quote_escapes_quotes_and_backslashes_and_drops_newlines() -> None:
    assert dot.quote('a"]; node [x\\N\nb') == '"a\\"]; node [x\\\\N b"'


def test_clean_drops_control_characters_and_joins_whitespace() -> None:
    assert dot.clean("one\ntwo\t\x00three\x1b  four\r\n") == "one two three four"


def test_wrap_breaks_long_words_and_ends_overflow_with_an_ellipsis() -> None:
    lines = dot.wrap("x" * 500, 22, 4)
    assert len(lines) == 4
    assert all(len(line) <= 22 for line in lines)
    assert lines[-1].endswith("…")


def test_wrap_keeps_short_text_whole() -> None:
    assert dot.wrap("Books a demo", 22, 4) == ["Books a demo"]


def test_label_escapes_each_wrapped_line() -> None:
    assert dot.label("<b> & <i>", 5, 3) == "&lt;b&gt; &amp;<BR/>&lt;i&gt;"


def test_attrs_quotes_plain_values_and_brackets_markup() -> None:
    values: dict[str, str | dot.Html] = {"color": 'x"y', "label": dot.Html("<B>z</B>")}
    assert dot.attrs(values) == '[color="x\\"y", label=<<B>z</B>>]'
