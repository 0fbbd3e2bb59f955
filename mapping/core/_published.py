"""Things compiled once per class and cached, published only when complete.

A class may refer to itself, or to a class that refers back to it, so what is being
compiled must be found by the compiling thread before it is done; other threads wait for
the whole model instead of reading a half-built one. A class that fails to compile
leaves what was published before as it was, and fails again next time.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

Made = TypeVar("Made")


class Published(Generic[Made]):
    """`get(cls)`: `make(cls)` filled by `fill(made, cls)`, once, safe under threads."""

    def __init__(self, make: Callable[[type], Made], fill: Callable[[Made, type], None],
                 lock: threading.RLock | None = None, store: Any = None):
        self.done: dict[type, Made] = {}        # complete: read without the lock
        self._pending: dict[type, Made] = {}    # being filled, seen by the lock's holder
        self._make, self._fill = make, fill
        # `store.load(cls)`: what an earlier process made for cls and what it reaches, or
        # None; `store.used(cls, fresh)`: told of each class asked for first.
        self._store = store
        self.lock = lock if lock is not None else threading.RLock()

    def get(self, cls: type) -> Made:
        made = self.done.get(cls)
        if made is not None:
            return made
        with self.lock:
            made = self.done.get(cls) or self._pending.get(cls)
            if made is not None:
                return made
            outermost = not self._pending
            if outermost and self._store is not None:
                kept: dict[type, Made] | None = self._store.load(cls)
                if kept is not None and not any(other in self.done for other in kept):
                    self.done.update(kept)
                    self._store.used(cls, False)
                    return kept[cls]
            made = self._pending[cls] = self._make(cls)
            try:
                self._fill(made, cls)
            except BaseException:
                if outermost:
                    self._pending.clear()   # what was filled with it may point at it
                raise
            if outermost:
                self.done.update(self._pending)
                self._pending.clear()
                if self._store is not None:
                    self._store.used(cls, True)
            return made
