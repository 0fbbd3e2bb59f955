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


# How the driver defines each kind of document (each object dumps and undefines alike).
_DEFINE = {
    "domain": lambda conn, xml: conn.defineXML(xml),
    "network": lambda conn, xml: conn.networkDefineXML(xml),
    "interface": lambda conn, xml: conn.interfaceDefineXML(xml),
    "pool": lambda conn, xml: conn.storagePoolDefineXML(xml, 0),
}


def define_and_dump(conn, xml: str, kind: str = "domain") -> str:
    """Define `xml` (a domain, network, host interface or pool) on the test driver, dump
    it back (inactive), undefine it."""
    defined = _DEFINE[kind](conn, xml)
    try:
        return defined.XMLDesc(0)
    finally:
        defined.undefine()
