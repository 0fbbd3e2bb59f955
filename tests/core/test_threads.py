"""Concurrent first use: threads that start mapping at once get what one thread gets.

Each run is a fresh interpreter (nothing compiled yet), because the failure this guards
against happens only on first use: a plan seen by another thread before it was complete,
and readers or writers generated from it and cached for the life of the process.
"""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest

from mapping import ModelError, attr, child, element
from mapping.core import plan_for

from tests.conftest import PROJECT, corpus_files, formats_path, formats_rows

THREADS = 8
RUNS = 3


def _documents() -> list[str]:
    corpus = corpus_files()
    if corpus:
        # A spread over every directory of the corpus, and over the other formats: many
        # classes compiled at once.
        formats = formats_rows(("network", "networkport", "secret", "pool", "volume",
                                "storagepoolCapabilities", "domainsnapshot",
                                "domaincheckpoint", "domainbackup", "filterbinding",
                                "disk", "graphics", "watchdog", "shmem", "channel",
                                "capabilities", "domainCapabilities", "device", "filter",
                                "interface"))
        return ([str(path) for path in corpus[::24]]
                + [str(formats_path(row)) for row in formats[::6]])
    return [str(path) for path in sorted((PROJECT / "examples").glob("*.xml"))
            + sorted((PROJECT / "roundtrip_corpus").rglob("*.xml"))]


def _run(mode: str, files: list[str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.core.thread_worker", mode, str(THREADS), *files],
        cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def reference() -> tuple[list[str], dict]:
    files = _documents()
    return files, _run("single", files)["first"]


@pytest.mark.parametrize("run", range(RUNS))
def test_threads_starting_at_once_map_as_one_thread_does(reference, run):
    files, expected = reference
    got = _run("threads", files)
    wrong = sorted(name for name in files if got["first"][name] != expected[name])
    assert not wrong, f"{len(wrong)} of {len(files)} differ under threads, e.g. {wrong[:3]}"
    # What the threads compiled and cached serves every later call too.
    stale = sorted(name for name in files if got["after"][name] != expected[name])
    assert not stale, f"{len(stale)} of {len(files)} differ after the threads, e.g. {stale[:3]}"


@element("good")
class Good:
    name: str | None = attr("name")


@element("bad")
class Bad:
    good: Good | None = child("good")
    nothing: object = dataclasses.field(default=None)   # no mapping: a ModelError


def test_a_class_that_fails_to_compile_leaves_other_plans_alone():
    good = plan_for(Good)
    with pytest.raises(ModelError, match="Bad.nothing"):
        plan_for(Bad)
    assert plan_for(Good) is good
    with pytest.raises(ModelError, match="Bad.nothing"):   # again, not a half-built plan
        plan_for(Bad)
