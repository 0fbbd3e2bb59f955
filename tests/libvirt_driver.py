"""libvirt itself, as the judge of what our XML means (the in-process test driver)."""
from __future__ import annotations

import pytest

from tests.conftest import IN_CI


def open_test_driver():
    """A `test:///default` connection, or a skip (a failure in CI) without libvirt."""
    try:
        import libvirt
    except ImportError:
        if IN_CI:
            pytest.fail("CI=true but libvirt-python is not installed")
        pytest.skip("libvirt-python is not installed (pip install -e '.[libvirt]')")
    libvirt.registerErrorHandler(lambda *_: None, None)   # errors come back as exceptions
    return libvirt.open("test:///default")


def define_and_dump(conn, xml: str) -> str:
    """Define `xml` on the test driver, dump it back (inactive), undefine it."""
    domain = conn.defineXML(xml)
    try:
        return domain.XMLDesc(0)
    finally:
        domain.undefine()
