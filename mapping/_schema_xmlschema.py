"""The model's schema checked by xmlschema, a general XSD 1.1 processor.

`validate` takes the plan (`_schema_plan`, `_schema_check`), which needs neither
xmlschema nor its objects in a fresh process. This path remains for the documents the
plan leaves to a processor (a W3C vocabulary, xsi:type), for `model_schema()`, and as
the oracle the plan's verdicts are held to (tests/test_validate_plan.py).
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from lxml import etree

from .core import Problem, cache_folder


@functools.lru_cache(maxsize=1)
def schema_and_facets() -> tuple[Any, dict[str, Any]]:
    """The xmlschema object of the model's XSD, and the libvirt value type (its facets)
    of each simple type named after one."""
    # Building the XSD 1.1 schema from the model takes seconds (xmlschema is pure Python):
    # it is kept between processes, like the generated code, for the package's sources.
    import xmlschema
    path = _cached_path(xmlschema.__version__)
    if path is not None:
        try:
            with path.open("rb") as stream:
                found: tuple[Any, dict[str, Any]] = pickle.load(stream)
                return found
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                TypeError, ValueError):
            pass
    built = _build(xmlschema)
    if path is not None and not sys.dont_write_bytecode:
        _store(path, built)
    return built


def _build(xmlschema: Any) -> tuple[Any, dict[str, Any]]:
    from .xsd import SchemaBuilder, default_roots

    builder = SchemaBuilder()
    for cls in default_roots():
        builder.root(cls)
    folder = Path(tempfile.mkdtemp(prefix="domxml-schema-"))
    for name, text in builder.documents().items():
        (folder / name).write_text(text)
    return xmlschema.XMLSchema11(str(folder / "domain.xsd")), dict(builder.facets)


def _cached_path(version: str) -> Path | None:
    """Where the schema built from this package's sources is kept (None: no cache)."""
    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{version}\0{sys.version}".encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0")
        digest.update(source.read_bytes())
    return folder / f"schema-{digest.hexdigest()[:40]}.pickle"


def _store(path: Path, built: tuple[Any, dict[str, Any]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(built, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)   # (atomic: a reader sees all of it or none)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass


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


def problems(root: Any) -> list[Problem]:
    """Every problem xmlschema finds in the document under `root`."""
    from .validate import describe
    schema, facets = schema_and_facets()
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
