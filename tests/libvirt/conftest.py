"""Fixtures of the libvirt model's tests."""
from __future__ import annotations

import pytest

from tests.libvirt_driver import open_test_driver


@pytest.fixture(scope="module")
def conn():
    """libvirt's in-process test driver (`test:///default`), one per test module."""
    connection = open_test_driver()
    yield connection
    connection.close()
