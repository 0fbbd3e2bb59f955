"""Shared fixtures: the libvirt corpus beside the project, when it is there."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus" / "libvirt"
IN_CI = os.environ.get("CI") == "true"


def corpus_files() -> list[Path]:
    """Every domain document of the shared corpus, in MANIFEST order ([] without it)."""
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    rows = manifest.read_text().splitlines()[1:]
    return [CORPUS / row.split("\t")[0] / row.split("\t")[1] for row in rows if row]


def manifest_rows() -> list[dict[str, str]]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    header, *rows = manifest.read_text().splitlines()
    names = header.split("\t")
    return [dict(zip(names, row.split("\t"))) for row in rows if row]


def run_fresh(code: str, *, path: Path | None = None,
              **env: str | None) -> tuple[object, str]:
    """Run `code` in a fresh interpreter (the project, and `path` before it, importable;
    run in `path` or the project; `env` on top of this one's, None removing a name). It
    prints a JSON value last: returned, with what the process wrote on stderr."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
        str(folder) for folder in (path, PROJECT) if folder is not None)}
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    done = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True,
                          text=True, check=True, cwd=path or PROJECT)
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


FORMATS = PROJECT.parent / "shared" / "corpus" / "libvirt-formats"


def formats_rows(roots: tuple[str, ...] | None = None) -> list[dict[str, str]]:
    """MANIFEST rows of the formats corpus (root element, schema validity, test-driver
    acceptance), those whose root is one of `roots` when given ([] without the corpus)."""
    manifest = FORMATS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    header, *rows = manifest.read_text().splitlines()
    names = header.split("\t")
    parsed = [dict(zip(names, row.split("\t"))) for row in rows if row]
    return [row for row in parsed if roots is None or row["root"] in roots]


def formats_path(row: dict[str, str]) -> Path:
    return FORMATS / row["dir"] / row["file"]


def require_formats() -> None:
    """Skip with a visible reason without the formats corpus; in CI its absence fails."""
    if formats_rows():
        return
    if IN_CI:
        pytest.fail(f"CI=true but the formats corpus is missing at {FORMATS}")
    pytest.skip(f"formats corpus not found at {FORMATS}")


def require_corpus() -> None:
    """Skip with a visible reason without the corpus; in CI its absence is a failure."""
    if corpus_files():
        return
    if IN_CI:
        pytest.fail(f"CI=true but the shared corpus is missing at {CORPUS}")
    pytest.skip(f"shared corpus not found at {CORPUS} (it sits beside the project in CI)")


@pytest.fixture
def corpus() -> list[Path]:
    require_corpus()
    return corpus_files()


@pytest.fixture(scope="session")
def qemu_conn():
    """A connection to a real libvirtd + QEMU (tests/qemu_host.py); skipped without one,
    a failure in CI."""
    from tests import qemu_host
    try:
        import libvirt  # noqa: F401
        qemu_host.start_daemons()
    except (ImportError, qemu_host.HostUnavailable) as error:
        if IN_CI:
            pytest.fail(f"CI=true but libvirtd + QEMU cannot run: {error}")
        pytest.skip(f"libvirtd + QEMU not available: {error}")
    conn = qemu_host.connect()
    yield conn
    conn.close()
