"""`<crypto>` (formatdomain "Crypto")."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.crypto import Crypto, CryptoBackend, CryptoBackendModel, CryptoType
from mapping.libvirt.devices.common import VirtioModel
from tests.xmlassert import assert_xml_equal

BUILT = [
    (Crypto(model=VirtioModel.VIRTIO, type=CryptoType.QEMU,
            backend=CryptoBackend(model=CryptoBackendModel.BUILTIN, queues=1)),
     "<crypto model='virtio' type='qemu'><backend model='builtin' queues='1'/></crypto>"),
    (Crypto(model=VirtioModel.VIRTIO, type=CryptoType.QEMU,
            backend=CryptoBackend(model=CryptoBackendModel.LKCF)),
     "<crypto model='virtio' type='qemu'><backend model='lkcf'/></crypto>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity(entity, xml):
    assert from_xml(xml, Crypto) == entity


def test_more_queues():
    crypto = from_xml("<crypto model='virtio' type='qemu'><backend model='builtin' "
                      "queues='1'/></crypto>", Crypto)
    assert crypto.backend.model is CryptoBackendModel.BUILTIN
    crypto.backend.queues = 4
    assert_xml_equal("<crypto model='virtio' type='qemu'><backend model='builtin' "
                     "queues='4'/></crypto>", to_xml(crypto))
