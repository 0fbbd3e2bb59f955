"""Time from_xml / to_xml on documents large in one way only, against lxml's parse.

    python benchmarks/bench_shapes.py [--sizes 1000,4000,16000] [--only WORD]

The shapes are tests/core/test_input_limits.SHAPES (prolog nodes, attributes, siblings,
depth, long text and values, namespace declarations, long names, ...). For each shape
and size it prints the document's size, lxml's `fromstring` time, from_xml's and to_xml's
times and their ratios to lxml's. Time should grow as the size does (the ratio to lxml
stays about the same across sizes); it asserts nothing. A document refused with a
ParseError shows `refused` in place of to_xml. Wall time: on a busy machine, compare
the ratios of one run only.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def best_of(action, repeat: int) -> float:
    """The fastest of `repeat` runs, each from the writers' caches emptied (a repeated
    run would otherwise find every kept element's text made already)."""
    from mapping.core import _writer

    best = float("inf")
    for _ in range(repeat):
        for cached in vars(_writer).values():
            getattr(cached, "cache_clear", lambda: None)()
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000,16000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="shapes whose name contains this")
    args = parser.parse_args()

    from lxml import etree

    from mapping import ParseError, from_xml, to_xml
    from mapping.core import safe_parser
    from tests.core.test_input_limits import SHAPES

    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{'shape':34} {'n':>6} {'bytes':>9} {'lxml ms':>8} {'from_xml':>9} {'x':>6}"
          f" {'to_xml':>9} {'x':>6}")
    for name, build in SHAPES.items():
        if args.only not in name:
            continue
        for size in sizes:
            document = build(size)
            data = document.encode()
            lxml_s = best_of(lambda: etree.fromstring(data, safe_parser()), args.repeat)
            try:
                entity = from_xml(document)
            except ParseError:
                entity = None
            from_s = best_of(lambda: _quiet(from_xml, document), args.repeat)
            if entity is None:
                to_text = f"{'refused':>9} {'':>6}"
            else:
                to_s = best_of(lambda: to_xml(entity), args.repeat)
                to_text = f"{to_s * 1e3:9.2f} {to_s / lxml_s:6.1f}"
            print(f"{name:34} {size:6} {len(data):9} {lxml_s * 1e3:8.2f} {from_s * 1e3:9.2f}"
                  f" {from_s / lxml_s:6.1f} {to_text}", flush=True)


def _quiet(action, *args):
    from mapping import ParseError

    try:
        return action(*args)
    except ParseError:
        return None


if __name__ == "__main__":
    main()
