"""The one XML comparison for tests: fails with the XPath of the first difference."""
from __future__ import annotations

from typing import Any

from mapping.compare import first_difference


def assert_xml_equal(expected: Any, actual: Any) -> None:
    difference = first_difference(expected, actual)
    assert difference is None, f"XML differs at {difference}"
