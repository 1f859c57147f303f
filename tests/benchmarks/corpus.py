"""Reproducible synthetic Arabic news text built from the bundled articles' words."""

from __future__ import annotations

import random
import re

from reader.library.load import load_article
from reader.settings.resources import seed_files

_NUMBERS = ["30", "2020", "1,245", "3.5%", "(2024)", "«عاجل»", "[تحديث]", "12/05/2023"]


_ARABIC = re.compile("[\u0621-\u064a]")
_PERSIAN_URDU = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06d2\u0679\u0688\u0691\u06ba\u06c1]")


def vocabulary(arabic_only: bool = False) -> list[str]:
    """Words of the bundled articles. With ``arabic_only``, the Persian and Urdu
    articles and words without an Arabic letter are left out (Arabic news text)."""
    words: list[str] = []
    for path in seed_files():
        article = load_article(path)
        text = " ".join((article.title, *article.paragraphs))
        if arabic_only and len(_PERSIAN_URDU.findall(text)) > 0.01 * len(text):
            continue
        words.extend(w for w in re.findall(r"[^\s]+", text) if not arabic_only or _ARABIC.search(w))
    return words


def paragraphs(total_chars: int, seed: int = 1) -> list[str]:
    """Paragraphs of 40-120 words until ``total_chars`` characters are made."""
    rng = random.Random(seed)
    vocab = vocabulary(arabic_only=True)
    out, size = [], 0
    while size < total_chars:
        n = rng.randint(40, 120)
        words = [rng.choice(_NUMBERS) if rng.random() < 0.04 else rng.choice(vocab) for _ in range(n)]
        text = " ".join(words).rstrip("،.") + "."
        out.append(text)
        size += len(text) + 1
    return out
