"""libvirt's test driver accepts the typed-only rebuild of every network it accepted,
and reads the same network from it as from the original (issue #21)."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from tests.libvirt.formats.test_network_corpus import formats_rows, path_of, require_formats
from tests.libvirt_driver import define_and_dump

ACCEPTED = [row for row in formats_rows(("network",))
            if row["libvirt_test_driver"] == "accepted"]


@pytest.mark.corpus
@pytest.mark.libvirt
def test_driver_accepted_documents_are_listed():
    require_formats()
    assert len(ACCEPTED) >= 50


@pytest.mark.corpus
@pytest.mark.libvirt
@pytest.mark.parametrize("row", ACCEPTED or [None],
                         ids=[f"{r['dir']}/{r['file']}" for r in ACCEPTED] or ["no-corpus"])
def test_typed_only_rebuild_is_accepted_and_means_the_same(conn, row):
    require_formats()
    data = path_of(row).read_text()
    typed_only = to_xml(from_xml(data, unknown="ignore"))
    rebuilt = from_xml(define_and_dump(conn, typed_only, "network"))   # libvirtError if refused
    original = from_xml(define_and_dump(conn, data, "network"))
    if from_xml(data).uuid is None:   # libvirt made up a fresh one each time
        rebuilt.uuid = original.uuid = None
    assert rebuilt == original
