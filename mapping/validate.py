"""Validation: does a document fit our model's schema, or libvirt's own?

    problems = validate(xml_or_entity)                     # our XSD, generated from the model
    problems = validate(xml_or_entity, against="libvirt")  # libvirt's RelaxNG schemas

Each problem has the line, the XPath and a message. An empty list means valid.
"""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

from lxml import etree

from .core import MappingError, ParseError, Problem, to_xml
from .core._types import is_mapped
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
def model_schema() -> Any:
    """Our XSD 1.1 schemas, generated from the live model (so never out of date)."""
    import xmlschema

    from .xsd import default_roots, generate

    folder = Path(tempfile.mkdtemp(prefix="domxml-schema-"))
    for name, text in generate(*default_roots()).items():
        (folder / name).write_text(text)
    return xmlschema.XMLSchema11(str(folder / "domain.xsd"))


@functools.lru_cache(maxsize=4)
def libvirt_schema(folder: Path = LIBVIRT_SCHEMAS) -> etree.RelaxNG:
    main = folder / "domain.rng"
    if not main.exists():
        raise MappingError(
            f"libvirt's RelaxNG schemas are not installed ({main} is missing); on Debian: "
            "apt-get install libvirt-clients")
    return etree.RelaxNG(etree.parse(str(main)))


def _model_problems(root: Any) -> list[Problem]:
    problems = []
    for error in model_schema().iter_errors(etree.ElementTree(root)):
        line = getattr(error, "sourceline", None)
        problems.append(Problem(str(error.reason or error.message), line, error.path))
    return problems


def _libvirt_problems(root: Any) -> list[Problem]:
    schema = libvirt_schema()
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
