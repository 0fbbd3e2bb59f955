"""Tokens: values that stand for text the model does not interpret.

A token can sit in any scalar field, whatever the field's type, and is written as its
own text. The oVirt layer uses them for placeholders the host fills in
(`<lease><target offset="LEASE-OFFSET:...">`: an integer field holding, for now, a
token). Parsing turns text into tokens only when the caller passes a recognizer:
`from_xml(data, tokens=recognize)`.
"""
from __future__ import annotations


class Token:
    """A value written as `text` and never passed through the field's codec."""

    __slots__ = ()

    @property
    def text(self) -> str:
        raise NotImplementedError
