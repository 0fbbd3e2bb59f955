"""Enumerations that keep values they do not know.

libvirt adds enum values release after release; a document from a newer libvirt must
still parse and come back out unchanged. `OpenEnum` members compare equal to their
string values, and an unknown value becomes a pseudo-member instead of an error.
"""
from __future__ import annotations

from enum import StrEnum

# Unknown values remembered per enum class (beyond that, equal but not identical).
MAX_UNKNOWN_CACHED = 256


class OpenEnum(StrEnum):
    """A string enum that accepts any value, keeping unknown ones as pseudo-members.

    >>> class Cache(OpenEnum):
    ...     NONE = "none"
    >>> Cache("directsync").known
    False
    """

    @classmethod
    def _missing_(cls, value: object) -> OpenEnum | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper().replace("-", "_")
        member._value_ = value
        # Cache it so that repeated parses return the identical object, but only so many:
        # untrusted documents must not grow an enum class without bound.
        if len(cls._value2member_map_) < len(cls.__members__) + MAX_UNKNOWN_CACHED:
            cls._value2member_map_[value] = member
        return member

    def __repr__(self) -> str:
        # As it is written in code: DiskType.FILE, or DiskType('future') for a value met
        # in a document (the entities' repr is a call that makes them).
        name = type(self).__name__
        return f"{name}.{self._name_}" if self.known else f"{name}({self._value_!r})"

    @property
    def known(self) -> bool:
        """True when the value is one the model declares, not one met in a document."""
        # (by identity: an unknown "NONE" takes the name of a declared "none")
        return type(self).__members__.get(self._name_) is self
