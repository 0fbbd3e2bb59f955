"""Room on the stack for the deepest documents.

libxml2 reads at most 256 levels of elements, and the readers, writers and
dataclasses-json spend a few Python frames per level, so the deepest legal document
needs more than Python's default limit of 1000 frames. The limit is raised only for a
call that needs it (a retry after a RecursionError, or a walk known to be deep), under
one lock for the whole library, and put back afterwards: ordinary calls never touch it.
"""
from __future__ import annotations

import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

# Frames the deepest document can take beyond the caller's: 256 levels, up to 8 each (a
# generated reader or writer takes one or two; the walks that name the place of a wrong
# value, and the generation of a class's code on first use, take more).
DEEPEST_DOCUMENT = 256 * 8

_lock = threading.Lock()
T = TypeVar("T")


def _frames_in_use() -> int:
    frame: types.FrameType | None = sys._getframe()
    used = 0
    while frame is not None:
        used, frame = used + 1, frame.f_back
    return used


@contextmanager
def room(frames: int) -> Iterator[None]:
    """At least `frames` more frames than the caller uses, while the block runs."""
    needed = _frames_in_use() + frames + 100
    if needed <= sys.getrecursionlimit():
        yield
        return
    with _lock:
        before = sys.getrecursionlimit()
        sys.setrecursionlimit(max(before, needed))
        try:
            yield
        finally:
            if sys.getrecursionlimit() == max(before, needed):   # (nobody else changed it)
                sys.setrecursionlimit(before)


def deep_enough(action: Callable[[], T], frames: int = DEEPEST_DOCUMENT) -> T:
    """`action()`, run again with room for the deepest document if it ran out of stack."""
    try:
        return action()
    except RecursionError:
        pass
    with room(frames):
        return action()


__all__ = ["DEEPEST_DOCUMENT", "deep_enough", "room"]
