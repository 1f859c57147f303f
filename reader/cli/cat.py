"""``sahifa cat``: an article laid out exactly as the reader shows it, on stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..library.model import Article
from ..settings.language import N_, _
from ..settings.options import ReadingOptions
from ..text.article_layout import layout_blocks
from ..text.highlight import keyword_spans
from .arguments import library_args, output_args, reading_args
from .output import Color, color_mode, default_width, render_lines, warn

SUMMARY = N_("Print an article laid out as the reader shows it.")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE|ID", help=_("article file, or the id of an article in the library"))
    p.add_argument("--logical", action="store_true",
                   help=_("print the text itself (reading order, not shaped, composed) for pipes: | wl-copy, | xclip"))
    output_args(p)
    reading_args(p)
    library_args(p)


def run(args: argparse.Namespace) -> int:
    from ..errors import DocumentError
    from ..library.load import load_articles
    from ..settings.config import load_config
    from ..settings.options import reading_options

    width = args.width or default_width()
    if args.file.isascii() and args.file.isdigit() and not Path(args.file).exists():
        from ..errors import UsageError
        from ..library.user_library import open_library
        from .arguments import MAX_NUMBER

        if not 1 <= int(args.file) <= MAX_NUMBER:
            raise UsageError(_("no article {id}: ids are whole numbers from 1 to {most}").format(
                id=args.file, most=f"{MAX_NUMBER:,}"))

        article = open_library(args.library, read_only=args.read_only, reading=True).get(int(args.file))
        if article is None:
            raise DocumentError(_("no article {id} in the library").format(id=args.file))
        articles = [article]
    else:
        articles = load_articles(args.file)
    config = load_config()
    for warning in config.warnings:
        warn(f"{warning}")
    if args.logical:
        from ..library.export import article_as_text

        sys.stdout.write("\n".join(article_as_text(a) for a in articles))
        sys.stdout.flush()
        return 0
    options = reading_options(args, config)
    options.highlights = config.watch + options.highlights
    color = color_mode(args.color)
    sys.stdout.write("\n\n".join(render_article(a, width, options, color).rstrip("\n") for a in articles) + "\n")
    sys.stdout.flush()
    return 0


def render_article(article: Article, width: int, options: ReadingOptions, color: Color) -> str:
    from ..library.details import byline

    layout = layout_blocks(article.blocks(), options.layout_options(width), article.direction, byline(article))
    spans = []
    if options.highlights:
        blocks = list(zip(article.block_offsets(), (t for _, t in article.blocks())))
        spans = keyword_spans(blocks, options.highlights)
    lines = render_lines(layout.lines, spans, color)
    if options.text_digits == "arabic":
        from ..settings.language import arabic_numbers

        lines = [arabic_numbers(line) for line in lines]
    return "\n".join(lines) + "\n"
