"""`<vsock>` (formatdomain "Vsock")."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.common import VirtioOptions
from mapping.libvirt.devices.common import VirtioModel
from mapping.libvirt.devices.vsock import Vsock, VsockCid
from tests.xmlassert import assert_xml_equal

BUILT = [
    (Vsock(model=VirtioModel.VIRTIO, cid=VsockCid(auto=True)),
     "<vsock model='virtio'><cid auto='yes'/></vsock>"),
    (Vsock(model=VirtioModel.VIRTIO_TRANSITIONAL, cid=VsockCid(auto=False, address=4),
           driver=VirtioOptions(iommu=True)),
     "<vsock model='virtio-transitional'><cid auto='no' address='4'/>"
     "<driver iommu='on'/></vsock>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity(entity, xml):
    assert from_xml(xml, Vsock) == entity


def test_pinning_the_cid():
    vsock = from_xml("<vsock model='virtio'><cid auto='yes' address='3'/></vsock>", Vsock)
    assert vsock.cid.auto is True and vsock.cid.address == 3
    vsock.cid = VsockCid(auto=False, address=42)
    assert_xml_equal("<vsock model='virtio'><cid auto='no' address='42'/></vsock>",
                     to_xml(vsock))
