"""Reproducible synthetic Arabic news text built from the bundled articles' words."""

from __future__ import annotations

import random
import re

from reader.library.load import load_article
from reader.resources import seed_files

_NUMBERS = ["30", "2020", "1,245", "3.5%", "(2024)", "«عاجل»", "[تحديث]", "12/05/2023"]


def vocabulary() -> list[str]:
    words: list[str] = []
    for path in seed_files():
        article = load_article(path)
        for text in (article.title, *article.paragraphs):
            words.extend(re.findall(r"[^\s]+", text))
    return words


def paragraphs(total_chars: int, seed: int = 1) -> list[str]:
    """Paragraphs of 40-120 words until ``total_chars`` characters are made."""
    rng = random.Random(seed)
    vocab = vocabulary()
    out, size = [], 0
    while size < total_chars:
        n = rng.randint(40, 120)
        words = [rng.choice(_NUMBERS) if rng.random() < 0.04 else rng.choice(vocab) for _ in range(n)]
        text = " ".join(words).rstrip("،.") + "."
        out.append(text)
        size += len(text) + 1
    return out
