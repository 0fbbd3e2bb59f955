"""Hostile input to validation, every format and the engine's documents alike: problems
with a place, never an exception from inside, quickly, from several threads at once."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from mapping import validate
from tests.test_hostile import BILLION_LAUGHS

HOSTILE = {
    "billion laughs": BILLION_LAUGHS,
    "network entity": BILLION_LAUGHS.replace("domain", "network"),
    "external entity": ('<!DOCTYPE secret [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        "<secret><description>&x;</description></secret>"),
    "deep": "<pool type='dir'>" + "<a>" * 5000 + "</a>" * 5000 + "</pool>",
    "unclosed": "<filter name='x'><rule action='accept'",
    "placeholder where none stands": "<domain type='kvm'><vcpu>LEASE-OFFSET:a:b</vcpu></domain>",
}


@pytest.mark.parametrize("engine", [False, True])
@pytest.mark.parametrize("against", ["model", "libvirt"])
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_documents_are_problems_with_a_place(name, against, engine):
    started = time.perf_counter()
    problems = validate(HOSTILE[name], against=against, engine=engine)
    assert problems and all(problem.message for problem in problems), name
    assert time.perf_counter() - started < 20


def test_many_threads_validating_documents_of_every_kind_agree():
    documents = [
        "<network><name>n</name><bridge name='br0' stp='maybe'/></network>",
        "<pool type='dir'><name>p</name><target><path>/p</path></target></pool>",
        "<domain type='kvm'><name>a</name><memory>1</memory><devices><lease><lockspace>s"
        "</lockspace><key>k</key><target path='LEASE-PATH:k:s' offset='LEASE-OFFSET:k:s'/>"
        "</lease></devices></domain>",
        *HOSTILE.values(),
    ]
    expected = [[str(p) for p in validate(d, engine=True)] for d in documents]
    with ThreadPoolExecutor(max_workers=8) as pool:
        runs = list(pool.map(lambda d: [str(p) for p in validate(d, engine=True)],
                             documents * 8))
    assert runs == expected * 8
