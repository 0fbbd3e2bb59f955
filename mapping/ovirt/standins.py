"""Stand-ins: what validation checks in place of each placeholder of an engine document.

A placeholder is not a value of its field (`LEASE-OFFSET:v1:sd1` is no integer), so an
engine document fails a schema where the host has yet to fill in a value. Validation
with `engine=True` checks, in each place `placeholder_kind` allows, a value of the kind
the host will write there; everything else is checked as it is written. The tree keeps
the file's line numbers, so every problem names the file's line.

    LEASE-OFFSET:v1:sd1  -> 0                      (an integer)
    LEASE-PATH:v1:sd1    -> /stand-in/lease        (an absolute path)
    PAYLOAD:             -> /stand-in/payload.img  (an absolute path)
    volume, channel      -> the path as written    (already an absolute path)
    OS-NAME: ...         -> the text as written    (a string)
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .placeholders import (ChannelSocket, HostSerial, LeaseOffset, LeasePath, OsName,
                           OsVersion, Payload, Placeholder, VolumePath, engine_placeholders)


def _as_written(token: Placeholder) -> str:
    return token.text


STAND_INS: dict[type[Any], Callable[[Placeholder], str]] = {
    LeaseOffset: lambda token: "0",
    LeasePath: lambda token: "/stand-in/lease",
    Payload: lambda token: "/stand-in/payload.img",
    # The engine writes the path it predicts: a path of the kind the host writes.
    VolumePath: _as_written,
    ChannelSocket: _as_written,
    # Any text is a sysinfo entry; the host's OS name, version or serial is text too.
    OsName: _as_written,
    OsVersion: _as_written,
    HostSerial: _as_written,
}


def stand_in(token: Placeholder) -> str:
    """The value validation checks where `token` stands (one of the host's kind)."""
    make = STAND_INS.get(type(token))
    if make is None:
        raise TypeError(f"no stand-in for a {type(token).__name__} placeholder")
    return make(token)


def put_stand_ins(root: Any) -> list[tuple[Any, str | None, Placeholder]]:
    """Replace, in the lxml tree under `root`, each placeholder the engine writes by its
    stand-in; returns (element, attribute or None for the text, placeholder) for each."""
    found = list(engine_placeholders(root))
    for node, attr, _, token in found:
        value = stand_in(token)
        if attr is None:
            node.text = value
        else:
            node.set(attr, value)
    return [(node, attr, token) for node, attr, _, token in found]
