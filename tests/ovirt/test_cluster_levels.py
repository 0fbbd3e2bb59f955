"""The engine's cluster-level gates (issue #23): below its level a gated field is left out
of `to_xml(compat=)`, at its level it is written."""
from __future__ import annotations

import pytest

from mapping import from_xml
from mapping.libvirt import Domain
from mapping.ovirt.compat import CLUSTER_GATES, CLUSTER_LEVELS
from mapping.ovirt.metadata import DeviceMetadata, VmMetadata
from tests.xmlassert import assert_xml_equal, to_xml


def _hyperv(extra: str) -> str:
    return f"<features><hyperv><relaxed state='on'/>{extra}</hyperv></features>"


def _disk(driver: str, source: str) -> str:
    return (f"<devices><disk type='block' device='lun'><driver name='qemu' {driver}/>"
            f"<source dev='/dev/mapper/36001405'>{source}</source>"
            "<target dev='sda' bus='scsi'/></disk></devices>")


def _mdev(attrs: str) -> str:
    return (f"<devices><hostdev mode='subsystem' type='mdev' model='vfio-pci' {attrs}>"
            "<source><address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/></source>"
            "</hostdev></devices>")


_FAMILY = "<system><entry name='family'>oVirt</entry></system>"
_BOARD = ("<baseBoard><entry name='manufacturer'>Red Hat</entry>"
          "<entry name='product'>RHEL-AV</entry></baseBoard>")

# (class, field) -> (the domain's body with the field, without it)
CASES = {
    ("HyperV", "synic"): (_hyperv("<synic state='on'/>"), _hyperv("")),
    ("HyperV", "stimer"): (_hyperv("<stimer state='on'/>"), _hyperv("")),
    ("HyperV", "reset"): (_hyperv("<reset state='on'/>"), _hyperv("")),
    ("HyperV", "vpindex"): (_hyperv("<vpindex state='on'/>"), _hyperv("")),
    ("HyperV", "runtime"): (_hyperv("<runtime state='on'/>"), _hyperv("")),
    ("HyperV", "frequencies"): (_hyperv("<frequencies state='on'/>"), _hyperv("")),
    ("HyperV", "reenlightenment"): (_hyperv("<reenlightenment state='on'/>"), _hyperv("")),
    ("HyperV", "tlbflush"): (_hyperv("<tlbflush state='on'/>"), _hyperv("")),
    ("HyperV", "ipi"): (_hyperv("<ipi state='on'/>"), _hyperv("")),
    ("Stimer", "direct"): (_hyperv("<stimer state='on'><direct state='on'/></stimer>"),
                           _hyperv("<stimer state='on'/>")),
    ("Sysinfo", "base_boards"): (f"<sysinfo type='smbios'>{_FAMILY}{_BOARD}</sysinfo>",
                                 f"<sysinfo type='smbios'>{_FAMILY}</sysinfo>"),
    ("DiskDriver", "discard_no_unref"): (_disk("discard='unmap' discard_no_unref='on'", ""),
                                         _disk("discard='unmap'", "")),
    ("SourceCommon", "reservations"): (_disk("", "<reservations managed='yes'/>"),
                                       _disk("", "")),
    ("Hostdev", "display"): (_mdev("display='on'"), _mdev("")),
    ("Hostdev", "ramfb"): (_mdev("display='on' ramfb='on'"), _mdev("display='on'")),
}
DOMAIN_GATES = [(cls, field) for cls, field in CLUSTER_LEVELS if cls is not DeviceMetadata]


def _domain(body: str) -> Domain:
    return from_xml(f"<domain type='kvm'><name>vm</name>{body}</domain>", Domain)


def _below(level: str) -> str:
    major, minor = level.split(".")
    return f"{major}.{int(minor) - 1}"


@pytest.mark.parametrize(("cls", "field"), DOMAIN_GATES,
                         ids=[f"{c.__name__}.{f}" for c, f in DOMAIN_GATES])
def test_a_gated_field_is_left_out_below_its_level_and_kept_at_it(cls, field):
    level = CLUSTER_LEVELS[(cls, field)]
    with_field, without = CASES[(cls.__name__, field)]
    domain = _domain(with_field)
    assert_xml_equal(to_xml(domain, compat=_below(level)), to_xml(_domain(without)))
    assert_xml_equal(to_xml(domain, compat=level), to_xml(domain))


@pytest.mark.parametrize(("cls", "field"), DOMAIN_GATES,
                         ids=[f"{c.__name__}.{f}" for c, f in DOMAIN_GATES])
def test_what_an_older_cluster_does_not_get_is_named_by_its_path(cls, field):
    from mapping.core import left_out
    level = CLUSTER_LEVELS[(cls, field)]
    domain = _domain(CASES[(cls.__name__, field)][0])
    below = [path.rsplit(".", 1)[-1] for path in left_out(domain, _below(level))]
    assert field in below
    assert field not in [path.rsplit(".", 1)[-1] for path in left_out(domain, level)]


def test_every_gate_has_a_case_and_names_the_engine_check():
    assert {(c.__name__, f) for c, f in DOMAIN_GATES} == set(CASES)
    assert all(check for _level, check in CLUSTER_GATES.values())


@pytest.mark.parametrize(("level", "present"), [("4.6", False), ("4.7", True)])
def test_mdev_driver_parameters_follow_the_level_in_the_vm_metadata(level, present):
    vm = VmMetadata(devices=[DeviceMetadata(devtype="hostdev",
                                            uuid="c2177883-f1bb-47f0-914d-32a22e3a8804",
                                            mdev_type="nvidia-22|compact",
                                            mdev_driver_parameters="enable_uvm=1")])
    expected = VmMetadata(devices=[DeviceMetadata(
        devtype="hostdev", uuid="c2177883-f1bb-47f0-914d-32a22e3a8804",
        mdev_type="nvidia-22|compact",
        mdev_driver_parameters="enable_uvm=1" if present else None)])
    assert_xml_equal(to_xml(vm, compat=level), to_xml(expected))


def test_the_levels_are_those_of_the_engine():
    # a sample read off FeatureSupported and 0000_config.sql, so a slip in the table shows
    hyperv = {f: lv for (c, f), lv in CLUSTER_LEVELS.items() if c.__name__ == "HyperV"}
    assert (hyperv["synic"], hyperv["stimer"], hyperv["reset"], hyperv["ipi"]) == (
        "4.3", "4.3", "4.4", "4.7")
    assert {f: lv for (c, f), lv in CLUSTER_LEVELS.items() if c.__name__ != "HyperV"} == {
        "direct": "4.7", "base_boards": "4.4", "discard_no_unref": "4.8",
        "reservations": "4.3", "display": "4.3", "ramfb": "4.5",
        "mdev_driver_parameters": "4.7"}
