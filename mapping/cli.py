"""The `domxml` command (also `python -m mapping`)."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import MappingError, from_dict, from_xml, to_dict, to_xml


def cmd_parse(args: argparse.Namespace) -> int:
    entity = from_xml(Path(args.file).read_bytes())
    if args.json:
        print(json.dumps(to_dict(entity), indent=2))
    else:
        from .tree import render
        print(render(entity))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from . import libvirt
    path = Path(args.file)
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise MappingError(f"{path}:{err.lineno}:{err.colno}: not JSON: {err.msg}") from None
    if not isinstance(data, dict):
        raise MappingError(f"{path}: expected a JSON object (as `domxml parse --json` writes)")
    xml = to_xml(from_dict(data, libvirt.Domain))
    if args.out:
        Path(args.out).write_text(xml + "\n")
    else:
        print(xml)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import diff_domains
    before = from_xml(Path(args.before).read_bytes())
    after = from_xml(Path(args.after).read_bytes())
    changes = diff_domains(before, after)
    for change in changes:
        print(change)
    if not changes:
        print("no differences")
    return 1 if changes else 0


def cmd_roundtrip(args: argparse.Namespace) -> int:
    from . import roundtrip
    files = roundtrip.xml_files(args.paths)
    report = Path(args.report) if args.report else None
    if report is not None and report.suffix not in (".html", ".json"):
        raise MappingError(f"--report {report}: name a .html or .json file")
    started = time.perf_counter()
    results = roundtrip.run(files, args.jobs, keep_output=report is not None,
                            progress=not args.quiet)
    totals = roundtrip.summary(results, time.perf_counter() - started)
    for result in results:
        if not result.lossless:
            print(f"FAIL {result.path}: {result.difference}")
    print(f"{totals['files']} files, {totals['lossless']} lossless, {totals['failed']} failed, "
          f"typed {totals['typed_share']:.2%} of {totals['occurrences']} element/attribute "
          f"occurrences, {totals['seconds']:.2f}s")
    if report is not None:
        writer = roundtrip.write_html_report if report.suffix == ".html" else (
            roundtrip.write_json_report)
        writer(report, results, totals)
        print(f"report: {report}")
    return 1 if totals["failed"] else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .xsd import default_roots, generate
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in generate(*default_roots()).items():
        (out / name).write_text(text + "\n")
        print(f"wrote {out / name}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate
    problems = validate(Path(args.file).read_bytes(),
                        against="libvirt" if args.libvirt else "model")
    for problem in problems:
        print(f"{args.file}: {problem}")
    if not problems:
        print(f"{args.file}: valid ({'libvirt' if args.libvirt else 'model'} schema)")
    return 1 if problems else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="domxml", description=(
        "Map libvirt domain XML to typed entities and back, losslessly."))
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="parse a domain XML file and print the entity "
                                              "as a tree (or JSON)")
    parse.add_argument("file")
    parse.add_argument("--json", action="store_true", help="print the entity as JSON")
    parse.set_defaults(run=cmd_parse)
    build = commands.add_parser("build", help="build domain XML from JSON (as parse --json "
                                              "writes it)")
    build.add_argument("file", help="a JSON file")
    build.add_argument("--out", "-o", metavar="FILE", help="write the XML here (default: stdout)")
    build.set_defaults(run=cmd_build)
    diff = commands.add_parser("diff", help="what changed between two domains, in domain terms "
                                            "(exit 1 when they differ)")
    diff.add_argument("before")
    diff.add_argument("after")
    diff.set_defaults(run=cmd_diff)
    roundtrip = commands.add_parser("roundtrip", help="round-trip XML files and report losses")
    roundtrip.add_argument("paths", nargs="+", help="XML files or directories")
    roundtrip.add_argument("--jobs", "-j", type=int, default=1, help="worker processes")
    roundtrip.add_argument("--report", metavar="FILE", help="write a .html or .json report")
    roundtrip.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    roundtrip.set_defaults(run=cmd_roundtrip)
    schema = commands.add_parser("schema", help="write the XSD generated from the model")
    schema.add_argument("--out", default="schema", help="folder to write into (default: schema)")
    schema.set_defaults(run=cmd_schema)
    check = commands.add_parser("validate", help="validate a domain XML file")
    check.add_argument("file")
    check.add_argument("--libvirt", action="store_true",
                       help="use libvirt's RelaxNG schemas instead of the model's XSD")
    check.set_defaults(run=cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (MappingError, OSError) as err:
        print(f"domxml: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
