"""domxml-mapping: VM entities to libvirt domain XML and back, from one declaration.

    >>> from mapping import from_xml, to_xml
    >>> domain = from_xml(open("vm.xml").read())     # <domain> -> mapping.libvirt.Domain
    >>> domain.devices.disks[0].target.dev
    >>> xml = to_xml(domain)
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, overload

from . import core
# The submodule is loaded before the function of its name is defined: loaded later (at
# the first call), it would replace `mapping.validate` with itself, and the next call
# of `mapping.validate(...)` would find a module.
from . import validate as _validation
from .core import (Codec, Extras, MappingError, ModelError, OnOff, OpenEnum, ParseError,
                   Problem, SerializeError, YesNo, attr, child, children, choice,
                   element, entries, flag, generated_source, path, text, to_xml, union,
                   unions)

if TYPE_CHECKING:
    from .core import describe, from_dict, to_dict

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in ("describe", "to_dict", "from_dict"):   # (imported on first use, as in core)
        value = globals()[name] = getattr(core, name)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


T = TypeVar("T")

# Whether the libvirt model (which registers <domain> and the other roots) is imported:
# an import statement in every from_xml costs as much as mapping a small element.
_libvirt_loaded = False


def _load_libvirt() -> None:
    global _libvirt_loaded
    from . import libvirt  # noqa: F401
    _libvirt_loaded = True


@overload
def from_xml(data: str | bytes, cls: type[T], *, unknown: str = "preserve",
             validate: bool = False, tokens: Any = None) -> T: ...


@overload
def from_xml(data: str | bytes, cls: None = None, *, unknown: str = "preserve",
             validate: bool = False, tokens: Any = None) -> Any: ...


def from_xml(data: str | bytes, cls: type | None = None, *, unknown: str = "preserve",
             validate: bool = False, tokens: Any = None) -> Any:
    """Parse XML into an entity (typed as an instance of `cls` when it is given).

    With `cls=None` the root element picks the class (`<domain>` -> `mapping.libvirt.Domain`).
    `unknown`: "preserve" keeps XML the model does not declare and writes it back where
    it stood; "ignore" drops it; "error" raises `ParseError` listing every unknown place.
    `validate=True` checks the document against the model's schema first and raises
    `ParseError` with every problem found. `tokens`: a recognizer of values that stand
    for something else (see `mapping.core.tokens`), e.g. oVirt placeholders.
    """
    if cls is None and not _libvirt_loaded:
        _load_libvirt()
    root = core.parse_document(data)
    if validate:
        problems = _validation.validate(root)
        if problems:
            raise ParseError(problems)
    return core.from_element(root, cls, unknown=unknown, tokens=tokens, source=data)


def validate(document: Any, *, against: str = "model", engine: bool = False) -> list[Problem]:
    """Problems with a document or entity against our schema ("model") or libvirt's
    RelaxNG schemas ("libvirt"); an empty list when it is valid. `engine`: a document
    the oVirt engine wrote, its placeholders checked as the host's values will be."""
    return _validation.validate(document, against=against, engine=engine)


__all__ = [
    "Codec", "Extras", "MappingError", "ModelError", "OnOff", "OpenEnum", "ParseError",
    "Problem", "SerializeError", "YesNo", "attr", "child", "children", "choice", "entries",
    "describe", "flag", "element",
    "from_dict", "from_xml", "generated_source", "path", "text", "to_dict", "to_xml", "union",
    "unions", "validate",
]
