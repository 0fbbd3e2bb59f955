"""The one XML comparison for tests, and the writer as the tests check it."""
from __future__ import annotations

from typing import Any

import mapping
from mapping.compare import first_difference


def assert_xml_equal(expected: Any, actual: Any) -> None:
    difference = first_difference(expected, actual)
    assert difference is None, f"XML differs at {difference}"


def to_xml(entity: Any, **options: Any) -> str:
    """`mapping.to_xml` in libvirt's style unless a test asks for another: an entity read
    from a document would otherwise come back as that document's text, and a test of
    what the model keeps would prove nothing (tests/test_byte_faithful.py tests that)."""
    options.setdefault("style", "libvirt")
    return mapping.to_xml(entity, **options)
