"""The README's JSON example runs as written."""
from __future__ import annotations

from tests.test_readme import _section


def test_the_json_example_runs_as_the_readme_shows_it():
    names: dict[str, object] = {}
    exec(compile(_section("JSON"), "README.md", "exec"), names)
    assert names["disk"].address.slot == 5
