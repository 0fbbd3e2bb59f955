"""The contract on mutated snapshot, checkpoint, backup, filter-binding and device
documents, and on hot-plug payloads: a `MappingError`, or an entity that writes the
document back losslessly and survives JSON (the mutations of test_network_fuzz)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import formats_path, formats_rows
from tests.libvirt.formats.test_network_fuzz import SETTINGS, _mutate, refused_or_kept
from tests.ovirt.test_hotplug import ENGINE_DISK, ENGINE_NIC

ROOTS = ("domainsnapshot", "domaincheckpoint", "domainbackup", "filterbinding", "disk",
         "graphics", "watchdog", "shmem", "channel", "hostdev", "console")
SEEDS = [formats_path(row).read_bytes() for row in formats_rows(ROOTS)[::3]]
SEEDS += [ENGINE_DISK.encode(), ENGINE_NIC.encode()]


@pytest.mark.corpus
@SETTINGS
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_document_is_refused_or_kept_losslessly(seed, choice):
    import mapping.ovirt  # noqa: F401  (registers <hotplug>)

    refused_or_kept(_mutate(seed, choice))
