"""The model's schema as plain data for the validator: compiled from the XSD documents
`mapping.xsd` generates, so that the XSD stays the one statement of what is valid.

Checking a document with xmlschema means importing it (~0.3 s) and unpickling its
objects for these documents (~0.6 s) in every fresh process. What validation needs of
the documents is small: for each complex type its typed attributes, its simple content
or its declared children; for each element declaration its type alternatives; for each
simple type its patterns, bounds and values. A plan per schema (`mapping.xsd.
schema_sets`), and the index of the roots that picks one, are kept in the code cache's
folder (marshal, as Python keeps bytecode) and load in milliseconds, without importing
the model.

Only the constructs `mapping.xsd` emits are understood. Any other construct is a
ModelError naming it, so a change there cannot be passed over silently here; and
tests/test_validate_plan.py holds the plan's verdicts to xmlschema's on the corpus.
"""
from __future__ import annotations

import functools
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

_FORMAT = importlib.util.MAGIC_NUMBER + b"domxml-schema-plan-2"
_INDEX_FORMAT = importlib.util.MAGIC_NUMBER + b"domxml-schema-index-1"


class Index(NamedTuple):
    """Which schema (`mapping.xsd.schema_sets`) a document's root belongs to: by its tag
    (Clark notation) when one schema declares it; a tag several declare (`interface`: a
    host's, a guest's nic, a network update's) names (module, class, schema) of each, for
    the class `from_xml` picks."""
    schemas: dict[str, str]
    shared: dict[str, list[tuple[str, str, str]]]


def load(name: str = "domain") -> Plan:
    """The plan of the model's schema `name`, from the cache when this package's sources
    made it."""
    found = _cached(f"schema-plan-{name}", _FORMAT, lambda: _to_plain(build(name)))
    return _from_plain(found)


def load_index() -> Index:
    """The roots of the model's schemas, from the cache when this package's sources made
    it (else the model is imported)."""
    return Index(*_cached("schema-index", _INDEX_FORMAT, lambda: tuple(build_index())))


def _cached(name: str, salt: bytes, make: Any) -> Any:
    path = cached_path(name, ".marshal", salt)
    if path is not None:
        try:
            data = path.read_bytes()
            if data.startswith(salt):
                return marshal.loads(data[len(salt):])
        except (OSError, EOFError, ValueError, TypeError, IndexError):
            pass   # (a damaged or foreign file is rebuilt)
    made = make()
    if path is not None and not sys.dont_write_bytecode:
        store(path, salt + marshal.dumps(made))
    return made


def build(name: str = "domain") -> Plan:
    """Generate the XSD documents of schema `name` from the model and compile them (a
    third of a second for the domain's)."""
    from .validate import describe

    documents, facets = model_documents(name)
    return compile_documents(documents, {key: describe(value)
                                         for key, value in facets.items()})


def build_index() -> Index:
    from .xsd import schema_sets, tag_of

    owners: dict[str, list[tuple[str, str, str]]] = {}
    for entry in schema_sets().values():
        for cls in entry.roots:
            owners.setdefault(tag_of(cls), []).append(
                (cls.__module__, cls.__qualname__, entry.name))
    return Index({tag: found[0][2] for tag, found in owners.items() if len(found) == 1},
                 {tag: found for tag, found in owners.items() if len(found) > 1})


def compile_documents(documents: dict[str, str], facets: dict[str, str]) -> Plan:
    """The plan of schema documents (file name -> text); `facets`: the described libvirt
    value type of each simple type named after one."""
    from lxml import etree
    from ._schema_compile import Compiler

    roots = [etree.fromstring(text.encode()) for text in documents.values()]
    return Compiler(roots, facets).plan()


def cached_path(name: str, suffix: str, salt: bytes) -> Path | None:
    """Where something made from this package's sources is kept: named after a digest
    of all of them (the model is all of these) and `salt` (None: no cache)."""
    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(salt + b"\0" + _sources_digest())
    return folder / f"{name}-{digest.hexdigest()[:40]}{suffix}"


@functools.lru_cache(maxsize=1)
def _sources_digest() -> bytes:
    """A digest of this package's sources (the model is all of them), once a process."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.digest()


def model_documents(name: str = "domain") -> tuple[dict[str, str], dict[str, Any]]:
    """The XSD documents of the model's schema `name` (file name -> text; those it
    builds on included), and the facets of each libvirt value type named in them."""
    from .xsd import schema_documents

    return schema_documents(name)


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
           "Declaration", "Index", "Plan", "SimpleType", "build", "build_index",
           "compile_documents", "load", "load_index"]
