"""libvirt's `<pool>`, `<volume>` and `<storagepoolCapabilities>` documents: each parses
into its class, comes back losslessly, and is typed throughout (issue #21)."""
from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from mapping import ParseError, from_xml
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from mapping.core import from_dict, to_dict
from mapping.coverage import measure
from mapping.libvirt import Pool, StoragePoolCapabilities, Volume
from tests.conftest import formats_path, formats_rows, require_formats

CLASSES = {"pool": Pool, "volume": Volume, "storagepoolCapabilities": StoragePoolCapabilities}

# Schema-valid documents that do not parse with unknown="error", and why. An XML comment
# is kept in place but is not a field of any class, so strict parsing names it.
NOT_STRICT = {
    "storagevolxml2xmlin/vol-file-backing.xml": "an XML comment before <name>",
}


def storage_rows() -> list[dict[str, str]]:
    return formats_rows(tuple(CLASSES))


path_of = formats_path


def key(row: dict[str, str]) -> str:
    return f"{row['dir']}/{row['file']}"


ROWS = storage_rows()
VALID = [row for row in ROWS if row["libvirt_rng"] == "valid"]


def rows_param(rows):
    return pytest.mark.parametrize("row", rows or [None],
                                   ids=[key(r) for r in rows] or ["no-corpus"])


@pytest.mark.corpus
def test_corpus_has_every_storage_root():
    require_formats()
    counts = {root: sum(row["root"] == root for row in ROWS) for root in CLASSES}
    assert counts == {"pool": 78, "volume": 48, "storagepoolCapabilities": 2}, counts


def rebuilt_in_code(value: Any) -> Any:
    """The same values in fresh objects, without what parsing recorded (extras)."""
    if dataclasses.is_dataclass(value):
        return type(value)(**{field.name: rebuilt_in_code(getattr(value, field.name))
                              for field in dataclasses.fields(value) if field.name != "extras"})
    if isinstance(value, list):
        return [rebuilt_in_code(item) for item in value]
    return value


FORMATTED = [row for row in ROWS if row["dir"].endswith("xml2xmlout")
             or row["root"] == "storagepoolCapabilities"]


@pytest.mark.corpus
@rows_param(FORMATTED)
def test_fields_are_declared_in_the_order_libvirt_writes_them(row):
    """What libvirt itself formatted comes out the same from objects built in code."""
    require_formats()
    data = path_of(row).read_bytes()
    assert first_difference(data, to_xml(rebuilt_in_code(from_xml(data)))) is None


@pytest.mark.corpus
@rows_param(ROWS)
def test_json_round_trip_gives_the_same_entity(row):
    require_formats()
    entity = from_xml(path_of(row).read_bytes())
    assert from_dict(to_dict(entity), type(entity)) == entity


@pytest.mark.corpus
@rows_param(VALID)
def test_schema_valid_documents_parse_strictly(row):
    """Everything libvirt's schema allows is a typed field: nothing left for extras."""
    require_formats()
    data = path_of(row).read_text()
    if key(row) not in NOT_STRICT:
        from_xml(data, unknown="error")
        return
    # The listed reason is the only one: strict parsing names it, and the document
    # without it parses strictly.
    with pytest.raises(ParseError, match=r"comment\(\)"):
        from_xml(data, unknown="error")
    from_xml(re.sub(r"<!--.*?-->", "", data, flags=re.DOTALL), unknown="error")


@pytest.mark.corpus
@pytest.mark.parametrize("root", list(CLASSES))
def test_every_occurrence_is_typed(root):
    """`mapping.coverage`: the typed-only rebuild keeps every element and attribute."""
    require_formats()
    report = measure(path_of(row) for row in ROWS if row["root"] == root)
    assert not report.errors
    assert report.total > 0
    assert not report.untyped, report.untyped.most_common(10)
    assert report.share == 1.0
