"""Per-field accuracy over the invented fixtures stays at or above a floor (see accuracy.py)."""

from __future__ import annotations

from .accuracy import FIELDS, measure

FLOOR = 0.95


def test_accuracy_per_field():
    scores, misses = measure()
    assert set(scores) == set(FIELDS)
    low = {f: s for f, s in scores.items() if s < FLOOR}
    assert not low, "\n".join(misses)
