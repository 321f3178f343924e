"""Markdown as plain text for screen readers and pipes: no ``**``, backticks or fences.

:func:`markdown_to_text` renders a bank's Markdown (prompts, model answers,
reports) the way a person would type it in a plain e-mail: paragraphs wrapped
at the given width without breaking a word, ``- `` and ``1. `` list items with
a hanging indent, code blocks indented four spaces and kept whole (never
wrapped), headings as their text, a link as ``text (url)``. :func:`wrap_line`
wraps one line of program output the same way.
"""

from __future__ import annotations

import textwrap
from typing import Any

MIN_WIDTH = 20
"""Narrower terminals still get lines this wide (a word longer than the width stays whole)."""
CODE_INDENT = "    "


def wrap_line(line: str, width: int) -> list[str]:
    """One line wrapped at ``width`` between words; continuation lines keep its indent."""
    width = max(MIN_WIDTH, width)
    if len(line) <= width or not line.strip():
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    return textwrap.wrap(
        line,
        width,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [line]


def _inline_text(token: Any) -> str:
    """An inline token's text without emphasis marks; code keeps its text, links their URL."""
    parts: list[str] = []
    href: str | None = None
    link_start = 0
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
            link_start = len(parts)
        elif kind == "link_close":
            text = "".join(parts[link_start:])
            if href and href != text:
                parts.append(f" ({href})")
            href = None
        elif kind == "image":
            parts.append(child.content or str(child.attrGet("alt") or ""))
    return "".join(parts)


class _Renderer:
    def __init__(self, width: int) -> None:
        self.width = max(MIN_WIDTH, width)
        self.lines: list[str] = []
        self.indent = ""
        self.first: str | None = None  # the current list item's marker line prefix
        self.lists: list[list[Any]] = []  # [ordered, next number]
        self.saved: list[str] = []
        self.blank = False
        self.cells: list[str] | None = None  # the table row being read

    def _start_block(self) -> None:
        if self.blank and self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.blank = False

    def paragraph(self, text: str) -> None:
        self._start_block()
        first = self.first if self.first is not None else self.indent
        self.first = None
        for number, part in enumerate(text.split("\n")):
            lead = first if number == 0 else self.indent
            wrapped = textwrap.wrap(
                " ".join(part.split()),
                self.width,
                initial_indent=lead,
                subsequent_indent=self.indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            self.lines.extend(wrapped or [lead.rstrip()])

    def code(self, content: str) -> None:
        self._start_block()
        if self.first is not None:
            self.lines.append(self.first.rstrip())
            self.first = None
        for line in content.rstrip("\n").split("\n"):
            self.lines.append((self.indent + CODE_INDENT + line).rstrip())
        self.blank = True

    def render(self, tokens: list[Any]) -> str:
        for token in tokens:
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                if not self.lists:
                    self._start_block()
                start = token.attrGet("start")
                self.lists.append([kind == "ordered_list_open", int(start) if start else 1])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                self.blank = self.blank or not self.lists  # a nested list is part of its item
            elif kind == "list_item_open":
                ordered, number = self.lists[-1]
                marker = f"{number}. " if ordered else "- "
                if ordered:
                    self.lists[-1][1] += 1
                self.saved.append(self.indent)
                self.first = self.indent + marker
                self.indent += " " * len(marker)
            elif kind == "list_item_close":
                self.indent = self.saved.pop()
                self.first = None
            elif kind == "blockquote_open":
                self.saved.append(self.indent)
                self.indent += "  "
            elif kind == "blockquote_close":
                self.indent = self.saved.pop()
                self.blank = True
            elif kind == "tr_open":
                self.cells = []
            elif kind == "tr_close":
                cells, self.cells = self.cells or [], None
                self.paragraph(" | ".join(cells))
            elif kind == "table_close":
                self.blank = True
            elif kind == "inline" and self.cells is not None:
                self.cells.append(_inline_text(token))
            elif kind == "inline":
                self.paragraph(_inline_text(token))
            elif kind in ("paragraph_close", "heading_close"):
                self.blank = self.blank or not token.hidden
            elif kind in ("fence", "code_block"):
                self.code(token.content)
            elif kind == "hr":
                self.blank = True
            elif kind == "html_block":
                self.code(token.content)
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines)


def markdown_to_text(source: str, width: int = 80) -> str:
    """``source`` (CommonMark, plus tables as one ``a | b`` line per row) as wrapped plain text."""
    from markdown_it import MarkdownIt

    return _Renderer(width).render(MarkdownIt("commonmark").enable("table").parse(source))
