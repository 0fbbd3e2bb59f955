"""`<filterbinding>`: a network filter bound to a guest interface's host port."""
from __future__ import annotations

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt import FilterBinding
from mapping.libvirt.devices.interface import FilterParameter, FilterRef
from mapping.libvirt.filterbinding import BindingOwner


def test_a_binding_built_in_code_writes_what_libvirt_takes_and_reads_back():
    binding = FilterBinding(
        owner=BindingOwner(name="vm1", uuid="d54df46f-1ab5-4a22-8618-4560ef5fac2c"),
        portdev="vnet0", mac="52:54:00:7b:35:93",
        filterref=FilterRef(filter="clean-traffic",
                            parameters=[FilterParameter(name="IP", value="192.0.2.10")]))
    written = to_xml(binding, pretty=False)
    assert written == (
        "<filterbinding><owner><name>vm1</name><uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c"
        "</uuid></owner><portdev name='vnet0'/><mac address='52:54:00:7b:35:93'/>"
        "<filterref filter='clean-traffic'><parameter name='IP' value='192.0.2.10'/>"
        "</filterref></filterbinding>")
    assert from_xml(written) == binding   # the root picks FilterBinding
