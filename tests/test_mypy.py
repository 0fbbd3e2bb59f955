"""The package as a type checker sees it (issue #19): `mypy` with the project's config
(strict) finds nothing in it; a user's script that builds, edits and round-trips a
domain passes, and runs; a copy of that script with one mistake in it fails, naming the
line of the mistake.

The copies are made here from the script by replacing one piece of text, so the script
and its mistaken copies cannot drift apart. mypy runs in a subprocess from the project's
folder, which puts this checkout's `mapping` first on its path (before any installed
copy); its cache lives in a temporary folder for this module's runs.
"""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import IN_CI, PROJECT

SCRIPT = PROJECT / "tests" / "typing_cases" / "build_vm.py"

# name -> (text of the script, what replaces it, what mypy says of it)
MISTAKES = {
    "int-for-target-dev": ("DiskTarget(dev=dev,", "DiskTarget(dev=5,",
                           'Argument "dev" to "DiskTarget" has incompatible type "int"'),
    "misspelt-constructor-field": ("Features(acpi=True)", "Features(acpii=True)",
                                   'Unexpected keyword argument "acpii" for "Features"'),
    "misspelt-attribute": ("first.driver.cache = ", "first.driver.cahce = ",
                           '"DiskDriver" has no attribute "cahce"'),
}

_ERROR = re.compile(r"(?P<path>.+?):(?P<line>\d+): error: (?P<message>.*)")


def _require_mypy() -> None:
    if importlib.util.find_spec("mypy") is not None:
        return
    if IN_CI:
        pytest.fail("CI=true but mypy is not installed (the `test` extra brings it)")
    pytest.skip("mypy is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_mypy()
    return tmp_path_factory.mktemp("mypy-cache")


def _mypy(*targets: Path | str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MYPYPATH": str(PROJECT)}
    env.pop("MYPY_FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(PROJECT / "pyproject.toml"),
         "--cache-dir", str(cache), *map(str, targets)],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)


def test_the_config_is_strict() -> None:
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert config["strict"] is True
    assert config["files"] == ["mapping"]


def test_the_package_passes_mypy(cache: Path) -> None:
    result = _mypy("mapping", cache=cache)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found"), result.stdout


def _line_of(text: str) -> int:
    lines = [number for number, line in enumerate(SCRIPT.read_text().splitlines(), 1)
             if text in line]
    assert len(lines) == 1, f"{text!r} should stand on one line of {SCRIPT.name}: {lines}"
    return lines[0]


@pytest.fixture(scope="module")
def checked(cache: Path, tmp_path_factory: pytest.TempPathFactory
            ) -> dict[str, list[tuple[int, str]]]:
    """One mypy run over the script and each mistaken copy: the errors, by case ("" for
    the script itself)."""
    folder = tmp_path_factory.mktemp("typing-cases")
    source = SCRIPT.read_text()
    files = {str(SCRIPT.resolve()): ""}
    for name, (text, wrong, _) in MISTAKES.items():
        assert source.count(text) == 1, f"{text!r} should stand once in {SCRIPT.name}"
        copy = folder / f"{name.replace('-', '_')}.py"
        copy.write_text(source.replace(text, wrong))
        files[str(copy.resolve())] = name
    result = _mypy(*files, cache=cache)
    assert "error: INTERNAL ERROR" not in result.stderr, result.stderr
    errors: dict[str, list[tuple[int, str]]] = {case: [] for case in files.values()}
    for line in result.stdout.splitlines():
        match = _ERROR.fullmatch(line)
        if match is not None:
            path = str((PROJECT / match["path"]).resolve())
            assert path in files, f"an error outside the cases: {line}"
            errors[files[path]].append((int(match["line"]), match["message"]))
    return errors


def test_a_script_that_builds_edits_and_reads_a_domain_passes(
        checked: dict[str, list[tuple[int, str]]]) -> None:
    assert checked[""] == []


@pytest.mark.parametrize("name", MISTAKES)
def test_a_copy_with_one_wrong_type_fails_at_its_line(
        checked: dict[str, list[tuple[int, str]]], name: str) -> None:
    text, _, said = MISTAKES[name]
    found = checked[name]
    assert found, f"mypy accepted the copy with {name}"
    assert [line for line, _ in found] == [_line_of(text)] * len(found), found
    assert any(said in message for _, message in found), found


def test_the_script_runs(tmp_path: Path) -> None:
    # (the checkout's `mapping`, as mypy checked it; generated code cached aside)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])),
        "DOMXML_CODE_CACHE": str(tmp_path)}
    result = subprocess.run([sys.executable, str(SCRIPT)], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"typed-vm: \d+ lines of XML\n", result.stdout), result.stdout
