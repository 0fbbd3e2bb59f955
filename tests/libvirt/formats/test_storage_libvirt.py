"""libvirt's test driver as the judge of what the typed-only rebuild of a pool or volume
means: it accepts what it accepted from the original, and makes the same of it."""
from __future__ import annotations

import re

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from tests.libvirt.formats.test_storage_corpus import (key, path_of, require_formats,
                                                       rows_param, storage_rows)
from tests.libvirt_driver import define_and_dump

POOLS = [row for row in storage_rows() if row["root"] == "pool"]
ACCEPTED = [row for row in POOLS if row["libvirt_test_driver"] == "accepted"]
REJECTED = [row for row in POOLS if row["libvirt_test_driver"] == "rejected"]
# MANIFEST has no verdict for volumes: the original document is the reference.
VOLUMES = [row for row in storage_rows() if row["root"] == "volume"]


def typed_only(row) -> str:
    return to_xml(from_xml(path_of(row).read_bytes(), unknown="ignore"))


def dump_volume(conn, xml: str) -> str | None:
    """Create a volume in the driver's own dir pool and dump it; None if refused."""
    import libvirt
    pool = conn.storagePoolLookupByName("default-pool")
    try:
        volume = pool.createXML(xml, 0)
    except libvirt.libvirtError:
        return None
    try:
        return volume.XMLDesc(0)
    finally:
        volume.delete(0)


def without_uuid(xml: str) -> str:
    return re.sub(r"<uuid>[^<]*</uuid>", "", xml)


def assert_same_as_original(original: str, rebuilt: str, had_uuid: bool) -> None:
    """libvirt's dumps agree, and its dump of the rebuild is itself typed and lossless."""
    if not had_uuid:   # libvirt makes one up for a pool that has none
        original, rebuilt = without_uuid(original), without_uuid(rebuilt)
    assert first_difference(original, rebuilt) is None
    dumped = from_xml(rebuilt, unknown="error")
    assert first_difference(rebuilt, to_xml(dumped)) is None


@pytest.mark.corpus
@pytest.mark.libvirt
@rows_param(ACCEPTED)
def test_typed_only_pool_is_accepted(conn, row):
    require_formats()
    original = path_of(row).read_text()
    assert_same_as_original(define_and_dump(conn, original, "pool"),
                            define_and_dump(conn, typed_only(row), "pool"), "<uuid>" in original)


@pytest.mark.corpus
@pytest.mark.libvirt
@rows_param(REJECTED)
def test_typed_only_pool_is_rejected_like_the_original(conn, row):
    """Nothing is made up: what libvirt refused stays refused after the rebuild."""
    import libvirt
    require_formats()
    with pytest.raises(libvirt.libvirtError):
        define_and_dump(conn, typed_only(row), "pool")


@pytest.mark.corpus
@pytest.mark.libvirt
def test_the_driver_judged_pools():
    require_formats()
    assert len(ACCEPTED) == 77 and len(REJECTED) == 1, (len(ACCEPTED), len(REJECTED))


@pytest.mark.corpus
@pytest.mark.libvirt
@rows_param(VOLUMES)
def test_typed_only_volume_fares_like_the_original(conn, row):
    require_formats()
    original = dump_volume(conn, path_of(row).read_text())
    rebuilt = dump_volume(conn, typed_only(row))
    assert (rebuilt is None) == (original is None), key(row)
    if original is not None:
        assert_same_as_original(original, rebuilt, had_uuid=True)
