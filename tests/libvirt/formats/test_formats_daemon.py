"""A real libvirtd's own XML of the other formats parses with `unknown="error"` and
writes back losslessly (issue #21, "Real libvirt"): the host's capabilities, QEMU's
domain capabilities, every node device of this machine, a dir pool and a volume in it,
and a snapshot of a running TCG domain.

Names are made unique per process: other test runs may share the daemon.
"""
from __future__ import annotations

import os
import tempfile

import pytest

from mapping import from_xml
from mapping.compare import first_difference
from mapping.libvirt import (Capabilities, DomainCapabilities, DomainSnapshot, NodeDevice,
                             Pool, Volume)
from tests import qemu_host
from tests.libvirt.test_running_domain import DOMAIN
from tests.xmlassert import to_xml

pytestmark = [pytest.mark.qemu, pytest.mark.libvirt]

TAG = f"mapping-formats-{os.getpid()}"


def _typed_and_lossless(xml: str, cls: type):
    entity = from_xml(xml, unknown="error")
    assert type(entity) is cls
    assert first_difference(xml, to_xml(entity)) is None
    return entity


def test_host_capabilities(qemu_conn):
    caps = _typed_and_lossless(qemu_conn.getCapabilities(), Capabilities)
    assert caps.host.cpu.arch and caps.guests


def test_domain_capabilities_of_qemu(qemu_conn):
    xml = qemu_conn.getDomainCapabilities(None, "x86_64", None, "qemu", 0)
    caps = _typed_and_lossless(xml, DomainCapabilities)
    assert caps.domain == "qemu" and caps.devices is not None


def test_every_node_device_of_this_machine(qemu_conn):
    devices = qemu_conn.listAllDevices(0)
    assert devices   # (at least the computer itself)
    kinds = set()
    for device in devices:
        entity = _typed_and_lossless(device.XMLDesc(0), NodeDevice)
        kinds.update(type(cap).__name__ for cap in entity.capabilities)
    assert "SystemCapability" in kinds


def test_a_dir_pool_and_a_volume_in_it(qemu_conn):
    folder = tempfile.mkdtemp(prefix="mapping-pool-")
    pool = qemu_conn.storagePoolDefineXML(
        f"<pool type='dir'><name>{TAG}</name><target><path>{folder}</path></target></pool>")
    try:
        pool.create()
        volume = pool.createXML(
            "<volume><name>disk.qcow2</name><capacity unit='MiB'>16</capacity>"
            "<target><format type='qcow2'/></target></volume>")
        try:
            entity = _typed_and_lossless(volume.XMLDesc(0), Volume)
            assert entity.capacity.bytes == 16 * 1024 * 1024
            live = _typed_and_lossless(pool.XMLDesc(0), Pool)
            assert live.target.path == folder
        finally:
            volume.delete()
    finally:
        if pool.isActive():
            pool.destroy()
        pool.undefine()
        os.rmdir(folder)


def test_a_snapshot_of_a_running_tcg_domain(qemu_conn, tmp_path):
    import libvirt
    disk = qemu_host.make_disk(tmp_path / "vda.qcow2")
    domain = qemu_conn.defineXML(DOMAIN.format(name=TAG, disk=disk))
    try:
        domain.create()
        snapshot = domain.snapshotCreateXML(
            "<domainsnapshot><name>s1</name><description>mapping test</description>"
            "</domainsnapshot>", libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY)
        try:
            entity = _typed_and_lossless(snapshot.getXMLDesc(0), DomainSnapshot)
            assert entity.name == "s1" and entity.domain.name == TAG
        finally:
            snapshot.delete(libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY)
    finally:
        if domain.isActive():
            domain.destroy()
        domain.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
