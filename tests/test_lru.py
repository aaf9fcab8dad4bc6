"""The bounded LRU map behind the answer memo and the hub pages."""

from __future__ import annotations

from osce_kg.lru import Lru


def test_the_least_recently_used_goes_first():
    lru = Lru(max_items=2)
    lru.put("a", 1)
    lru.put("b", 2)
    assert lru.get("a") == 1  # now b is the oldest
    lru.put("c", 3)
    assert lru.get("b") is None and lru.get("a") == 1 and lru.get("c") == 3 and len(lru) == 2


def test_the_total_weight_stays_within_its_limit():
    lru = Lru(max_weight=10, weigh=len)
    for key in "abcd":
        assert lru.put(key, key * 4)
    assert len(lru) == 2 and lru.get("d") == "dddd" and lru.get("a") is None
    lru.put("d", "d")  # a new value replaces the old one's weight
    lru.put("e", "eeee")
    assert len(lru) == 3


def test_a_value_heavier_than_the_limit_is_not_kept():
    lru = Lru(max_weight=3, weigh=len)
    assert not lru.put("big", "four")
    assert lru.get("big") is None and len(lru) == 0
