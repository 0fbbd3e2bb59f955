"""The field of a `union(by=...)`: the variant set on it decides what its discriminator
says, so an entity says what its XML will say.

`disk.source = BlockSource(...)` sets `disk.type` to `block` (what libvirt reads from the
XML), and keeps a discriminator that already agrees (a class that is the variant of two
keys leaves the choice to it). Only the constructor does not follow: `Disk(type="file",
source=BlockSource())` is kept as given, a contradiction that `to_xml` refuses, since
either of the two may be the mistake.
"""
from __future__ import annotations

from typing import Any

# (entity class, variant class, discriminator) -> the discriminator it becomes; bounded,
# since a discriminator is any value a user or a document gives.
_MAX_REMEMBERED = 512
_KEEP = object()   # the discriminator agrees: left as it is (a str stays a str)


class VariantField:
    """A data descriptor for a `union(by=)` field; the value lives in the entity's
    `__dict__` under the field's name, as a dataclass field's does."""

    __slots__ = ("name", "by", "_follows")

    def __init__(self, name: str, by: str):
        self.name, self.by = name, by
        self._follows: dict[tuple[type, type, Any], Any] = {}

    def __reduce__(self) -> tuple[type[VariantField], tuple[str, str]]:
        # (what it remembers holds a sentinel of this process: a copy starts afresh)
        return (VariantField, (self.name, self.by))

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return None   # the field's default: what dataclass leaves on the class
        try:
            return obj.__dict__[self.name]
        except KeyError:
            raise AttributeError(
                f"{type(obj).__name__!r} object has no attribute {self.name!r}") from None

    def __set__(self, obj: Any, value: Any) -> None:
        held = obj.__dict__
        held[self.name] = value
        if value is not None:
            current = held.get(self.by)
            try:
                follows = self._follows[obj.__class__, value.__class__, current]
            except (KeyError, TypeError):   # (TypeError: a discriminator not hashable)
                follows = self._follow(obj.__class__, value.__class__, current)
            if follows is not _KEEP:
                held[self.by] = follows

    def initialised(self, obj: Any) -> None:
        """After `__init__` set every field: an absent discriminator follows the variant."""
        held = obj.__dict__
        value = held.get(self.name)
        if value is not None and held.get(self.by) is None:
            follows = self._follow(obj.__class__, value.__class__, None)
            if follows is not _KEEP:
                held[self.by] = follows

    def _follow(self, owner: type, variant: type, current: Any) -> Any:
        from ._plan import plan_for

        union = next(u for u in plan_for(owner).by_unions if u.fname == self.name)
        follows = union.follow(variant, current)
        if follows is current:
            follows = _KEEP
        if len(self._follows) < _MAX_REMEMBERED:
            try:
                self._follows[owner, variant, current] = follows
            except TypeError:
                pass
        return follows
