"""One Markdown parser for every Markdown widget (Textual builds one per update).

``Markdown.update`` constructs ``MarkdownIt("gfm-like")`` each time it is called,
compiling the linkify patterns anew: a few milliseconds for every question and
verdict shown. The parser keeps no state between documents, so one serves all.
"""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt


@functools.cache
def shared_parser() -> MarkdownIt:
    """The ``gfm-like`` parser Textual's Markdown widget uses by default, built once."""
    return MarkdownIt("gfm-like")
