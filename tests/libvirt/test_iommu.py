"""`<iommu>` (formatdomain "IOMMU devices")."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.iommu import Iommu, IommuDriver, IommuModel
from tests.xmlassert import assert_xml_equal

BUILT = [
    (Iommu(model=IommuModel.SMMUV3), "<iommu model='smmuv3'/>"),
    (Iommu(model=IommuModel.INTEL, driver=IommuDriver(intremap=True, caching_mode=True,
                                                      eim=False, iotlb=True, aw_bits=48)),
     "<iommu model='intel'><driver intremap='on' caching_mode='on' eim='off' iotlb='on' "
     "aw_bits='48'/></iommu>"),
    (Iommu(model=IommuModel.INTEL, driver=IommuDriver(dma_translation=False)),
     "<iommu model='intel'><driver dma_translation='off'/></iommu>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity(entity, xml):
    assert from_xml(xml, Iommu) == entity


def test_switching_interrupt_remapping_off():
    iommu = from_xml("<iommu model='intel'><driver intremap='on' aw_bits='39'/></iommu>",
                     Iommu)
    assert iommu.model is IommuModel.INTEL and iommu.driver.aw_bits == 39
    iommu.driver.intremap = False
    assert_xml_equal("<iommu model='intel'><driver intremap='off' aw_bits='39'/></iommu>",
                     to_xml(iommu))
