"""The real `sahifa` in a real terminal (tmux), read back with capture-pane."""

import re
import subprocess
import time

from conftest import SEED
from tmux import needs_tmux

pytestmark = [needs_tmux]


def test_reader_shows_joined_rtl_arabic_and_pages(tmux):
    t = tmux([str(SEED)])
    screen = t.wait_for("1/")  # the status line: the whole first frame is on screen (not half painted)
    lines = screen.split("\n")
    headline = next(line for line in lines if "ﻲﺒﻴﻠﻟﺍ ﺶﻴﺠﻟﺍ" in line)
    # the headline's first word is the rightmost: the line is flush right in the page
    assert headline.rstrip().endswith("ﺶﻴﺠﻟﺍ")
    t.keys("space")
    t.wait_for("2/")
    t.keys("q")
    assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=")


def test_bundled_articles_open_with_no_argument(tmux):
    t = tmux([])
    t.wait_for("ﺶﻴﺠﻟﺍ")
    t.keys("q")
    assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=")


def test_lang_c_reader_still_shows_arabic(tmux):
    t = tmux([str(SEED)], env={"LANG": "C", "LC_ALL": "C"})
    t.wait_for("ﺶﻴﺠﻟﺍ")
    t.keys("q")
    assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=")


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def styled_chars(line: str) -> list[tuple[str, frozenset]]:
    """(char, active attributes) for each char of a ``capture-pane -e`` line."""
    attrs: set[str] = set()
    out, pos = [], 0
    for m in SGR.finditer(line + "\x1b[m"):
        for ch in line[pos:m.start()]:
            out.append((ch, frozenset(attrs)))
        codes = [c for c in m.group(1).split(";") if c] or ["0"]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == "0":
                attrs.clear()
            elif c in ("1", "4", "7"):
                attrs.add({"1": "bold", "4": "underline", "7": "reverse"}[c])
            elif c in ("22", "24", "27"):
                attrs.discard({"22": "bold", "24": "underline", "27": "reverse"}[c])
            elif c == "48":
                n = 2 if codes[i + 1:i + 2] == ["5"] else 4
                attrs.difference_update({a for a in attrs if a.startswith("bg=")})
                attrs.add("bg=" + ":".join(codes[i + 1:i + 1 + n]))
                i += n
            elif c == "49" or c == "0":
                attrs.difference_update({a for a in attrs if a.startswith("bg=")})
            elif c == "38":
                i += 2 if codes[i + 1:i + 2] == ["5"] else 4
            elif len(c) == 3 and c.startswith("10"):  # 16-colour bright backgrounds
                attrs.difference_update({a for a in attrs if a.startswith("bg=")})
                attrs.add("bg=" + c)
            i += 1
        pos = m.end()
    return out


def word_styles(screen: str, word: str) -> list[frozenset]:
    """The attributes on each occurrence of ``word`` (all its cells must agree)."""
    found = []
    for line in screen.split("\n"):
        cells = styled_chars(line)
        text = "".join(c for c, _ in cells)
        start = text.find(word)
        while start >= 0:
            styles = {cells[k][1] for k in range(start, start + len(word))}
            assert len(styles) == 1, f"mixed styles inside {word!r}"
            found.append(styles.pop())
            start = text.find(word, start + 1)
    return found


def test_search_in_a_real_terminal_styles_exactly_the_matches(tmux):
    t = tmux([str(SEED)])
    t.wait_for("ﺶﻴﺠﻟﺍ")
    t.keys("/")
    time.sleep(0.3)
    t.keys("ترهونة")  # typed in logical order, shown shaped
    t.wait_for("ﺔﻧﻮﻫﺮﺗ")
    t.keys("Enter")
    t.wait_for("match 1/")
    t.keys("n")
    screen = t.wait_for("match 2/")
    styles = word_styles(t.capture(escapes=True), "ﺔﻧﻮﻫﺮﺗ")
    page_bg = {a for line in t.capture(escapes=True).split("\n")[1:3] for _, attrs in styled_chars(line)
               for a in attrs if a.startswith("bg=")}
    # the current match has a background of its own (no bold: dark text on a light bar would turn grey);
    # every other match is underlined on the page's background
    current = [s for s in styles if any(a.startswith("bg=") for a in s - page_bg) and "underline" not in s]
    others = [s for s in styles if "bold" in s and "underline" in s]
    assert len(current) == 1 and len(current) + len(others) == len(styles) >= 2
    plain = word_styles(t.capture(escapes=True), "ﺔﻨﻳﺪﻣ")  # مدينة: a word that is not searched
    assert plain and all("underline" not in s and "bold" not in s for s in plain)
    assert "match 2/" in screen
    t.keys("q")
    assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=")


def test_sighup_saves_the_position_and_restores_it(tmux, isolated_dirs):
    t = tmux([str(SEED)])
    t.wait_for("page 1/")
    t.keys("space")
    t.wait_for("page 2/")
    pid = subprocess.run(t.sock + ["list-panes", "-t", "t", "-F", "#{pane_pid}"], capture_output=True,
                         text=True).stdout.strip()
    children = subprocess.run(["pgrep", "-P", pid], capture_output=True, text=True).stdout.split()
    for child in children:
        subprocess.run(["kill", "-HUP", child])
    t.wait_for("SAHIFA_EXIT=")
    again = tmux([str(SEED)])
    again.wait_for("page 2/")
