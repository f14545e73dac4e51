"""Markdown is cut into typed blocks; nothing in model output becomes HTML or a fetch."""

from __future__ import annotations

from desktop.core.chat.markdown import (
    Block,
    BlockKind,
    MarkdownStream,
    parse,
    parse_inline,
    safe_href,
)


def kinds(text: str) -> list[BlockKind]:
    return [b.kind for b in parse(text)[0]]


def test_blocks_of_a_typical_answer() -> None:
    text = (
        "# Title\n\nSome **bold** and *italic* and `code`.\n\n- one\n- two\n1. first\n"
        "> quoted\n```python\nx = 1\n\ny = 2\n```\n---\n| a | b |\nafter"
    )
    assert kinds(text) == [
        BlockKind.HEADING,
        BlockKind.BLANK,
        BlockKind.PARAGRAPH,
        BlockKind.BLANK,
        BlockKind.BULLET,
        BlockKind.BULLET,
        BlockKind.NUMBERED,
        BlockKind.QUOTE,
        BlockKind.CODE_START,
        BlockKind.CODE,
        BlockKind.CODE,
        BlockKind.CODE,
        BlockKind.RULE,
        BlockKind.TABLE,
        BlockKind.PARAGRAPH,
    ]
    blocks, stream = parse(text)
    assert stream.code_text(0) == "x = 1\n\ny = 2"
    assert blocks[8].lang == "python"


def test_inline_spans() -> None:
    spans = parse_inline("a **b** *c* `d` ~~e~~ [f](https://x.org) snake_case_name")
    styled = {s.text: s for s in spans}
    assert styled["b"].bold and styled["c"].italic and styled["d"].code and styled["e"].strike
    assert styled["f"].href == "https://x.org"
    assert "".join(s.text for s in spans).endswith("snake_case_name")


def test_html_is_text_and_dangerous_links_are_dead() -> None:
    blocks, _ = parse(
        '<img src="http://evil/x.png"><script>alert(1)</script>\n'
        "[click](javascript:alert(1)) [f](file:///etc/passwd) "
        "![pic](https://example.com/p.png)"
    )
    plain = blocks[0].plain
    assert "<img" in plain and "<script>" in plain  # shown as text, never parsed
    spans = blocks[1].spans
    assert {s.text: s.href for s in spans}["click"] == ""
    assert {s.text: s.href for s in spans}["f"] == ""
    image = next(s for s in spans if s.text == "[pic]")
    assert image.href == "https://example.com/p.png"  # a link to click, not an image to load
    assert safe_href("data:text/html,hi") == ""


def test_streaming_gives_each_line_once_whatever_the_chunking() -> None:
    text = "Hello **world**\n```js\nlet a = 1;\n```\n- item\ntail"
    whole, _ = parse(text)
    for size in (1, 2, 3, 7):
        stream = MarkdownStream()
        got = []
        for i in range(0, len(text), size):
            got += stream.feed(text[i : i + size])
        got += stream.finish()
        assert got == whole, size


def test_the_unfinished_line_waits_in_the_tail() -> None:
    stream = MarkdownStream()
    assert stream.feed("```\nprint(1") == [Block(BlockKind.CODE_START, code_index=0)]
    assert stream.in_code and stream.tail == "print(1"
    assert stream.feed(")") == [] and stream.tail_len == len("print(1)")
    assert [b.text for b in stream.feed("\n")] == ["print(1)"]


def test_tables_are_rows_of_cells_with_a_header_rule() -> None:
    blocks, _ = parse("| Name | Size |\n|:---|---:|\n| **gemma3** | 241 MiB |\n| a \\| b | |")
    assert [b.kind for b in blocks] == [
        BlockKind.TABLE,
        BlockKind.TABLE_RULE,
        BlockKind.TABLE,
        BlockKind.TABLE,
    ]
    assert [[s.text for s in c] for c in blocks[0].cells] == [["Name"], ["Size"]]
    assert blocks[2].cells[0][0].bold and blocks[2].cells[0][0].text == "gemma3"
    assert blocks[3].plain == "a | b\t"


def test_cjk_text_passes_through() -> None:
    blocks, _ = parse("**日本語**のテキスト\n- 項目")
    assert blocks[0].spans[0].text == "日本語" and blocks[0].spans[0].bold
    assert blocks[1].plain == "項目"


def test_fence_opened_at_the_end_of_a_sentence() -> None:
    blocks, stream = parse("Try this: ```python\nprint('hi')\n```\nDone.")
    assert [b.kind for b in blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.CODE_START,
        BlockKind.CODE,
        BlockKind.PARAGRAPH,
    ]
    assert blocks[0].plain == "Try this:" and blocks[1].lang == "python"
    assert stream.code_text(0) == "print('hi')"
    # inline code with three backticks on one line stays inline
    assert [b.kind for b in parse("use ```x``` here")[0]] == [BlockKind.PARAGRAPH]
