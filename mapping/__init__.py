"""domxml-mapping: VM entities to libvirt domain XML and back, from one declaration.

    >>> from mapping import from_xml, to_xml
    >>> domain = from_xml(open("vm.xml").read())     # <domain> -> mapping.libvirt.Domain
    >>> domain.devices.disks[0].target.dev
    >>> xml = to_xml(domain)
"""
from __future__ import annotations

from typing import Any

from . import core
from .core import (Codec, Extras, MappingError, ModelError, OnOff, OpenEnum, ParseError,
                   Problem, SerializeError, YesNo, attr, child, children, choice, element, flag,
                   from_dict, path, text, to_dict, to_xml, union)

__version__ = "0.1.0"


def from_xml(data: str | bytes, cls: type | None = None, *, unknown: str = "preserve") -> Any:
    """Parse XML into an entity.

    With `cls=None` the root element picks the class (`<domain>` -> `mapping.libvirt.Domain`).
    `unknown`: "preserve" keeps XML the model does not declare and writes it back where
    it stood; "ignore" drops it; "error" raises `ParseError` listing every unknown place.
    """
    if cls is None:
        from . import libvirt  # noqa: F401  (registers <domain>)
    return core.from_xml(data, cls, unknown=unknown)


__all__ = [
    "Codec", "Extras", "MappingError", "ModelError", "OnOff", "OpenEnum", "ParseError",
    "Problem", "SerializeError", "YesNo", "attr", "child", "children", "choice", "flag", "element",
    "from_dict", "from_xml", "path", "text", "to_dict", "to_xml", "union",
]
