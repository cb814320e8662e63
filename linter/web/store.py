"""Finished results, kept in memory under an unguessable id for a short time.

Nothing is written to disk. The store holds at most `capacity` results (the oldest is
dropped first) and forgets each `ttl` seconds after it was made, so a page left open
does not keep a law's findings in memory for ever.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class ResultStore(Generic[T]):
    def __init__(self, capacity: int = 32, ttl: float = 1800.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = capacity
        self.ttl = ttl
        self._clock = clock
        self._items: OrderedDict[str, tuple[float, T]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, item: T) -> str:
        key = secrets.token_urlsafe(18)
        with self._lock:
            self._expire()
            self._items[key] = (self._clock() + self.ttl, item)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> T | None:
        with self._lock:
            self._expire()
            entry = self._items.get(key)
        return entry[1] if entry else None

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._items)

    def _expire(self) -> None:
        now = self._clock()
        # Insertion order is expiry order (one ttl for all), so expired items are at the front.
        while self._items and next(iter(self._items.values()))[0] <= now:
            self._items.popitem(last=False)
