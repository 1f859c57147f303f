"""The interface's language: English as the code writes it, or Arabic.

Every string a person reads (the app's keys, notices and dialogs, the
commands' help and messages, errors) goes through :func:`_` (or is marked with
:func:`N_` where it is defined before the language is known, and translated
where it is shown). Arabic comes from the gettext catalog
``locale/ar/LC_MESSAGES/sahifa.po``, compiled with Babel the first time it is
needed and kept in the cache dir; English needs nothing loaded.

``auto`` follows the environment as gettext does: ``LC_ALL``, ``LC_MESSAGES``
or ``LANG`` pick the locale, and ``LANGUAGE`` may list languages to prefer,
except under the C locale, which stays English.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

LANGUAGES = ("auto", "ar", "en")
DIGIT_STYLES = ("western", "arabic")
_ARABIC_DIGITS = str.maketrans("0123456789%", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u066a")

_active: gettext.NullTranslations = gettext.NullTranslations()
_state = {"language": "en", "digits": "western"}


def _(message: str) -> str:
    """``message`` in the interface's language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for ``n`` (Arabic has six)."""
    return _active.ngettext(singular, plural, n)


def counted(singular: str, plural: str, n: int, **values: object) -> str:
    """The form of a message for the number ``n`` — Arabic has six: none, one,
    two, a few (3–10), many (11–99) and the rest, and names one and two
    without a digit — with ``{count}`` as ``n`` in the interface's digits
    (unless ``count`` is given, as "20+")."""
    values.setdefault("count", numerals(f"{n:,}"))
    return ngettext(singular, plural, n).format(**values)


def N_(message: str) -> str:
    """Marks ``message`` for the catalog where it is defined; it is translated where shown."""
    return message


def detect(env: Mapping[str, str] | None = None) -> str:
    """"ar" or "en" from the environment's locale settings."""
    env = os.environ if env is None else env
    locale = next((env[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(v)), "")
    if locale.split(".")[0] in ("", "C", "POSIX"):
        return "en"
    preferred = [p for p in env.get("LANGUAGE", "").split(":") if p] or [locale]
    for tag in preferred:
        code = tag.split(".")[0].split("_")[0].lower()
        if code == "ar":
            return "ar"
        if code in ("en", "c"):
            return "en"
    return "en"


def language() -> str:
    """The language in use: "ar" or "en"."""
    return _state["language"]


def is_rtl() -> bool:
    return _state["language"] == "ar"


def numerals(text: str) -> str:
    """``text`` with its digits in the interface's style (Arabic-Indic, and the
    Arabic percent sign, with ``digits = "arabic"``)."""
    return text.translate(_ARABIC_DIGITS) if _state["digits"] == "arabic" else text


_NUMBER_IN_TEXT = None


def arabic_numbers(text: str) -> str:
    """``text`` with its numbers in Arabic-Indic digits, for the article text with
    ``text_digits = "arabic"``: only numbers that stand apart, not digits inside
    a Latin word or an address (COVID-19, H2O, example.org/2024)."""
    global _NUMBER_IN_TEXT
    if _NUMBER_IN_TEXT is None:
        import re

        _NUMBER_IN_TEXT = re.compile(r"(?<![A-Za-z0-9/:._@#\[;-])[0-9]+(?:[.,][0-9]+)*(?![A-Za-z0-9/_@;-])")
    return _NUMBER_IN_TEXT.sub(lambda m: m.group().translate(_ARABIC_DIGITS), text)


def use(setting: str = "auto", digits: str = "western", env: Mapping[str, str] | None = None) -> str:
    """Switch the interface to ``setting`` (auto, ar or en); returns the language chosen."""
    global _active
    chosen = detect(env) if setting == "auto" else setting
    _state["digits"] = digits if digits in DIGIT_STYLES else "western"
    if chosen == "ar":
        _active = _catalog("ar")
    else:
        chosen, _active = "en", gettext.NullTranslations()
    _state["language"] = chosen
    return chosen


def catalog_source(lang: str) -> Path:
    from .resources import bundled_dir

    return bundled_dir("locale") / lang / "LC_MESSAGES" / "sahifa.po"


def _catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog, from the cache when it is as new as its source."""
    source = catalog_source(lang)
    try:
        stamp = source.stat()
    except OSError:
        return gettext.NullTranslations()
    from .paths import cache_dir, private_dir

    compiled = cache_dir() / "locale" / f"{lang}-{int(stamp.st_mtime)}-{stamp.st_size}.mo"
    try:
        with compiled.open("rb") as f:
            return gettext.GNUTranslations(f)
    except OSError:
        pass
    data = compile_catalog(source)
    try:
        private_dir(cache_dir())  # the user's own, as everything Sahifa keeps (parents are made 755)
        private_dir(compiled.parent)
        for old in compiled.parent.glob(f"{lang}-*.mo"):
            old.unlink(missing_ok=True)
        partial = compiled.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(compiled)
    except OSError:
        pass  # a read-only cache: compiled again next time
    import io

    return gettext.GNUTranslations(io.BytesIO(data))


def compile_catalog(source: Path) -> bytes:
    """A ``.po`` file compiled to ``.mo`` bytes (with Babel)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as f:
        catalog = read_po(f)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()
