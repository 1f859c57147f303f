"""``sahifa cat``: an article laid out exactly as the reader shows it, on stdout."""

from __future__ import annotations

import os
import shutil
import sys

from rich.style import Style

from .library.model import Article
from .options import ReadingOptions
from .text.article_layout import layout_blocks
from .text.highlight import keyword_spans
from .text.layout import LayoutOptions
from .text.render import line_segments
from .text.styles import MONO_STYLES

# Keyword styles that stay distinct in 16 colours and, by alternating underline,
# without colour. Dark text is never bold: terminals draw bold colours 0-7 in
# their bright variant, which turns black text grey.
ANSI_STYLES = {
    "kw0": "30;43",
    "kw1": "4;30;46",
    "kw2": "30;42",
    "kw3": "4;30;45",
    "kw4": "1;97;44",
    "kw5": "1;4;97;41",
    "match": "1;4",
    "current": "1;7",
    "title": "1",
}


def use_color(choice: str, stream=sys.stdout) -> bool | str:
    """True for colour, "mono" for styles without colour (NO_COLOR), False for plain text."""
    if choice == "always":
        return "mono" if os.environ.get("NO_COLOR") else True
    if choice == "never":
        return False
    if not stream.isatty() or os.environ.get("TERM") == "dumb":
        return False
    return "mono" if os.environ.get("NO_COLOR") else True


def _sgr(spec: str) -> str:
    """SGR parameters of a Rich style string without colours (e.g. "1;4")."""
    style = Style.parse(spec)
    codes = [code for flag, code in ((style.bold, "1"), (style.italic, "3"), (style.underline, "4"),
                                     (style.reverse, "7")) if flag]
    return ";".join(codes)


MONO_ANSI = {key: _sgr(spec) for key, spec in MONO_STYLES.items()}


def default_width() -> int:
    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    cols = os.environ.get("COLUMNS", "")
    return int(cols) if cols.isdigit() and int(cols) > 0 else 80


def render_article(article: Article, width: int, options: ReadingOptions, color: bool | str) -> str:
    layout_options = LayoutOptions(
        width=width,
        direction=options.direction,
        harakat=options.harakat != "strip",
        bidi=options.resolved_bidi(),
    )
    layout = layout_blocks(article.blocks(), layout_options, article.direction)
    spans = []
    if options.highlights:
        blocks = list(zip(article.block_offsets(), (t for _, t in article.blocks())))
        spans = keyword_spans(blocks, options.highlights)
    table = MONO_ANSI if color == "mono" else ANSI_STYLES
    out = []
    for line in layout.lines:
        if not color:
            out.append(" " * line.indent + line.text if line.text else "")
            continue
        parts = []
        for text, key in line_segments(line, spans):
            if key is None and line.kind == "title":
                key = "title"
            parts.append(f"\x1b[{table[key]}m{text}\x1b[0m" if key else text)
        out.append("".join(parts))
    return "\n".join(out) + "\n"
