"""The exercises plugin works in a site where it is the only project app."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_exercises_works_as_the_only_project_app():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.plugin_only.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "tests/plugin_only/check_plugin.py"],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "plugin-only site OK" in result.stdout


def test_plugin_imports_nothing_from_the_host_site():
    for path in (ROOT / "exercises").rglob("*.py"):
        source = path.read_text()
        for host in ("home", "clinic_site"):
            assert f"from {host}" not in source and f"import {host}" not in source, path
