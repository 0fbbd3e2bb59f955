"""`diff_domains`: devices paired by the identity their classes declare."""
from __future__ import annotations

from mapping import from_xml
from mapping.diff import diff_domains

DISK_A = """<disk type='file' device='disk'><driver name='qemu' cache='none'/>
    <source file='/a.img'/><target dev='vda' bus='virtio'/></disk>"""
DISK_B = "<disk type='file' device='disk'><source file='/b.img'/><target dev='vdb'/></disk>"


def _domain(*disks: str) -> str:
    return ("<domain type='kvm'><name>vm</name><memory unit='KiB'>1048576</memory>"
            f"<devices>{''.join(disks)}</devices></domain>")


def test_domain_diff_pairs_devices_whatever_their_order():
    before = from_xml(_domain(DISK_A, DISK_B))
    after = from_xml(_domain(DISK_B, DISK_A.replace("cache='none'", "cache='writeback'")))
    changes = [str(change) for change in diff_domains(before, after)]
    assert len(changes) == 1 and changes[0].endswith("driver.cache: none -> writeback")


def test_domain_diff_lists_added_and_removed_devices():
    before = from_xml(_domain(DISK_A))
    after = from_xml(_domain(DISK_A, DISK_B))
    changes = [str(change) for change in diff_domains(before, after)]
    assert changes == ["disk vdb: added <disk type='file' device='disk'>"
                       "<source file='/b.img'/><target dev='vdb'/></disk>"]
