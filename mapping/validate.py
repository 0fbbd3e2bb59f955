"""Validation: does a document fit our model's schema, or libvirt's own?

    problems = validate(xml_or_entity)                     # our XSD of its root, from the model
    problems = validate(xml_or_entity, against="libvirt")  # libvirt's RelaxNG schemas

Each problem has the line, the XPath and a message. An empty list means valid.

The model has a schema per kind of root (`mapping.xsd.schema_sets`: the domain's, each
format's, device documents...); the document's root picks it as `from_xml` picks the
class. It is checked through a plan compiled from it and kept between processes
(`_schema_plan`, `_schema_check`): a fresh `domxml validate` needs neither xmlschema
nor the model's classes. xmlschema itself checks the documents the plan leaves to a
general processor (`_schema_xmlschema`), and is the oracle of the plan's tests.
"""
from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

from lxml import etree

from .core import MappingError, ParseError, Problem, is_mapped, to_xml
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


def model_schema(name: str = "domain") -> Any:
    """Our XSD 1.1 schema `name` (`mapping.xsd.schema_sets`: "domain", "network", ...,
    "domaindevice") as an xmlschema object, generated from the live model (so never out
    of date). (`validate` does not need it: see `mapping._schema_plan`.)"""
    from ._schema_xmlschema import schema_and_facets
    return schema_and_facets(name)[0]


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


@functools.lru_cache(maxsize=None)
def _plan(name: str = "domain") -> Any:
    from ._schema_plan import load
    return load(name)


@functools.lru_cache(maxsize=1)
def _index() -> Any:
    from ._schema_plan import load_index
    return load_index()


def model_schema_name(root: Any) -> str | None:
    """The model's schema of the document under `root` (an lxml element), by its root
    element as `from_xml` picks its class; None when it has none."""
    index = _index()
    found: str | None = index.schemas.get(root.tag)
    if found is None and root.tag in index.shared:
        # (a tag of several formats: the model itself tells them apart, by the content)
        import mapping.libvirt  # noqa: F401  (registers the roots)
        from .core import class_for_root
        cls = class_for_root(root)
        for module, qualname, name in index.shared[root.tag]:
            if cls is not None and (cls.__module__, cls.__qualname__) == (module, qualname):
                found = name
    return found


def _model_problems(root: Any) -> list[Problem]:
    from ._schema_check import NeedsProcessor, check
    name = model_schema_name(root)
    if name is None:
        return [Problem(f"the model has no schema for a <{etree.QName(root).localname}> "
                        "document (`domxml schema` writes the schemas it has)",
                        root.sourceline, f"/{root.tag}")]
    try:
        return check(root, _plan(name))
    except NeedsProcessor:
        from ._schema_xmlschema import problems
        return problems(root, name)


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
    own = [Problem(entry.message, entry.line, entry.path) for entry in schema.error_log]
    # libvirt's words name an interleave far above the fault: the element that fails
    # comes first, libvirt's own problems after it.
    from ._libvirt_locate import located_problems
    return located_problems(root, LIBVIRT_SCHEMAS / name) + own


def validate(document: Any, *, against: str = "model", engine: bool = False) -> list[Problem]:
    """Problems with `document` (XML text, lxml tree or entity); [] when it is valid.

    `engine`: a document the oVirt engine wrote. Its placeholders, where the engine
    writes them, are checked as a value of the kind the host puts there
    (`mapping.ovirt.standins`); the rest, and text that only looks like a placeholder
    elsewhere, is checked as written. A tree given is not changed."""
    if against not in ("model", "libvirt"):
        raise ValueError(f"against= must be 'model' or 'libvirt', not {against!r}")
    try:
        root = _element(document)
    except ParseError as err:
        return list(err.problems)
    if engine:
        from .ovirt.standins import put_stand_ins
        if isinstance(document, (etree._ElementTree, etree._Element)):
            root = copy.deepcopy(root)     # (the copy keeps the line numbers)
        put_stand_ins(root)
    return _model_problems(root) if against == "model" else _libvirt_problems(root)
