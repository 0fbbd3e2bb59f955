"""Codecs' `verbatim` spellings: the generated readers and writers take them without the
codec, so each must be exactly what the codec would make of it; other values still go
through the codec."""
from __future__ import annotations

import pytest

from mapping import ParseError, SerializeError, from_xml
from tests.xmlassert import to_xml
from mapping.core.codecs import StrCodec
from mapping.libvirt.units import SIZE_UNIT

VERBATIM = sorted(SIZE_UNIT.verbatim)


@pytest.mark.parametrize("spelling", VERBATIM)
def test_a_verbatim_spelling_is_what_the_codec_reads_and_writes(spelling):
    assert SIZE_UNIT.parse(spelling) == spelling
    assert SIZE_UNIT.format(spelling) == spelling
    assert StrCodec().format(spelling) == spelling


def _domain(unit: str) -> str:
    return f"<domain type='kvm'><name>d</name><memory unit='{unit}'>1</memory></domain>"


@pytest.mark.parametrize("unit", ["KiB", "gib", "Kib", "bytes"])
def test_units_in_and_outside_the_verbatim_set_read_and_write_alike(unit):
    domain = from_xml(_domain(unit))
    assert domain.memory.unit == unit
    assert f"unit='{unit}'" in to_xml(domain)


def test_an_unknown_unit_is_refused_on_both_paths():
    with pytest.raises(ParseError, match="unknown size unit"):
        from_xml(_domain("Gigs"))
    domain = from_xml(_domain("KiB"))
    domain.memory.unit = "Gigs"
    with pytest.raises(SerializeError, match="Domain.memory.unit"):
        to_xml(domain)
