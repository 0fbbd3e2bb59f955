"""The model's schema checked by xmlschema, a general XSD 1.1 processor.

`validate` takes the plan (`_schema_plan`, `_schema_check`), which needs neither
xmlschema nor its objects in a fresh process. This path remains for the documents the
plan leaves to a processor (a W3C vocabulary, xsi:type), for `model_schema()`, and as
the oracle the plan's verdicts are held to (tests/test_validate_plan.py).
"""
from __future__ import annotations

import functools
import pickle
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from lxml import etree

from ._schema_plan import cached_path, model_documents, store
from .core import Problem


@functools.lru_cache(maxsize=None)
def schema_and_facets(name: str = "domain") -> tuple[Any, dict[str, Any]]:
    """The xmlschema object of the model's XSD `name` (`mapping.xsd.schema_sets`), and
    the libvirt value type (its facets) of each simple type named after one."""
    # Building the XSD 1.1 schema from the model takes seconds (xmlschema is pure Python):
    # it is kept between processes, like the generated code, for the package's sources.
    import xmlschema
    path = _cached_path(name, xmlschema.__version__)
    if path is not None:
        try:
            with path.open("rb") as stream:
                found: tuple[Any, dict[str, Any]] = pickle.load(stream)
                return found
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                TypeError, ValueError):
            pass
    built = _build(xmlschema, name)
    if path is not None and not sys.dont_write_bytecode:
        _store(path, built)
    return built


def _build(xmlschema: Any, name: str) -> tuple[Any, dict[str, Any]]:
    documents, facets = model_documents(name)
    folder = Path(tempfile.mkdtemp(prefix="domxml-schema-"))
    for filename, text in documents.items():
        (folder / filename).write_text(text)
    return xmlschema.XMLSchema11(str(folder / f"{name}.xsd")), facets


def _cached_path(name: str, version: str) -> Path | None:
    """Where the schema built from this package's sources is kept (None: no cache)."""
    return cached_path(f"schema-{name}", ".pickle", version.encode())


def _store(path: Path, built: tuple[Any, dict[str, Any]]) -> None:
    try:
        data = pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    store(path, data)


_ATTRIBUTE = re.compile(r"attribute ([^\s=]+)=")


def _value_type(validator: Any, facets: dict[str, Any]) -> Any:
    """The libvirt value type (its facets) of the simple type a failing XSD component
    belongs to, if any. (Only simple types: an element may share a type's name, as
    oVirt's `<unit>` shares libvirt's `unit`, and its own problems are not the type's.)"""
    from xmlschema.validators import XsdSimpleType
    while validator is not None:
        if isinstance(validator, XsdSimpleType):
            found = facets.get(getattr(validator, "local_name", None) or "")
            if found is not None:
                return found
        validator = getattr(validator, "parent", None)
    return None


def problems(root: Any, name: str = "domain") -> list[Problem]:
    """Every problem xmlschema finds in the document under `root`, against the model's
    schema `name`."""
    from .validate import describe
    schema, facets = schema_and_facets(name)
    found, seen = [], set()
    for error in schema.iter_errors(etree.ElementTree(root)):
        reason = str(error.reason or error.message)
        named = _ATTRIBUTE.match(reason)
        attr = named[1] if named else None
        elem = getattr(error, "elem", None)
        value_type = _value_type(error.validator, facets)
        key = (id(elem), attr)
        if value_type is not None or key in seen:
            # One value that fails a libvirt type gives several XSD errors (each facet,
            # each union member): report it once, saying what the type accepts.
            if key in seen:
                continue
            seen.add(key)
            if value_type is not None and elem is not None:
                raw = elem.get(attr) if attr else elem.text
                where = f"attribute {attr}={raw!r}" if attr else repr(raw or "")
                reason = f"{where} is not a valid {describe(value_type)}"
        line = getattr(error, "sourceline", None)
        found.append(Problem(reason, line, error.path))
    return found


__all__ = ["problems", "schema_and_facets"]
