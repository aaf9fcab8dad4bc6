"""The one rule for tests that need a tool outside Python (chromium, Virtuoso, axe-core, jemalloc,
atheris): on a developer's machine a missing tool skips the test, with the reason; in CI
(``CI=true``) it fails it, because CI installs every tool (``make system-deps``, ``npm ci``) and
a skip there would hide a test that never ran.

Data the tests read (``data/``, ``../shared/reference``, the seed) is never optional: use
:func:`required`, which fails everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> NoReturn:
    """Skip (fail in CI) because a tool the test needs is not installed."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: every tool must be installed)", pytrace=False)
    pytest.skip(reason)


def needs(available: bool, reason: str) -> pytest.MarkDecorator:
    """A mark for a test that needs a tool: :func:`unavailable` when ``available`` is false
    (applied by the root conftest's ``pytest_runtest_setup``)."""
    return pytest.mark.needs(available=available, reason=reason)


def check_needs(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs"):
        if not mark.kwargs["available"]:
            unavailable(mark.kwargs["reason"])


def required(path: Path, what: str) -> Path:
    """``path``, or a failure saying which data is missing (data is never skipped)."""
    if not path.exists():
        pytest.fail(f"{what} is missing: {path}", pytrace=False)
    return path
