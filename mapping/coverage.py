"""How much of a document lands in typed fields.

A document is parsed with `unknown="ignore"` and written back; every element and
attribute occurrence of the original that the rebuild still has is typed. Occurrences
are counted by their path of local names (`domain/devices/disk/source/@file`), so the
figure is a share of occurrences, and what is missing is listed by path.

    python -m mapping.coverage DIR_OR_FILE... [--scope devices|outside|all] [--top N]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import from_xml, to_xml
from .core.xmlio import parse_document


def occurrences(root: etree._Element) -> Counter[str]:
    """Element and attribute occurrences of a tree, by path of local names."""
    counts: Counter[str] = Counter()

    def walk(node: etree._Element, prefix: str) -> None:
        here = f"{prefix}/{etree.QName(node).localname}" if prefix else etree.QName(node).localname
        counts[here] += 1
        for name in node.attrib:
            counts[f"{here}/@{etree.QName(name).localname}"] += 1
        for item in node:
            if isinstance(item.tag, str):
                walk(item, here)

    walk(root, "")
    return counts


def in_scope(occurrence: str, scope: str) -> bool:
    inside = occurrence.startswith("domain/devices/") or occurrence == "domain/devices"
    if scope == "devices":
        return inside and occurrence != "domain/devices"
    if scope == "outside":
        return not inside or occurrence == "domain/devices"
    return True


@dataclass
class ShareReport:
    """Typed and total occurrences, and what was not typed, by group (e.g. directory)."""

    total: int = 0
    typed: int = 0
    untyped: Counter[tuple[str, str]] = field(default_factory=Counter)   # (group, path)
    by_group: dict[str, list[int]] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.typed / self.total if self.total else 1.0

    def add(self, group: str, original: Counter[str], rebuilt: Counter[str],
            scope: str) -> None:
        counts = self.by_group.setdefault(group, [0, 0])
        for occurrence, count in original.items():
            if not in_scope(occurrence, scope):
                continue
            kept = min(count, rebuilt.get(occurrence, 0))
            self.total += count
            self.typed += kept
            counts[0] += count
            counts[1] += kept
            if kept < count:
                self.untyped[(group, occurrence)] += count - kept


def measure(files: Iterable[Path], scope: str = "all") -> ShareReport:
    report = ShareReport()
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as err:   # a missing or unreadable file is its own line
            report.errors.append((str(path), err.strerror or type(err).__name__))
            continue
        try:
            original = occurrences(parse_document(data))
            rebuilt = occurrences(parse_document(to_xml(from_xml(data, unknown="ignore"))))
        except Exception as err:  # a report lists every failure instead of stopping
            report.errors.append((str(path), f"{type(err).__name__}: {err}"))
            continue
        report.add(path.parent.name, original, rebuilt, scope)
    return report


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found += sorted(path.rglob("*.xml")) if path.is_dir() else [path]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mapping.coverage", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--scope", choices=("all", "devices", "outside"), default="all")
    parser.add_argument("--top", type=int, default=40, help="untyped paths to list")
    args = parser.parse_args(argv)
    report = measure(_files(args.paths), args.scope)
    print(f"typed: {report.typed}/{report.total} occurrences = {report.share:.4%} "
          f"(scope {args.scope})")
    for group, (total, typed) in sorted(report.by_group.items()):
        print(f"  {group:32} {typed:7}/{total:7} = {typed / total if total else 1:.4%}")
    if report.untyped:
        print(f"untyped paths (top {args.top}):")
        for (group, occurrence), count in report.untyped.most_common(args.top):
            print(f"  {count:6}  {group}: {occurrence}")
    for name, error in report.errors:
        print(f"error: {name}: {error}")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
