"""Config and theme files are parsed once and then read from a cache that can
never serve stale contents or break start-up."""

import os
import subprocess
import sys

from reader.settings.toml_files import CACHE_NAME, TomlFileError, read_toml_files


def test_contents_errors_and_missing_files(tmp_path):
    good, bad, missing = tmp_path / "good.toml", tmp_path / "bad.toml", tmp_path / "none.toml"
    good.write_text('name = "x"\n[sahifa]\nkw0 = "red"\n', encoding="utf-8")
    bad.write_text("name = \n[[[", encoding="utf-8")
    cache = tmp_path / "cache" / CACHE_NAME
    for _ in range(2):  # parsed, then from the cache: the same answers
        got = read_toml_files([good, bad, missing], cache)
        assert got[0] == {"name": "x", "sahifa": {"kw0": "red"}}
        assert isinstance(got[1], TomlFileError) and "line 1" in str(got[1])
        assert isinstance(got[2], FileNotFoundError)
        assert cache.exists()


def test_a_changed_file_is_parsed_again(tmp_path):
    f = tmp_path / "a.toml"
    cache = tmp_path / CACHE_NAME
    f.write_text('name = "one"\n', encoding="utf-8")
    assert read_toml_files([f], cache)[0] == {"name": "one"}
    f.write_text('name = "two"\n', encoding="utf-8")
    os.utime(f, ns=(1, 1))  # even with an old time: the size changed
    assert read_toml_files([f], cache)[0] == {"name": "two"}
    f.write_text('name = "six"\n', encoding="utf-8")  # same size, new time
    assert read_toml_files([f], cache)[0] == {"name": "six"}


def test_a_broken_or_unwritable_cache_is_only_a_slower_start(tmp_path):
    f = tmp_path / "a.toml"
    f.write_text('name = "one"\n', encoding="utf-8")
    cache = tmp_path / CACHE_NAME
    cache.write_bytes(b"\x00garbage")
    assert read_toml_files([f], cache)[0] == {"name": "one"}
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert read_toml_files([f], blocker / "sub" / CACHE_NAME)[0] == {"name": "one"}


def test_a_start_with_the_cache_does_not_parse_toml(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('[reader]\nwatch = ["جيش"]\n', encoding="utf-8")
    env = dict(os.environ, SAHIFA_CONFIG_DIR=str(config), SAHIFA_CACHE_DIR=str(tmp_path / "cache"))
    code = ("import sys\nfrom reader.settings.config import load_config\nfrom reader.ui.themes import load_themes\n"
            "c = load_config(); t, w = load_themes()\n"
            "print(c.watch == ['جيش'], len(t) >= 4, w == [], 'tomllib' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs == ["True True True True\n", "True True True False\n"]
