"""JSON against XML, on the same entities: `to_dict` against `to_xml`, `from_dict` against
`from_xml` (issue #24 asks for each within 2x).

    python benchmarks/bench_json.py [--repeat N]

Two sets: every document of the shared corpus that maps, and a running domain of
roundtrip_corpus (libvirt's dump of a started VM, 17 devices). Each action runs over
the set in one process, alternating, and the best of `repeat` rounds of CPU time is
kept; the printed ratios are JSON / XML. `to_xml` writes the writer's own text
(style="libvirt"), `from_dict` takes the dict `to_dict` made (json.dumps and json.loads
of it are shown apart). It asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

from bench_unknown import best  # noqa: E402  (the same CPU-time loop)


def _sets() -> dict[str, list[bytes]]:
    from mapping import from_xml
    corpus = PROJECT.parent / "shared" / "corpus" / "libvirt"
    documents = []
    for path in sorted(corpus.rglob("*.xml")):
        data = path.read_bytes()
        try:
            from_xml(data)
        except Exception:   # (a document the model refuses is not this benchmark's subject)
            continue
        documents.append(data)
    running = sorted((PROJECT / "roundtrip_corpus" / "running").glob("*.xml"))
    return {f"shared corpus ({len(documents)} documents)": documents,
            f"running domain ({running[0].name}, x50)": [running[0].read_bytes()] * 50}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import mapping.libvirt as libvirt  # noqa: F401  (registers the roots)
    from mapping import from_dict, from_xml, to_dict, to_xml

    for name, documents in _sets().items():
        entities = [from_xml(data) for data in documents]
        dicts = [to_dict(entity) for entity in entities]
        texts = [json.dumps(data) for data in dicts]
        pairs = list(zip(dicts, [type(entity) for entity in entities]))
        actions = {
            "to_xml": (lambda entity: to_xml(entity, style="libvirt"), entities),
            "to_dict": (to_dict, entities),
            "json.dumps": (json.dumps, dicts),
            "from_xml": (from_xml, documents),
            "from_dict": (lambda pair: from_dict(*pair), pairs),
            "json.loads": (json.loads, texts),
        }
        timings: dict[str, float] = {}
        for _ in range(args.repeat):   # alternating, so drift touches every action alike
            for action, (function, items) in actions.items():
                spent = best(function, items, 1)
                timings[action] = min(timings.get(action, spent), spent)
        print(f"{name}: best of {args.repeat}, CPU ms")
        for json_action, xml_action in (("to_dict", "to_xml"), ("from_dict", "from_xml")):
            ratio = timings[json_action] / timings[xml_action]
            print(f"  {json_action:9} {timings[json_action] * 1000:8.1f}   {xml_action:8} "
                  f"{timings[xml_action] * 1000:8.1f}   ratio {ratio:.2f}x")
        print(f"  (json.dumps {timings['json.dumps'] * 1000:.1f}, "
              f"json.loads {timings['json.loads'] * 1000:.1f})")


if __name__ == "__main__":
    main()
