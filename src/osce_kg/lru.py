"""A bounded map that forgets what was used least recently, shared by the threads of a process."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Lru(Generic[V]):
    """At most ``max_items`` values, and at most ``max_weight`` in total as ``weigh`` counts
    them (a value heavier than that is not kept); the least recently used go first."""

    def __init__(self, *, max_items: int | None = None, max_weight: int | None = None,
                 weigh: Callable[[V], int] = lambda value: 1) -> None:
        self.max_items = max_items
        self.max_weight = max_weight
        self.weigh = weigh
        self._values: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            found = self._values.get(key)
            if found is None:
                return None
            self._values.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value: V) -> bool:
        """Keep ``value`` under ``key``; ``False`` when it alone is over the weight limit."""
        weight = self.weigh(value)
        if self.max_weight is not None and weight > self.max_weight:
            return False
        with self._lock:
            old = self._values.pop(key, None)
            if old is not None:
                self._weight -= old[1]
            self._values[key] = (value, weight)
            self._weight += weight
            while self._values and self._over():
                _, (_, dropped) = self._values.popitem(last=False)
                self._weight -= dropped
        return True

    def _over(self) -> bool:
        return ((self.max_items is not None and len(self._values) > self.max_items)
                or (self.max_weight is not None and self._weight > self.max_weight))
