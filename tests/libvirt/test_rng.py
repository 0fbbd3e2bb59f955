"""`<rng>`: the backend union, rate and driver (formatdomain "Random number generator")."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.chardev import ChardevSource, ChardevType
from mapping.libvirt.devices.common import VirtioModel, VirtioOptions
from mapping.libvirt.devices.rng import (BuiltinBackend, EgdBackend, RandomBackend, Rng,
                                         RngRate)
from tests.xmlassert import assert_xml_equal

BUILT = [
    (Rng(model=VirtioModel.VIRTIO, backend=RandomBackend(path="/dev/urandom")),
     "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"),
    (Rng(model=VirtioModel.VIRTIO, rate=RngRate(bytes=123, period=1234),
         backend=BuiltinBackend(), driver=VirtioOptions(iommu=True)),
     "<rng model='virtio'><rate bytes='123' period='1234'/><backend model='builtin'/>"
     "<driver iommu='on'/></rng>"),
    (Rng(model=VirtioModel.VIRTIO_NON_TRANSITIONAL, backend=EgdBackend(
        type=ChardevType.TCP,
        sources=[ChardevSource(mode="connect", host="1.2.3.4", service="1234")],
        protocol="raw")),
     "<rng model='virtio-non-transitional'><backend model='egd' type='tcp'>"
     "<source mode='connect' host='1.2.3.4' service='1234'/><protocol type='raw'/>"
     "</backend></rng>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity(entity, xml):
    assert from_xml(xml, Rng) == entity


def test_backend_model_picks_the_class():
    rng = from_xml("<rng model='virtio'><backend model='egd' type='udp'>"
                   "<source mode='bind' service='1234'/>"
                   "<source mode='connect' host='1.2.3.4' service='1234'/>"
                   "</backend></rng>", Rng)
    assert isinstance(rng.backend, EgdBackend)
    assert rng.backend.type is ChardevType.UDP
    assert [source.mode for source in rng.backend.sources] == ["bind", "connect"]
    assert rng.model is VirtioModel.VIRTIO


def test_swapping_the_backend_rewrites_its_model():
    rng = from_xml("<rng model='virtio'><backend model='random'>/dev/random</backend></rng>",
                   Rng)
    assert rng.backend.path == "/dev/random"
    rng.backend = BuiltinBackend()
    assert_xml_equal("<rng model='virtio'><backend model='builtin'/></rng>", to_xml(rng))
