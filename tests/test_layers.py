"""The layers run one way and the core never imports Qt: import-linter's contracts in pyproject.toml.

The first test runs `lint-imports` on this tree. The second proves the check can fail: on a
scratch copy, the store imports the CLI and money imports Qt, and both contracts must break.
"""
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

LINT = Path(sys.executable).parent / "lint-imports"


def _lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=where, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_are_kept():
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def test_a_store_importing_the_cli_or_the_core_importing_qt_breaks_them(tmp_path):
    for part in ("desk", "ui", "pyproject.toml"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / part)
    with open(tmp_path / "desk" / "store" / "usage.py", "a", encoding="utf-8") as handle:
        handle.write("\nfrom desk.cli import main  # a store reaching up\n")
    with open(tmp_path / "desk" / "money.py", "a", encoding="utf-8") as handle:
        handle.write("\nimport PySide6.QtCore  # the core on Qt\n")
    done = _lint(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "0 kept, 2 broken" in done.stdout
    assert "desk.store.usage -> desk.cli.main" in done.stdout
    assert "desk.money -> PySide6" in done.stdout
