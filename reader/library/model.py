"""Documents as Sahifa holds them: a headline and paragraphs of clean text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One article. Its logical text is the title and paragraphs joined by newlines;
    reading positions and highlight spans are offsets into that text."""

    title: str
    paragraphs: tuple[str, ...]
    source: str = ""
    url: str = ""
    author: str = ""
    published: str = ""
    direction: str = "auto"  # declared direction: rtl, ltr or auto (first strong letter)
    meta: dict = field(default_factory=dict, compare=False)

    def blocks(self) -> list[tuple[str, str]]:
        """(kind, text) for the headline and each paragraph, in reading order."""
        return [("title", self.title)] + [("body", p) for p in self.paragraphs]

    def block_offsets(self) -> list[int]:
        """Logical offset at which each block of :meth:`blocks` starts."""
        offsets, pos = [], 0
        for _, text in self.blocks():
            offsets.append(pos)
            pos += len(text) + 1
        return offsets

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.blocks())


LTR_ISOLATE, POP_ISOLATE = "\u2066", "\u2069"


def meta_line(source: str, published: str, article_id: int | None = None) -> str:
    """``source · date · #id``. Date and id are isolated left to right: after an
    Arabic source name, UAX #9 would otherwise show 2024-05-02 as 02-05-2024."""
    parts = [source] if source else []
    if published:
        parts.append(LTR_ISOLATE + published[:10] + POP_ISOLATE)
    if article_id is not None:
        parts.append(f"{LTR_ISOLATE}#{article_id}{POP_ISOLATE}")
    return " · ".join(parts)
