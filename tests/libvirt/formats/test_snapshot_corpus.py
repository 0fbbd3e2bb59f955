"""libvirt's own `<domainsnapshot>`, `<domaincheckpoint>` and `<domainbackup>` documents:
each parses into its class (a snapshot's domain as a `Domain`), comes back losslessly, and
is typed throughout (issue #21)."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.core import parse_document
from mapping.coverage import measure, occurrences
from mapping.libvirt import Domain, DomainBackup, DomainCheckpoint, DomainSnapshot
from mapping.libvirt.devices.disk_source import BlockSource, FileSource
from mapping.libvirt.snapshot import SnapshotMode
from tests.conftest import formats_path, formats_rows, require_formats

CLASSES = {"domainsnapshot": DomainSnapshot, "domaincheckpoint": DomainCheckpoint,
           "domainbackup": DomainBackup}
ROWS = formats_rows(tuple(CLASSES))
VALID = [row for row in ROWS if row["libvirt_rng"] == "valid"]


def _params(rows):
    return pytest.mark.parametrize(
        "row", rows or [None], ids=[f"{r['dir']}/{r['file']}" for r in rows] or ["no-corpus"])


@pytest.mark.corpus
def test_the_corpus_has_every_root():
    require_formats()
    counts = {root: sum(row["root"] == root for row in ROWS) for root in CLASSES}
    assert counts["domainsnapshot"] >= 25 and counts["domaincheckpoint"] >= 10, counts
    assert counts["domainbackup"] >= 15, counts


@pytest.mark.corpus
@_params(VALID)
def test_a_schema_valid_document_is_typed_throughout(row):
    """The typed-only rebuild keeps every element and attribute (comments aside)."""
    require_formats()
    data = formats_path(row).read_bytes()
    typed_only = parse_document(to_xml(from_xml(data, unknown="ignore")))
    assert occurrences(typed_only) == occurrences(parse_document(data))


@pytest.mark.corpus
def test_typed_share_per_format():
    """All of each schema-valid document is typed. In the others, what is not typed is
    libvirt's private status data (`<privateData>`) or a snapshot's `<active>` put in a
    checkpoint."""
    require_formats()
    for root in CLASSES:
        rows = formats_rows((root,))
        valid = measure([formats_path(row) for row in rows if row in VALID])
        every = measure([formats_path(row) for row in rows])
        assert not every.errors, every.errors
        assert valid.share == 1.0, (root, valid.untyped.most_common(5))
        untyped = {place for _, place in every.untyped}
        assert all(place.startswith(f"{root}/privateData") or place == "domaincheckpoint/active"
                   for place in untyped), untyped


def test_a_snapshot_carries_the_domain_as_it_was():
    snapshot = from_xml(
        "<domainsnapshot><name>before-upgrade</name><state>running</state>"
        "<parent><name>base</name></parent><creationTime>1700000000</creationTime>"
        "<memory snapshot='external' file='/var/lib/snap/mem'/>"
        "<disks><disk name='vda' snapshot='external' type='file'>"
        "<driver type='qcow2'/><source file='/var/lib/snap/vda.qcow2'/></disk>"
        "<disk name='vdb' snapshot='no'/></disks>"
        "<domain type='kvm'><name>vm</name><uuid>9d37b878-a7cc-9f9a-b78f-49b3abad25a8</uuid>"
        "</domain><active>1</active></domainsnapshot>")
    assert isinstance(snapshot, DomainSnapshot)
    assert (snapshot.name, snapshot.parent, snapshot.creation_time) == (
        "before-upgrade", "base", 1700000000)
    assert snapshot.memory.snapshot is SnapshotMode.EXTERNAL
    vda, vdb = snapshot.disks.disks
    assert vda.source.file == "/var/lib/snap/vda.qcow2" and vda.driver.type == "qcow2"
    assert vdb.snapshot is SnapshotMode.NO and vdb.source is None
    assert isinstance(snapshot.domain, Domain) and snapshot.domain.name == "vm"
    assert snapshot.active is True
    assert from_xml(to_xml(snapshot)) == snapshot


def test_a_checkpoint_names_its_bitmaps():
    checkpoint = from_xml("<domaincheckpoint><name>c1</name><disks>"
                          "<disk name='vda' checkpoint='bitmap' bitmap='c1' size='1048576'/>"
                          "<disk name='vdb' checkpoint='no'/></disks></domaincheckpoint>")
    assert isinstance(checkpoint, DomainCheckpoint)
    assert [(d.name, d.checkpoint, d.bitmap, d.size) for d in checkpoint.disks.disks] == [
        ("vda", "bitmap", "c1", 1048576), ("vdb", "no", None, None)]
    assert from_xml(to_xml(checkpoint)) == checkpoint


def test_a_push_backup_writes_each_disk_to_its_target():
    backup = from_xml("<domainbackup mode='push'><incremental>c1</incremental><disks>"
                      "<disk name='vda' backup='yes' type='file'>"
                      "<target file='/backup/vda.qcow2'/><driver type='qcow2'/></disk>"
                      "<disk name='vdb' backup='yes' type='block'><target dev='/dev/vg/b'/>"
                      "</disk><disk name='vdc' backup='no'/></disks></domainbackup>")
    assert isinstance(backup, DomainBackup) and backup.incremental == "c1"
    vda, vdb, vdc = backup.disks.disks
    assert isinstance(vda.target, FileSource) and vda.target.file == "/backup/vda.qcow2"
    assert isinstance(vdb.target, BlockSource) and vdb.target.dev == "/dev/vg/b"
    assert vdc.backup is False and vdc.target is None
    assert from_xml(to_xml(backup)) == backup


def test_a_pull_backup_serves_its_disks_over_nbd():
    backup = from_xml("<domainbackup mode='pull'><server transport='tcp' name='localhost' "
                      "port='10809'/><disks><disk name='vda' backup='yes' type='file' "
                      "exportname='vda' exportbitmap='c1'><scratch file='/tmp/s.qcow2'/>"
                      "</disk></disks></domainbackup>")
    assert (backup.server.transport, backup.server.port) == ("tcp", 10809)
    (disk,) = backup.disks.disks
    assert disk.scratch.file == "/tmp/s.qcow2" and disk.exportbitmap == "c1"
    assert disk.target is None
    assert from_xml(to_xml(backup)) == backup
