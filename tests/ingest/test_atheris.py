"""Coverage-guided fuzzing (atheris) of the extractor: a short run finds no crash."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from availability import needs

HARNESS = Path(__file__).resolve().parents[2] / "bench" / "fuzz_ingest.py"


@pytest.mark.slow  # a minute of fuzzing at most: not in make test-fast
@needs(importlib.util.find_spec("atheris") is not None,
       "atheris is not installed (it is in the test extras)")
def test_a_short_atheris_run_finds_no_crash(tmp_path):
    result = subprocess.run(
        [sys.executable, str(HARNESS), "-runs=1500", "-max_total_time=60",
         f"-artifact_prefix={tmp_path}/"],
        capture_output=True, text=True, timeout=240, cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Done" in output and not list(tmp_path.glob("crash-*"))
