"""The `domxml` command (also `python -m mapping`)."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import MappingError, from_xml, to_dict, to_xml
from .compare import first_difference


def _xml_files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(path.rglob("*.xml"))
        elif path.exists():
            found.append(path)
        else:
            raise MappingError(f"{name}: no such file or directory")
    return found


def cmd_parse(args: argparse.Namespace) -> int:
    entity = from_xml(Path(args.file).read_bytes())
    if args.json:
        print(json.dumps(to_dict(entity), indent=2))
    else:
        print(entity)
    return 0


def cmd_roundtrip(args: argparse.Namespace) -> int:
    files = _xml_files(args.paths)
    started = time.perf_counter()
    failures = []
    for path in files:
        data = path.read_bytes()
        try:
            difference = first_difference(data, to_xml(from_xml(data)))
        except MappingError as err:
            difference = f"error: {err}"
        if difference:
            failures.append((path, difference))
    elapsed = time.perf_counter() - started
    for path, difference in failures:
        print(f"FAIL {path}: {difference}")
    print(f"{len(files)} files, {len(files) - len(failures)} lossless, "
          f"{len(failures)} failed, {elapsed:.2f}s")
    return 1 if failures else 0


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
    parse = commands.add_parser("parse", help="parse a domain XML file and print the entity")
    parse.add_argument("file")
    parse.add_argument("--json", action="store_true", help="print the entity as JSON")
    parse.set_defaults(run=cmd_parse)
    roundtrip = commands.add_parser("roundtrip", help="round-trip XML files and report losses")
    roundtrip.add_argument("paths", nargs="+", help="XML files or directories")
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
