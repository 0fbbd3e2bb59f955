"""Validation: does a document fit our model's schema, or libvirt's own?

    problems = validate(xml_or_entity)                     # our XSD, generated from the model
    problems = validate(xml_or_entity, against="libvirt")  # libvirt's RelaxNG schemas

Each problem has the line, the XPath and a message. An empty list means valid.
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

from .core import MappingError, ParseError, Problem, cache_folder, is_mapped, to_xml
from .core.xmlio import parse_document

LIBVIRT_SCHEMAS = Path("/usr/share/libvirt/schemas")


def _element(document: Any) -> Any:
    if is_mapped(type(document)):
        return parse_document(to_xml(document))
    if isinstance(document, (str, bytes)):
        return parse_document(document)
    if isinstance(document, etree._ElementTree):
        return document.getroot()
    if isinstance(document, etree._Element):
        return document
    raise MappingError(f"cannot validate a {type(document).__name__}")


@functools.lru_cache(maxsize=1)
def _model() -> tuple[Any, dict[str, Any]]:
    # Building the XSD 1.1 schema from the model takes seconds (xmlschema is pure Python):
    # it is kept between processes, like the generated code, for the package's sources.
    import xmlschema
    path = _cached_schema_path(xmlschema.__version__)
    if path is not None:
        try:
            with path.open("rb") as stream:
                found: tuple[Any, dict[str, Any]] = pickle.load(stream)
                return found
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                TypeError, ValueError):
            pass
    built = _build_model(xmlschema)
    if path is not None and not sys.dont_write_bytecode:
        _store(path, built)
    return built


def _build_model(xmlschema: Any) -> tuple[Any, dict[str, Any]]:
    from .xsd import SchemaBuilder, default_roots

    builder = SchemaBuilder()
    for cls in default_roots():
        builder.root(cls)
    folder = Path(tempfile.mkdtemp(prefix="domxml-schema-"))
    for name, text in builder.documents().items():
        (folder / name).write_text(text)
    return xmlschema.XMLSchema11(str(folder / "domain.xsd")), dict(builder.facets)


def _cached_schema_path(version: str) -> Path | None:
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


def model_schema() -> Any:
    """Our XSD 1.1 schemas, generated from the live model (so never out of date)."""
    return _model()[0]


# libvirt's schema of each document by its root tag (a host's `<interface name=..>`:
# interface.rng; a nic alone has none of its own, so it is checked inside a domain).
LIBVIRT_SCHEMA_FILES = {
    "domain": "domain.rng", "network": "network.rng", "networkport": "networkport.rng",
    "secret": "secret.rng", "pool": "storagepool.rng", "volume": "storagevol.rng",
    "storagepoolCapabilities": "storagepoolcaps.rng", "domainsnapshot": "domainsnapshot.rng",
    "domaincheckpoint": "domaincheckpoint.rng", "domainbackup": "domainbackup.rng",
    "filter": "nwfilter.rng", "filterbinding": "nwfilterbinding.rng",
    "capabilities": "capability.rng", "domainCapabilities": "domaincaps.rng",
    "device": "nodedev.rng",
}


@functools.lru_cache(maxsize=32)
def libvirt_schema(folder: Path = LIBVIRT_SCHEMAS, name: str = "domain.rng") -> etree.RelaxNG:
    """libvirt's RelaxNG schema `name` (MappingError naming the package when missing)."""
    main = folder / name
    if not main.exists():
        raise MappingError(
            f"libvirt's RelaxNG schemas are not installed ({main} is missing); on Debian: "
            "apt-get install libvirt-clients")
    return etree.RelaxNG(etree.parse(str(main)))


_ATTRIBUTE = re.compile(r"attribute ([^\s=]+)=")


def _value_type(validator: Any, facets: dict[str, Any]) -> Any:
    """The libvirt value type (its facets) a failing XSD component belongs to, if any."""
    while validator is not None:
        found = facets.get(getattr(validator, "local_name", None) or "")
        if found is not None:
            return found
        validator = getattr(validator, "parent", None)
    return None


def _model_problems(root: Any) -> list[Problem]:
    schema, facets = _model()
    problems, seen = [], set()
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
        problems.append(Problem(reason, line, error.path))
    return problems


def describe(facets: Any) -> str:
    """What a libvirt value type accepts, in words (for problems)."""
    if facets.values:
        return f"{facets.name}: one of " + ", ".join(repr(v) for v in facets.values)
    if facets.pattern is not None or (facets.minimum is None and facets.maximum is None):
        return f"{facets.name} (pattern {facets.pattern})"
    if facets.maximum is None:
        span = f"{facets.minimum} or more"
    else:
        span = f"from {facets.minimum} to {facets.maximum}"
    spellings = " or ".join(p for p in (facets.decimal, facets.hex) if p is not None)
    return f"{facets.name}: an integer {span} (pattern {spellings})"


def _libvirt_problems(root: Any) -> list[Problem]:
    name = LIBVIRT_SCHEMA_FILES.get(root.tag)
    if name is None and root.tag == "interface" and root.get("name") is not None:
        name = "interface.rng"   # (a host's interface; a guest's nic is a device)
    if name is None:
        raise MappingError(f"libvirt has no schema of its own for a <{root.tag}> document "
                           f"(it has one for: {', '.join(sorted(LIBVIRT_SCHEMA_FILES))}, "
                           "interface)")
    schema = libvirt_schema(LIBVIRT_SCHEMAS, name)
    if schema.validate(etree.ElementTree(root)):
        return []
    return [Problem(entry.message, entry.line, entry.path) for entry in schema.error_log]


def validate(document: Any, *, against: str = "model") -> list[Problem]:
    """Problems with `document` (XML text, lxml tree or entity); [] when it is valid."""
    if against not in ("model", "libvirt"):
        raise ValueError(f"against= must be 'model' or 'libvirt', not {against!r}")
    try:
        root = _element(document)
    except ParseError as err:
        return list(err.problems)
    return _model_problems(root) if against == "model" else _libvirt_problems(root)
