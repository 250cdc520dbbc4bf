"""The import-linter contract in .importlinter: apps import only the apps below them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
APPS = ["codesign", "workshops", "accounts", "voice", "personas", "blueprints", "showcases"]
APPS += ["packs", "privacy", "demo"]


def _copy_of_the_code(tmp_path: Path) -> Path:
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def _lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=where,
        env={"PYTHONPATH": str(where), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def code(tmp_path):
    return _copy_of_the_code(tmp_path)


def test_the_code_keeps_the_layers(code):
    result = _lint(code)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 1 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        (
            "workshops/views.py",
            "from packs import services",
            "workshops is not allowed to import packs",
        ),
        ("voice/models.py", "import personas.models", "voice is not allowed to import personas"),
        (
            "showcases/views.py",
            "from demo import directory",
            "showcases is not allowed to import demo",
        ),
        (
            "codesign/celery.py",
            "import workshops.models",
            "codesign is not allowed to import workshops",
        ),
    ],
)
def test_an_import_that_runs_up_breaks_the_contract(code, module, line, broken):
    path = code / module
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")
    result = _lint(code)
    assert result.returncode == 1, result.stdout
    assert "Contracts: 0 kept, 1 broken." in result.stdout
    assert broken in result.stdout


def test_tests_may_use_every_app(code):
    """Tests share the factories and fixtures of every app: the contract leaves them out."""
    path = code / "workshops" / "tests" / "factories.py"
    path.write_text(path.read_text() + "\nfrom packs.models import Pack  # noqa\n")
    assert _lint(code).returncode == 0
