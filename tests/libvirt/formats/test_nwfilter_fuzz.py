"""The contract on mutated `<filter>` documents (the mutations of test_network_fuzz): a
`MappingError`, or an entity that writes the document back losslessly and survives
JSON; and filters generated from the model read back equal."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapping import from_dict, from_xml, to_dict
from tests.xmlassert import to_xml
from mapping.libvirt.nwfilter import NetworkFilter
from tests.conftest import formats_path, formats_rows
from tests.libvirt.formats.test_network_fuzz import SETTINGS, _mutate, refused_or_kept
from tests.strategies import entities

SEEDS = [formats_path(row).read_bytes() for row in formats_rows(("filter",))[::3]] or [
    b"<filter name='f' chain='ipv4'><rule action='drop' direction='out' priority='500'>"
    b"<ip match='no' srcipaddr='$IP' protocol='tcp' dstportstart='$PORTS[@1]'/></rule>"
    b"<filterref filter='g'><parameter name='IP' value='10.0.0.1'/></filterref></filter>"]


@pytest.mark.corpus
@SETTINGS
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_filter_is_refused_or_kept_losslessly(seed, choice):
    refused_or_kept(_mutate(seed, choice))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(entities(NetworkFilter))
def test_generated_filter_reads_back_equal(entity):
    written = to_xml(entity)
    assert from_xml(written, NetworkFilter) == entity
    assert from_dict(to_dict(entity), NetworkFilter) == entity
