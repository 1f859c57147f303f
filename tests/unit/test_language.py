"""The interface's language: chosen from --lang, the config or the locale; the
commands speak it; numbers in Arabic-Indic digits where asked."""

import io
from contextlib import redirect_stderr, redirect_stdout

import pytest

from reader.cli import main
from reader.settings import language


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    language.use("en")


@pytest.mark.parametrize("env, expected", [
    ({}, "en"), ({"LANG": "C"}, "en"), ({"LANG": "C.UTF-8", "LANGUAGE": "ar"}, "en"), ({"LANG": "POSIX"}, "en"),
    ({"LANG": "ar_EG.UTF-8"}, "ar"), ({"LANG": "ar_SA"}, "ar"), ({"LC_ALL": "ar_MA.UTF-8", "LANG": "en_US"}, "ar"),
    ({"LC_ALL": "en_US.UTF-8", "LANGUAGE": "ar:en"}, "ar"), ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LC_MESSAGES": "ar_JO.UTF-8", "LANG": "en_GB.UTF-8"}, "ar"),
])
def test_auto_follows_the_locale_and_stays_english_under_c(env, expected):
    assert language.detect(env) == expected


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_commands_speak_arabic_with_lang_ar(tmp_path):
    library = str(tmp_path / "lib.db")
    code, out, _ = run("prune", "--older-than", "2d", "--library", library, "--lang", "ar")
    assert code == 0 and out.startswith("الحذف: أُزيل") and "يومين" in out
    code, _, err = run("search", "x", "--lang=ar", "--nope", "--library", library)
    assert code == 2 and err == "sahifa: معطيات غير معروفة: --nope\n"
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit):
        main(["--lang", "ar", "--help"])
    assert "الخيارات:" in out.getvalue() and "عرض هذه المساعدة والخروج" in out.getvalue()


def test_the_config_chooses_the_language(tmp_path, monkeypatch, isolated_dirs):
    config = isolated_dirs / "config"
    config.mkdir(exist_ok=True)
    (config / "config.toml").write_text('[reader]\nlanguage = "ar"\n', encoding="utf-8")
    code, out, _ = run("list", "--library", str(tmp_path / "lib.db"), "--lang", "en")
    assert "no articles" in out or code == 0
    code, out, _ = run("prune", "--older-than", "1d", "--library", str(tmp_path / "lib.db"))
    assert "يوم واحد" in out


def test_numbers_in_arabic_indic_digits():
    language.use("ar", digits="arabic")
    assert language.numerals("page 3/12 45%") == "page ٣/١٢ ٤٥٪"
    language.use("ar")
    assert language.numerals("3/12") == "3/12"
    text = "عام 2024 في COVID-19 و example.org/2024"
    assert language.arabic_numbers(text) == "عام ٢٠٢٤ في COVID-19 و example.org/2024"


def test_the_wait_for_an_index_update_is_told_in_the_interface_language(monkeypatch):
    from reader.library.user_library import _announce_reindex
    from reader.settings import notices

    said = []
    monkeypatch.setattr(notices, "notify", said.append)
    language.use("ar", digits="arabic")
    _announce_reindex("library.db")(2500)
    _announce_reindex("library.db")(40)  # a moment's work: not worth a word
    assert said == ["تحديث فهرس البحث في library.db إلى قواعد الإملاء في هذا الإصدار (٢,٥٠٠ مقال)"]
    language.use("en")
    _announce_reindex("library.db")(2500)
    assert said[-1] == "updating the search index of library.db to this version's spelling rules (2,500 articles)"


def test_the_commands_tell_the_core_s_notices_as_they_print():
    from reader.cli.output import warn
    from reader.settings import notices

    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        main(["doctor"])
    assert notices.notify is warn
