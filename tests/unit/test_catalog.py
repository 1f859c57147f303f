"""The Arabic interface's catalog: every string the code marks is translated,
with the same placeholders; and no user-visible string escapes the marking."""

import ast
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from reader.settings.language import catalog_source, compile_catalog

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)\w|%[sdr]")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "counted": (1, 2)}


def catalog():
    with catalog_source("ar").open("rb") as f:
        return read_po(f)


def marked_messages():
    found = set()
    for _, _, message, _, _ in extract_from_dir(ROOT / "reader", keywords=KEYWORDS):
        found.add(message)
    return found


def test_every_marked_string_is_translated():
    po = catalog()
    missing = []
    for message in marked_messages():
        key = message[0] if isinstance(message, tuple) else message
        entry = po.get(key)
        if entry is None or not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
            missing.append(message)
    assert missing == [], f"not in locale/ar/LC_MESSAGES/sahifa.po: {missing}"


def test_translations_keep_their_placeholders():
    wrong = []
    for entry in catalog():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            got = sorted(PLACEHOLDER.findall(s))
            # a plural form may leave out the number (كلمتان, "two words")
            if got != wanted and not set(got) <= set(wanted):
                wrong.append((entry.id, s))
    assert wrong == []


def test_the_catalog_compiles():
    assert len(compile_catalog(catalog_source("ar"))) > 10_000


# Calls whose string arguments a person reads
SHOWN = {"notify", "set_count", "show_notice", "say", "warn", "UsageError", "DocumentError", "LibraryError",
         "FormatError", "HttpError", "QueryError", "FetchError", "ThemeError", "ArgumentTypeError", "Option", "Label",
         "Static"}
MESSAGE_LISTS = ("warnings", "problems", "notes")  # lists of messages shown later: their append()
SHOWN_KEYWORDS = {"help", "tooltip", "description", "placeholder", "epilog", "border_title", "border_subtitle"}
WORDS = re.compile(r"[A-Za-z]{3,}")
NOT_WORDS = re.compile(r"^sahifa: ")  # the program's name before its messages


def _bare_text(node) -> str | None:
    """The English a string node shows, if it has any outside placeholders."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    else:
        return None
    return text if WORDS.search(NOT_WORDS.sub("", text)) else None


def test_no_user_visible_string_outside_the_catalog():
    """In the UI, the commands and the library (whose errors the commands
    report): the arguments of calls that show text, help texts and tooltips,
    and the descriptions of key bindings."""
    assert unmarked_strings() == []


def unmarked_strings() -> list[str]:
    found = []
    for path in [p for part in ("ui", "cli", "library", "settings") for p in (ROOT / "reader" / part).rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr in SHOWN_KEYWORDS
                                                    for t in node.targets):
                candidates = [node.value]
            elif isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                candidates = [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
                if name in SHOWN or (name == "append" and any(w in ast.unparse(node.func) for w in MESSAGE_LISTS)):
                    candidates += node.args[:1]
                if name == "Binding":
                    candidates += node.args[2:3]
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "SUMMARY"
                                                      for t in node.targets):
                candidates = [node.value]
            else:
                continue
            for candidate in candidates:
                text = _bare_text(candidate)
                if text is not None:
                    found.append(f"{path.relative_to(ROOT)}:{candidate.lineno}: {text!r}")
    return found


def test_every_counted_message_has_arabic_plural_forms():
    """A number meeting a noun goes through ngettext (``counted``): no singular
    message carries ``{count}``, and each plural entry has Arabic's six forms."""
    singular_counts = []
    for entry in catalog():
        if not entry.id:
            continue
        if isinstance(entry.id, tuple):
            assert len(entry.string) == 6 and all(entry.string), entry.id
        elif "{count}" in entry.id:
            singular_counts.append(entry.id)
    assert singular_counts == []


def test_arabic_counts_read_as_arabic():
    from reader.settings import language

    try:
        language.use("ar", "arabic")
        said = {n: language.counted("{count} new article", "{count} new articles", n) for n in (1, 2, 3, 11, 100)}
        assert said[1] == "مقال جديد واحد" and said[2] == "مقالان جديدان"
        assert said[3] == "٣ مقالات جديدة" and said[11] == "١١ مقالًا جديدًا" and said[100] == "١٠٠ مقال جديد"
        minutes = language.counted("about {count} minute", "about {count} minutes", 2)
        assert minutes == "نحو دقيقتين"
    finally:
        language.use("en", "western")


def test_no_translation_is_left_fuzzy():
    """A fuzzy entry is not used by gettext: its English would show."""
    assert [entry.id for entry in catalog() if entry.id and entry.fuzzy] == []
