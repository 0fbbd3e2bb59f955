"""What every libvirt format's corpus tests hold, written once: each document comes back
losslessly, a schema-valid one is typed throughout, the coverage figure, and libvirt
11.3's schema for the format's built entities."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from mapping import from_xml
from mapping.compare import first_difference
from mapping.core.xmlio import parse_document
from mapping.coverage import measure, occurrences
from tests.conftest import IN_CI, PROJECT, formats_path
from tests.xmlassert import to_xml

SCHEMAS = PROJECT.parent / "shared" / "reference" / "libvirt-11.3" / "schemas"


def params(rows: list[dict[str, str]]) -> Any:
    """Parametrize a test by corpus rows, named `dir/file` (one "no-corpus" without)."""
    return pytest.mark.parametrize(
        "row", rows or [None], ids=[f"{r['dir']}/{r['file']}" for r in rows] or ["no-corpus"])


def reference_schema(name: str) -> etree.RelaxNG:
    """libvirt 11.3's RelaxNG schema `name` (`nodedev.rng`): skipped without the shared
    reference, a failure in CI."""
    path = SCHEMAS / name
    if not path.exists():
        if IN_CI:
            pytest.fail(f"CI=true but libvirt 11.3's schemas are missing at {SCHEMAS}")
        pytest.skip(f"libvirt 11.3's schemas not found at {SCHEMAS}")
    return _loaded(path)


@lru_cache(maxsize=None)
def _loaded(path: Path) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(path)))


def assert_lossless(row: dict[str, str], cls: type) -> Any:
    """The document written back in libvirt's style is the same XML, and reads back
    equal; returns the entity."""
    data = formats_path(row).read_bytes()
    entity = from_xml(data, cls)
    written = to_xml(entity)
    assert first_difference(data, written) is None
    assert from_xml(written, cls) == entity
    return entity


def assert_typed_throughout(data: str | bytes, cls: type) -> Any:
    """Nothing of the document is left to the unknown-XML holder: strict parsing takes
    it, and the typed-only rebuild keeps every element and attribute; returns the
    strictly read entity."""
    strict = from_xml(data, cls, unknown="error")
    assert strict == from_xml(data, cls)
    typed_only = parse_document(to_xml(from_xml(data, cls, unknown="ignore")))
    assert occurrences(typed_only) == occurrences(parse_document(data))
    return strict


def assert_typed_share(rows: list[dict[str, str]]) -> None:
    """The coverage tool's figure over these documents: every occurrence typed."""
    report = measure([formats_path(row) for row in rows])
    assert not report.errors, report.errors
    assert report.total > 0 and report.share == 1.0, report.untyped.most_common(5)
