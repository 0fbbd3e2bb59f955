"""libvirt's test driver accepts the typed-only rebuild of every document it accepts."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from tests.conftest import CORPUS, manifest_rows, require_corpus
from tests.libvirt_driver import define_and_dump

ACCEPTED = [row for row in manifest_rows() if row["libvirt_9_0_test_driver"] == "accepted"]


@pytest.mark.corpus
@pytest.mark.libvirt
@pytest.mark.parametrize("row", ACCEPTED or [None],
                         ids=[f"{r['dir']}/{r['file']}" for r in ACCEPTED] or ["no-corpus"])
def test_typed_only_rebuild_is_accepted(conn, row):
    require_corpus()
    data = (CORPUS / row["dir"] / row["file"]).read_bytes()
    typed_only = to_xml(from_xml(data, unknown="ignore"))
    define_and_dump(conn, typed_only)   # raises libvirtError if libvirt refuses it
