"""The rule for missing tools and data (tests/availability.py): skip on a laptop, fail in CI;
missing data fails everywhere."""

from __future__ import annotations

import availability
import pytest


@pytest.mark.parametrize(("in_ci", "outcome"), [(False, pytest.skip.Exception),
                                                (True, pytest.fail.Exception)])
def test_a_missing_tool_skips_outside_ci_and_fails_in_ci(monkeypatch, in_ci, outcome):
    monkeypatch.setattr(availability, "IN_CI", in_ci)
    with pytest.raises(outcome, match="chromium is not installed"):
        availability.unavailable("chromium is not installed")


def test_missing_data_fails_even_outside_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(availability, "IN_CI", False)
    with pytest.raises(pytest.fail.Exception, match="the seed is missing"):
        availability.required(tmp_path / "nowhere", "the seed")
    assert availability.required(tmp_path, "a directory") == tmp_path
