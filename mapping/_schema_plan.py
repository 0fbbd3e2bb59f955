"""The model's schema as plain data for the validator: compiled from the XSD documents
`mapping.xsd` generates, so that the XSD stays the one statement of what is valid.

Checking a document with xmlschema means importing it (~0.3 s) and unpickling its
objects for these documents (~0.6 s) in every fresh process. What validation needs of
the documents is small: for each complex type its typed attributes, its simple content
or its declared children; for each element declaration its type alternatives; for each
simple type its patterns, bounds and values. That plan is kept in the code cache's
folder (marshal, as Python keeps bytecode) and loads in milliseconds, without
importing the model.

Only the constructs `mapping.xsd` emits are understood. Any other construct is a
ModelError naming it, so a change there cannot be passed over silently here; and
tests/test_validate_plan.py holds the plan's verdicts to xmlschema's on the corpus.
"""
from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

from .core import cache_folder

XS = "http://www.w3.org/2001/XMLSchema"
# The lexical space of xs:double (XSD 1.1 Part 2, 3.3.5.2), as a processor reports it.
DOUBLE_PATTERN = r"(\+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)([Ee](\+|-)?[0-9]+)?|(\+|-)?INF|NaN"
INTEGER_LEXICAL = "[+\\-]?[0-9]+"


class SimpleType(NamedTuple):
    """`kind` is "string" (anything), "double", "restriction" or "union"."""
    kind: str
    integer: bool = False            # a restriction of xs:integer (else of xs:string)
    patterns: tuple[tuple[str, str], ...] = ()   # (as written in the XSD, as Python reads it)
    values: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    members: tuple[int, ...] = ()    # a union's member types
    facet: str | None = None         # the libvirt value type, in words, when it is one


class ComplexType(NamedTuple):
    attributes: dict[str, int]       # a typed attribute -> its simple type (xs:string: absent)
    text: int | None                 # simple content's type; None: mixed element content
    children: dict[str, int]         # a declared child (qualified name) -> its declaration


class Declaration(NamedTuple):
    type: int                        # the complex type when no alternative's test holds
    alternatives: tuple[tuple[str, str, int], ...]   # (attribute, value, complex type)


class Plan(NamedTuple):
    simple: list[SimpleType]
    complex: list[ComplexType]
    declarations: list[Declaration]
    globals: dict[str, int]          # a global element (qualified name) -> its declaration


STRING, DOUBLE = 0, 1                # simple types every plan has, in this order
ANY = 0                              # xs:anyType: lax attributes and children, mixed

_FORMAT = importlib.util.MAGIC_NUMBER + b"domxml-schema-plan-1"


def load() -> Plan:
    """The plan of the model's schema, from the cache when this package's sources made it."""
    path = _cached_path()
    if path is not None:
        try:
            data = path.read_bytes()
            if data.startswith(_FORMAT):
                return _from_plain(marshal.loads(data[len(_FORMAT):]))
        except (OSError, EOFError, ValueError, TypeError, IndexError):
            pass   # (a damaged or foreign file is rebuilt)
    plan = build()
    if path is not None and not sys.dont_write_bytecode:
        store(path, _FORMAT + marshal.dumps(_to_plain(plan)))
    return plan


def build() -> Plan:
    """Generate the XSD documents from the model and compile them (a third of a second)."""
    from .validate import describe

    documents, facets = model_documents()
    return compile_documents(documents, {name: describe(value)
                                         for name, value in facets.items()})


def compile_documents(documents: dict[str, str], facets: dict[str, str]) -> Plan:
    """The plan of schema documents (file name -> text); `facets`: the described libvirt
    value type of each simple type named after one."""
    from lxml import etree
    from ._schema_compile import Compiler

    roots = [etree.fromstring(text.encode()) for text in documents.values()]
    return Compiler(roots, facets).plan()


def _cached_path() -> Path | None:
    return cached_path("schema-plan", ".marshal", _FORMAT)


def cached_path(name: str, suffix: str, salt: bytes) -> Path | None:
    """Where something made from this package's sources is kept: named after a digest
    of all of them (the model is all of these) and `salt` (None: no cache)."""
    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(salt + b"\0" + sys.version.encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0")
        digest.update(source.read_bytes())
    return folder / f"{name}-{digest.hexdigest()[:40]}{suffix}"


def model_documents() -> tuple[dict[str, str], dict[str, Any]]:
    """The XSD documents of the model's schema (file name -> text), and the facets of
    each libvirt value type named in them."""
    from .xsd import SchemaBuilder, default_roots

    builder = SchemaBuilder()
    for cls in default_roots():
        builder.root(cls)
    return builder.documents(), dict(builder.facets)


def store(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all (a file that cannot be written is passed
    over)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)   # (atomic: a reader sees all of it or none)
    except OSError:
        pass


def _to_plain(plan: Plan) -> tuple[Any, ...]:
    # marshal takes builtin containers only, not their subclasses
    return ([tuple(entry) for entry in plan.simple], [tuple(entry) for entry in plan.complex],
            [tuple(entry) for entry in plan.declarations], plan.globals)


def _from_plain(data: Any) -> Plan:
    simple, complex_, declarations, globals_ = data
    return Plan([SimpleType(*entry) for entry in simple],
                [ComplexType(*entry) for entry in complex_],
                [Declaration(*entry) for entry in declarations], globals_)


__all__ = ["ANY", "DOUBLE", "DOUBLE_PATTERN", "INTEGER_LEXICAL", "STRING", "ComplexType",
           "Declaration", "Plan", "SimpleType", "build", "compile_documents", "load"]
