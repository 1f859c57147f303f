"""The wheel carries the bundled articles and themes and works from anywhere."""

import subprocess
import sys
import venv

import pytest
from conftest import DATA, ROOT, SEED


@pytest.mark.slow
def test_wheel_installs_and_runs_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("sahifa-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True,
                   timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("from reader.settings.resources import seed_files, theme_files; "
            "print(len(seed_files()), len(theme_files()), seed_files()[0].parent.parent.name)")
    out = subprocess.run([str(py), "-c", code], cwd=elsewhere, capture_output=True, text=True, check=True)
    n_seeds, n_themes, parent = out.stdout.split()
    assert int(n_seeds) >= 1 and int(n_themes) >= 4 and parent == "reader"  # inside the installed package
    seed_copy = elsewhere / "seed.txt"
    seed_copy.write_bytes(SEED.read_bytes())
    result = subprocess.run([str(env_dir / "bin" / "sahifa"), "cat", "seed.txt", "--width", "60", "--color",
                             "never"], cwd=elsewhere, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (DATA / "seed_cat_w60.txt").read_text(encoding="utf-8")
