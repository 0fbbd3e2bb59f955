"""Cluster compatibility levels: to_xml(compat=) leaves out what an older cluster lacks."""
from __future__ import annotations

import pytest

import mapping.ovirt  # noqa: F401  (registers the levels)
from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt import Domain
from mapping.libvirt.features import Features, HyperV, State, Stimer, TlbFlush

ON = State(state=True)
WINDOWS = Domain(name="win", features=Features(hyperv=HyperV(
    relaxed=ON, vapic=ON, synic=ON, stimer=Stimer(state=True, direct=ON), reset=ON,
    vpindex=ON, runtime=ON, frequencies=ON, reenlightenment=ON,
    tlbflush=TlbFlush(state=True), ipi=ON)))


@pytest.mark.parametrize(("level", "present", "absent"), [
    # (synic and stimer from 4.3: the engine's HyperVSynicStimerSupported)
    ("4.2", {"relaxed", "vapic"},
     {"synic", "stimer", "reset", "vpindex", "runtime", "frequencies", "reenlightenment",
      "tlbflush", "ipi", "direct"}),
    ("4.3", {"synic", "stimer"}, {"reset", "ipi", "direct"}),
    ("4.4", {"reset", "vpindex", "tlbflush", "stimer"}, {"ipi", "direct"}),
    ("4.7", {"ipi", "direct", "reset"}, set()),
])
def test_hyperv_enlightenments_follow_the_cluster_level(level, present, absent):
    xml = to_xml(WINDOWS, compat=level)
    for name in present:
        assert f"<{name} " in xml
    for name in absent:
        assert f"<{name} " not in xml


def test_parsing_accepts_everything_whatever_the_level():
    assert from_xml(to_xml(WINDOWS)) == WINDOWS
