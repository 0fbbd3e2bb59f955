"""Reading and writing documents: safe parsing, root lookup, serialisation."""
from __future__ import annotations

import gc
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from ._engine import ParseContext
from .compat import for_compat
from ._safe import safe_parser
from ._plan import _nsmap_for, plan_for
from ._types import is_mapped
from ._writer import EMPTY_SCOPE, Site
from .errors import ParseError, Problem, SerializeError
from .tokens import Token

POLICIES = ("preserve", "ignore", "error")

# Untrusted input: no entity expansion, no DTD loading, no network, bounded size.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

_roots: dict[str, type] = {}

# Pause the cyclic garbage collector while mapping a document (see from_element).
PAUSE_GC = True

# A DOCTYPE after nothing but an XML declaration, comments, PIs and blanks.
_DOCTYPE_IN_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<!DOCTYPE",
                                re.DOTALL)


def register_root(cls: type) -> type:
    """Let `from_xml(data)` pick `cls` for documents whose root tag is its tag."""
    tag = cls.__xml__.tag
    if tag is None:
        raise TypeError(f"{cls.__name__} has no @element tag to register as a root")
    _roots[tag] = cls
    return cls


def parse_document(data: str | bytes, max_bytes: int = MAX_DOCUMENT_BYTES) -> Any:
    """Parse untrusted XML into an lxml root element, or raise ParseError."""
    if isinstance(data, str):
        data = data.encode("utf-8") if not data.lstrip().startswith("<?xml") else (
            _strip_declaration(data).encode("utf-8"))
    if not isinstance(data, bytes):
        raise ParseError(f"expected XML as str or bytes, got {type(data).__name__}")
    if not data or data.isspace():   # (strip() would copy the whole document)
        raise ParseError("empty document")
    if len(data) > max_bytes:
        raise ParseError(f"document is {len(data)} bytes, over the {max_bytes}-byte limit")
    if _DOCTYPE_IN_PROLOG.match(data):
        # Domain XML never carries a DTD; one here is at best noise, at worst an attack
        # (entity expansion, external fetches). Refused before libxml2 sees it.
        raise ParseError(Problem("DOCTYPE declarations are not accepted", 1))
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as err:
        line = err.position[0] if err.position else None
        raise ParseError(Problem(f"malformed XML: {err.msg}", line)) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:   # e.g. in UTF-16 input
        raise ParseError(Problem("DOCTYPE declarations are not accepted", 1))
    return root


def _strip_declaration(text: str) -> str:
    # lxml refuses a str with an encoding declaration; the str is already decoded.
    stripped = text.lstrip()
    end = stripped.find("?>")
    return stripped[end + 2:] if end != -1 else stripped


def from_element(root: Any, cls: type | None = None, *, unknown: str = "preserve",
                 tokens: Callable[[str], Token | None] | None = None) -> Any:
    """Map an lxml element (already parsed) to an entity.

    `tokens`: a recognizer that turns some raw values into `Token`s (kept as they are,
    whatever the field's type) instead of passing them to the field's codec.
    """
    if unknown not in POLICIES:
        raise ValueError(f"unknown= must be one of {POLICIES}, not {unknown!r}")
    if not isinstance(root.tag, str):
        raise ParseError("the document has no root element")
    if cls is None:
        cls = _roots.get(root.tag)
        if cls is None:
            known = ", ".join(f"<{etree.QName(tag).localname}>" for tag in _roots) or "none"
            raise ParseError(Problem(f"no model for root element <{etree.QName(root).localname}>"
                                     f" (known roots: {known})", root.sourceline, f"/{root.tag}"))
    plan = plan_for(cls)
    if plan.tag is not None and root.tag != plan.tag:
        raise ParseError(Problem(f"expected root <{plan.tag}> for {plan.name}, got <{root.tag}>",
                                 root.sourceline, f"/{root.tag}"))
    ctx = ParseContext(unknown, tokens)
    # Mapping makes many objects and no reference cycles: a cyclic collection while it
    # runs frees nothing and rescans what it just made (about a tenth of from_xml, more
    # in a process that holds many entities). Objects made meanwhile are collected as
    # usual afterwards. Only a collector enabled here is paused, and it is always resumed.
    paused = PAUSE_GC and gc.isenabled()
    if paused:
        gc.disable()
    try:
        entity = plan.read(root, ctx)
    finally:
        if paused:
            gc.enable()
    if ctx.problems:
        raise ParseError(ctx.problems)
    return entity


def from_xml(data: str | bytes, cls: type | None = None, *, unknown: str = "preserve",
             tokens: Callable[[str], Token | None] | None = None) -> Any:
    """Parse XML text into an entity of `cls`, or of the class registered for its root."""
    return from_element(parse_document(data), cls, unknown=unknown, tokens=tokens)


def _root(entity: Any, tag: str | None, compat: str | None) -> tuple[Any, Any, str]:
    """(entity as of `compat`, its class plan, its root tag) for writing a document."""
    if not is_mapped(type(entity)):
        raise SerializeError(f"{type(entity).__name__} is not an @element entity")
    if compat is not None:
        entity = for_compat(entity, compat)
    plan = plan_for(type(entity))
    tag = tag or plan.tag
    if tag is None:
        raise SerializeError(f"{plan.name} has no @element tag; pass tag=")
    return entity, plan, tag


def to_element(entity: Any, tag: str | None = None, *, compat: str | None = None) -> Any:
    """Build an lxml element from an entity (without what is newer than `compat`)."""
    entity, plan, tag = _root(entity, tag, compat)
    return plan.build(entity, tag, _nsmap_for(tag, plan.nsmap), plan.name)


def to_xml(entity: Any, *, pretty: bool = True, tag: str | None = None,
           compat: str | None = None) -> str:
    """Serialise an entity as an XML string (indented by default).

    `compat`: a compatibility level; fields declared `since` a newer level are left out.
    """
    entity, plan, tag = _root(entity, tag, compat)
    site = plan.root_sites.get(tag)
    if site is None:
        site = plan.root_sites[tag] = Site(tag, _nsmap_for(tag, plan.nsmap))
    out: list[str] = []
    plan.fn(entity, site, plan.name, out, "\n" if pretty else "", "  " if pretty else "",
            EMPTY_SCOPE)
    return "".join(out)


def to_xml_via_lxml(entity: Any, *, pretty: bool = True, tag: str | None = None,
                    compat: str | None = None) -> str:
    """`to_xml` the plain way: build lxml elements, indent, serialise (for debugging;
    tests hold both paths equal)."""
    root = to_element(entity, tag, compat=compat)
    if pretty:
        etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode")
