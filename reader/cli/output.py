"""Laid-out text on stdout: the one ANSI renderer of ``cat``, ``search`` and ``list``.

Lines come from the same layout as the reader's page and are drawn from the
same segments (``text.render.line_segments``), styled from the same style
model (``text.styles``): in its 16 colours, without colour under NO_COLOR,
or as plain text when stdout is not a terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TextIO

from rich.color import ColorSystem
from rich.style import Style

from ..text.layout import LayoutOptions, VisualLine, fit_line, layout_paragraph
from ..text.render import Span, line_segments
from ..text.styles import STYLES


class Color(Enum):
    NONE = "none"  # plain text
    MONO = "mono"  # bold, underline, reverse: NO_COLOR
    FULL = "full"  # the style model's 16 colours


def color_mode(choice: str, stream: TextIO | None = None) -> Color:
    """What ``--color auto|always|never`` means here: NO_COLOR keeps styles but no colour."""
    stream = stream or sys.stdout
    if choice == "never" or (choice == "auto" and (not stream.isatty() or os.environ.get("TERM") == "dumb")):
        return Color.NONE
    return Color.MONO if os.environ.get("NO_COLOR") else Color.FULL


# How a terminal gets laid-out text: "app" (shaped, in visual order) or
# "terminal" (logical: it shapes and orders itself, as mlterm does); set once
# from --bidi or the config by the command line.
_bidi = {"mode": "app"}


def use_bidi(mode: str) -> None:
    from ..settings.options import detect_bidi_mode

    _bidi["mode"] = detect_bidi_mode() if mode == "auto" else mode


@contextmanager
def ordered_lines_kept() -> Iterator[None]:
    """While a command prints: a terminal that would reorder Sahifa's
    visual-order lines again (VTE, Konsole) is held in explicit mode, and put
    back after; the lines printed keep the mode they were printed in."""
    from ..settings.options import BIDI_EXPLICIT, BIDI_IMPLICIT, reorders_unless_explicit

    ttys = [s for s in (sys.stdout, sys.stderr) if s is not None and s.isatty()][:1]
    switch = bool(ttys) and not terminal_orders() and reorders_unless_explicit()
    if switch:
        ttys[0].write(BIDI_EXPLICIT)
        ttys[0].flush()
    try:
        yield
    finally:
        if switch:
            try:
                ttys[0].write(BIDI_IMPLICIT)
                ttys[0].flush()
            except (OSError, ValueError):
                pass  # the terminal is gone, or the stream was closed (a broken pipe)


def terminal_orders() -> bool:
    """Whether the terminal shapes and orders text itself (``--bidi terminal``)."""
    return _bidi["mode"] == "terminal"


_ISOLATES_AS_MARKS = str.maketrans({"\u2066": "\u200e", "\u2067": "\u200f", "\u2068": None, "\u2069": None})


def _for_terminal_bidi(text: str) -> str:
    """Text for a terminal that orders it itself: each isolate opened by the
    mark of its direction (mlterm reads isolates wrongly; a date or ``--help``
    after a mark keeps its order, and a line ends where the mark's cell goes)."""
    return text.translate(_ISOLATES_AS_MARKS) if terminal_orders() else text


def _layout(width: int, direction: str = "auto") -> LayoutOptions:
    return LayoutOptions(width=width, direction=direction, bidi=_bidi["mode"])


def warn(message: str, end: str = "\n") -> None:
    """``sahifa: message`` on stderr, on one line."""
    say(f"sahifa: {message}".replace("\n", " "), end=end, file=sys.stderr)


def say(text: str, end: str = "\n", file: TextIO | None = None) -> None:
    """Print a message: the one way text leaves the commands for a person.
    Messages carry paths, addresses, names and server answers from outside:
    their escape sequences are dropped and other control characters shown
    (tabs and line breaks stay). With the Arabic interface on a terminal, each
    line is laid out right to left (shaped, reordered) as the reader shows
    text; into a pipe it stays logical text."""
    from ..settings.language import is_rtl

    stream = file or sys.stdout
    text = clean_output(text)
    if stream.isatty() and text and (is_rtl() or has_rtl(text)):
        width = shutil.get_terminal_size((80, 24)).columns
        if is_rtl():
            text = isolate_ltr(text)
        if terminal_orders():
            text = _for_terminal_bidi(text)
        else:
            text = "\n".join(directed_lines(text.replace("\t", "  "), width, "rtl" if is_rtl() else "ltr"))
    print(text, end=end, file=stream)


_ASCII_RUN = re.compile(r"[!-~](?:[ -~]*[!-~])?")
_CLOSERS = {")": "(", "]": "[", "}": "{"}
_OPENERS = {v: k for k, v in _CLOSERS.items()}


def _loose(run: str, k: int) -> bool:
    """Whether the char at ``k`` (an end of ``run``) belongs to the sentence
    around the run: its punctuation, or a bracket without its pair inside."""
    ch = run[k]
    if ch in ".,:;!?":
        return True
    if ch in _CLOSERS:
        return run.count(_CLOSERS[ch]) < run.count(ch)
    if ch in _OPENERS:
        return run.count(_OPENERS[ch]) < run.count(ch)
    return False


def isolate_ltr(text: str) -> str:
    """Each run of ASCII that holds a letter or digit — an option, a command, a
    path, ``sahifa [-h] [--lang {auto,ar,en}]`` — as a left-to-right isolate,
    so that a right-to-left line shows ``--help`` as ``--help``, not
    ``help--``. The sentence's own punctuation and unpaired brackets at the
    run's ends stay outside, in the line's direction."""

    def wrap(m: re.Match[str]) -> str:
        run = m.group()
        if not any(c.isalnum() for c in run):
            return run
        head = tail = ""
        while run and _loose(run, -1):
            kept = run[:-1].rstrip(" ")
            run, tail = kept, run[len(kept):] + tail
        while run and _loose(run, 0):
            kept = run[1:].lstrip(" ")
            run, head = kept, head + run[:len(run) - len(kept)]
        if not run:
            return head + tail
        return f"{head}\u2066{run}\u2069{tail}"

    return _ASCII_RUN.sub(wrap, text)


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters (Arabic, Hebrew, Syriac…)."""
    from ..text.bidi import bidi_classes

    return not set(bidi_classes(text)).isdisjoint("RA")


def for_terminal(color: Color, stream: TextIO | None = None) -> bool:
    """Whether laid-out text goes to a person's terminal (shaped, visual order)
    rather than to a pipe or file, where it stays logical text that ``grep``
    finds: a terminal, or ``--color always`` (``| less -R``)."""
    return (stream or sys.stdout).isatty() or color is not Color.NONE


def table(rows: list[list[str]], flexible: Iterable[int] = (), color: Color = Color.NONE) -> list[str]:
    """Rows of cells. On a terminal the columns fit the window: each cell shaped
    and ordered on its own, cut with an ellipsis (the ``flexible`` columns first
    give way), columns laid right to left in a right-to-left interface. Into a
    pipe: tab-separated logical text, one row a line."""
    from ..settings.language import is_rtl

    rows = [[clean_output(c).replace("\t", " ") for c in row] for row in rows]
    if not for_terminal(color) or not rows:
        return ["\t".join(row) for row in rows]
    rows = [[_for_terminal_bidi(c) for c in row] for row in rows]
    columns = max(len(row) for row in rows)
    rows = [row + [""] * (columns - len(row)) for row in rows]
    gap = 2
    options = _layout(10**6)
    natural = [max(fit_line(row[k], 10**6, options, rtl_align=False).width for row in rows)
               for k in range(columns)]
    room = max(columns * 4, default_width() - gap * (columns - 1))
    widths = list(natural)
    for _ in range(sum(widths) - room):  # a cell at a time from the widest column that may give
        shrinkable = [k for k in flexible if k < columns and widths[k] > 8] or [k for k in range(columns)
                                                                                if widths[k] > 4]
        if not shrinkable:
            break
        widths[max(shrinkable, key=widths.__getitem__)] -= 1
    rtl = is_rtl()
    # a terminal that orders text itself lays a right-to-left row out from the
    # right: it gets the cells in reading order, the row opened by a mark (RLM)
    mirrored = rtl and not terminal_orders()
    out = []
    for row in rows:
        cells = []
        for k, cell in enumerate(row):
            line = fit_line(cell, widths[k], options, rtl_align=False)
            pad = " " * (widths[k] - line.width)
            cells.append(pad + line.text if mirrored else line.text + pad)
        if mirrored:
            out.append((" " * gap).join(reversed(cells)))
        else:
            out.append(("\u200f" if rtl else "") + (" " * gap).join(cells).rstrip())
    return out


def tightened_notices() -> list[str]:
    """What was made private in this run, one line each (said once, then forgotten)."""
    from ..settings.language import _
    from ..settings.paths import TIGHTENED, WRITABLE_FIXED

    notices = [_("{path} was readable by other users: made private").format(path=path)
               for path in dict.fromkeys(TIGHTENED)]
    notices += [_("{path} was writable by other users: made writable by you alone").format(path=path)
                for path in dict.fromkeys(WRITABLE_FIXED)]
    TIGHTENED.clear()
    WRITABLE_FIXED.clear()
    return notices


def clean_output(text: str) -> str:
    """``text`` without control sequences, keeping its tabs and line breaks."""
    from ..text.sanitize import clean

    return "\t".join(clean(part) for part in text.split("\t"))


def json_text(value: object) -> str:
    """JSON for stdout: logical Unicode as is, but no control character raw
    (JSON escapes C0 itself; DEL and C1, such as the 8-bit CSI, it leaves)."""
    import json
    import re

    return re.sub("[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}",
                  json.dumps(value, ensure_ascii=False))


def directed_lines(text: str, width: int, direction: str = "rtl") -> list[str]:
    """``text`` laid out as paragraphs of ``direction``, one per line of it
    (right aligned when right to left), shaped and in visual order."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        indent = len(paragraph) - len(paragraph.lstrip(" "))
        options = _layout(max(10, width - indent), direction)
        lines = layout_paragraph(paragraph.strip(" "), 0, options)
        if direction == "rtl":
            out.extend(" " * line.indent + line.text + " " * indent for line in lines)
        else:
            out.extend(" " * indent + " " * line.indent + line.text for line in lines)
    return out


def default_width() -> int:
    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    cols = os.environ.get("COLUMNS", "")
    return int(cols) if cols.isascii() and cols.isdigit() and 0 < int(cols) < 100_000 else 80


def _sgr(spec: str) -> str:
    """The SGR escape that starts a Rich style in the 16 standard colours."""
    rendered = Style.parse(spec).render("\x00", color_system=ColorSystem.STANDARD)
    return rendered.partition("\x00")[0]


_ESCAPES: dict[Color, dict[str, str]] = {
    Color.FULL: {key: _sgr(style.color) for key, style in STYLES.items()},
    Color.MONO: {key: _sgr(style.mono) for key, style in STYLES.items()},
}
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


def render_lines(lines: Iterable[VisualLine], spans: list[Span], color: Color, base: str | None = None) -> list[str]:
    """Each line as text for a terminal: spans in their styles; a headline
    line, or every line when ``base`` ("title", "dim") is given, in that style."""
    out = []
    escapes = _ESCAPES.get(color)
    for line in lines:
        if escapes is None:
            out.append(" " * line.indent + line.text if line.text else "")
            continue
        plain = base or ("title" if line.kind == "title" else "dim" if line.kind == "byline" else None)
        lead = _DIM if plain == "dim" else escapes[plain] if plain else ""
        parts = []
        for text, key in line_segments(line, spans):
            start = escapes[key] if key else lead
            parts.append(f"{start}{text}{_RESET}" if start else text)
        out.append("".join(parts))
    return out


def entry(title: str, meta: str, width: int, color: Color, title_spans: Iterable[tuple[int, int]] = ()
          ) -> list[str]:
    """A headline (bold) and its source line (dim), as ``search`` and ``list`` print them."""
    return [*paragraph(title, width, color, title_spans, base="title"), *paragraph(meta, width, color, base="dim")]


def paragraph(text: str, width: int, color: Color, spans: Iterable[tuple[int, int]] = (),
              base: str | None = None) -> list[str]:
    """``text`` laid out as one paragraph, with ``spans`` (search matches)
    marked; into a pipe, the logical text itself on one line."""
    if not for_terminal(color):
        return [clean_output(text).replace("\t", " ")]
    lines = layout_paragraph(_for_terminal_bidi(text), 0, _layout(width))
    return render_lines(lines, [Span(s, e, "match") for s, e in spans], color, base)
