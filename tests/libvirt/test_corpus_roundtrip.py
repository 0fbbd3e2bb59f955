"""Every document of libvirt's own test corpus parses and writes back losslessly."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from tests.conftest import CORPUS, corpus_files, require_corpus
from tests.xmlassert import assert_xml_equal

FILES = corpus_files()


@pytest.mark.corpus
@pytest.mark.parametrize("path", FILES or [None],
                         ids=[str(p.relative_to(CORPUS)) for p in FILES] or ["no-corpus"])
def test_corpus_document_round_trips_losslessly(path):
    require_corpus()
    data = path.read_bytes()
    domain = from_xml(data)
    assert_xml_equal(data, to_xml(domain))


@pytest.mark.corpus
@pytest.mark.parametrize("path", FILES or [None],
                         ids=[str(p.relative_to(CORPUS)) for p in FILES] or ["no-corpus"])
def test_corpus_entity_survives_second_round_trip(path):
    require_corpus()
    domain = from_xml(path.read_bytes())
    assert from_xml(to_xml(domain)) == domain
