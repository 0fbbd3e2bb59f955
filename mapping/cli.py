"""The `domxml` command (also `python -m mapping`).

Exit status: 0 success; 1 the answer is "no" (a difference, a loss, an invalid document);
2 an error in the input or the environment (one line on stderr); 3 an internal error, a
bug (one line on stderr; DOMXML_DEBUG=1 shows the traceback instead); 130 interrupted.
"""
from __future__ import annotations

import argparse
import atexit
import difflib
import io
import json
import os
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import MappingError, ParseError, from_dict, from_xml, to_dict, to_xml

if TYPE_CHECKING:
    from .roundtrip import FileResult

EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 2, 3, 130
SHOWN_PROBLEMS = 10      # a one-line message names this many problems, then counts the rest
LONGEST_LINE = 4000      # a message longer than this is cut (a value may be megabytes)


def printable(text: str) -> str:
    """`text` safe for one line of any terminal: control characters escaped, file names
    that are not UTF-8 (surrogate escapes) shown as \\xNN, no line breaks."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable():
            out.append(char)
        elif "\udc80" <= char <= "\udcff":      # a byte of a non-UTF-8 file name
            out.append(f"\\x{ord(char) - 0xdc00:02x}")
        else:
            out.append(char.encode("unicode_escape", "backslashreplace").decode("ascii"))
    return "".join(out)


def is_internal(err: BaseException) -> bool:
    """An exception the library never raises on purpose: a bug to report."""
    return not isinstance(err, (MappingError, OSError))


def describe(err: BaseException) -> str:
    """One line for any exception: every problem of a ParseError, the file of an OSError,
    and for a bug the exception class and where it was raised."""
    if isinstance(err, ParseError) and len(err.problems) > 1:
        shown = "; ".join(str(problem) for problem in err.problems[:SHOWN_PROBLEMS])
        more = len(err.problems) - SHOWN_PROBLEMS
        text = f"{len(err.problems)} problems: {shown}" + (f"; {more} more" if more > 0 else "")
    elif isinstance(err, OSError) and err.strerror:
        names = [str(name) for name in (err.filename, err.filename2) if name is not None]
        text = ": ".join([" -> ".join(names), err.strerror] if names else [err.strerror])
    elif isinstance(err, MappingError | OSError):
        text = str(err) or type(err).__name__
    else:
        frames = traceback.extract_tb(err.__traceback__)
        where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
        try:
            message = str(err)
        except Exception:     # a bug's exception may not even print
            message = "(no message)"
        text = (f"internal error: {type(err).__name__}: {message}{where} (a bug, please "
                f"report it; DOMXML_DEBUG=1 shows the traceback)")
    text = "; ".join(part.strip() for part in text.splitlines() if part.strip())
    if len(text) > LONGEST_LINE:
        text = f"{text[:LONGEST_LINE]}... ({len(text) - LONGEST_LINE} more characters)"
    return printable(text)


class InputFailed(Exception):
    """Wraps what went wrong with one named input, so its line starts with the name."""

    def __init__(self, name: str, cause: BaseException):
        super().__init__(name, cause)
        self.name, self.cause = name, cause


@contextmanager
def about(name: str) -> Iterator[None]:
    """Errors inside are about input `name` (read errors already name their file)."""
    try:
        yield
    except BrokenPipeError:     # stdout closed: nothing to do with the input
        raise
    except Exception as err:
        raise InputFailed(name, err) from err


def shown_name(name: str) -> str:
    return "<stdin>" if name == "-" else printable(str(name))


def read_input(name: str) -> bytes:
    if name == "-":
        if sys.stdin is None:          # started with stdin closed
            raise MappingError("<stdin>: closed, nothing to read")
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def load(name: str, engine: bool = False) -> Any:
    """The entity of a file; `engine`: XML the engine wrote, oVirt's placeholders in it
    (`LEASE-OFFSET:...`, volume paths) read as placeholders, not as values."""
    data = read_input(name)
    with about(name):
        if engine:
            from .ovirt.placeholders import from_engine_xml
            return from_engine_xml(data)
        return from_xml(data)


def say(text: str) -> None:
    print(text)


def fail(text: str) -> None:
    """The one line on stderr; a closed stderr must not turn it into a traceback."""
    try:
        print(f"domxml: {text}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def cmd_parse(args: argparse.Namespace) -> int:
    entity = load(args.file, args.engine)
    with about(args.file):
        if args.json:
            text = json.dumps(to_dict(entity), indent=2)
        else:
            from .tree import render
            text = render(entity) + (_placeholder_summary(entity) if args.engine else "")
    say(text)
    return 0


def _placeholder_summary(entity: Any) -> str:
    """What the host must fill in, each by its device and XML path (`disk sda:
    source/@file`): a reviewer reads them without looking for them in the tree."""
    from .ovirt.placeholders import unresolved
    left = unresolved(entity)
    lines = [f"  {printable(str(where))}: {printable(token.text)}" for where, token in left]
    return f"\nplaceholders ({len(left)}):\n" + "\n".join(lines) if left else ""


def _json_input(name: str) -> dict[str, Any]:
    data = read_input(name)
    where = shown_name(name)
    try:
        value = json.loads(data)
    except json.JSONDecodeError as err:
        raise MappingError(f"{where}:{err.lineno}:{err.colno}: not JSON: {err.msg}") from None
    except UnicodeDecodeError as err:
        raise MappingError(f"{where}: not UTF-8 text (byte {err.start})") from None
    except RecursionError:
        raise MappingError(f"{where}: not JSON we can read: nested too deeply") from None
    except ValueError as err:      # e.g. an integer of more digits than Python converts
        raise MappingError(f"{where}: not JSON we can read: {err}") from None
    if not isinstance(value, dict):
        kind = {list: "an array", str: "a string", bool: "a boolean", int: "a number",
                float: "a number"}.get(type(value), "null")
        raise MappingError(f"{where}: expected a JSON object (as `domxml parse --json` "
                           f"writes), not {kind}")
    return value


def write_output(name: str | None, text: str) -> None:
    """XML as UTF-8 bytes, whatever the locale: to the file `name`, or stdout."""
    if not text.endswith("\n"):
        text += "\n"
    data = text.encode("utf-8")
    if name and name != "-":
        Path(name).write_bytes(data)
        return
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:          # a text-only stdout (tests capturing it)
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    stream.write(data)


def cmd_build(args: argparse.Namespace) -> int:
    from . import libvirt
    data = _json_input(args.file)
    with about(args.file):
        xml = to_xml(from_dict(data, libvirt.Domain))
    write_output(args.out, xml)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import diff_documents
    before, after = load(args.before, args.engine), load(args.after, args.engine)
    if type(before) is not type(after):
        raise MappingError(f"{shown_name(args.before)} is a {type(before).__name__}, "
                           f"{shown_name(args.after)} a {type(after).__name__}: diff "
                           "compares two documents of one kind")
    with about(f"{args.before} -> {args.after}"):
        found = diff_documents(before, after)
        if args.json:
            say(json.dumps([change.as_json() for change in found], indent=2))
            return 1 if found else 0
        changes = [printable(str(change)) for change in found]
    for change in changes:
        say(change)
    if not changes:
        say("no differences")
    return 1 if changes else 0


def _report_target(name: str | None) -> Path | None:
    """Checked before the run, so a long run does not end on a report it cannot write."""
    if name is None:
        return None
    report = Path(name)
    if report.suffix not in (".html", ".json"):
        raise MappingError(f"--report {shown_name(name)}: name a .html or .json file")
    folder = report.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK) or report.is_dir():
        raise MappingError(f"--report {shown_name(name)}: cannot write there")
    return report


def _roundtrip_status(results: list[FileResult], totals: dict[str, Any],
                      report: Path | None) -> int:
    from . import roundtrip_report as reports
    for result in results:
        if not result.lossless:
            say(f"FAIL {printable(result.path)}: {printable(result.difference or '')}")
        elif not result.identical:
            say(f"NOT BYTE-IDENTICAL {printable(result.path)}: {result.first_changed}")
    say(reports.summary_line(totals))
    if report is not None:
        writer = reports.write_html_report if report.suffix == ".html" else (
            reports.write_json_report)
        writer(report, results, totals)
        say(f"report: {printable(str(report))}")
    if totals["internal_errors"]:
        return EXIT_INTERNAL
    return 1 if totals["failed"] else 0


def cmd_roundtrip(args: argparse.Namespace) -> int:
    from . import roundtrip
    from .roundtrip_report import summary
    report = _report_target(args.report)
    started = time.perf_counter()
    try:
        results = roundtrip.check_paths(args.paths, args.jobs, keep_output=report is not None,
                                        progress=not args.quiet, engine=args.engine)
    except roundtrip.Interrupted as stop:
        totals = summary(stop.results, time.perf_counter() - started, args.engine)
        _roundtrip_status(stop.results, totals, None)
        fail(f"interrupted after {len(stop.results)} of {stop.total} files")
        return EXIT_INTERRUPTED
    totals = summary(results, time.perf_counter() - started, args.engine)
    status = _roundtrip_status(results, totals, report)
    if not results:
        fail("no .xml files found in " + ", ".join(map(shown_name, args.paths)))
        return EXIT_ERROR
    if status == EXIT_INTERNAL:
        fail(f"{totals['internal_errors']} files hit an internal error (a bug, please report)")
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    if args.json:
        from .json_schema import generate_all
    else:
        from .xsd import generate_all
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in generate_all().items():
        (out / name).write_bytes((text + "\n").encode("utf-8"))
        say(f"wrote {printable(str(out / name))}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from . import edit
    if args.in_place and args.file == "-":
        raise MappingError("-i/--in-place needs a file, not stdin")
    entity = load(args.file, args.engine)
    with about(args.file):
        before = to_xml(entity)
        for kind, value in args.edits:
            if kind == "set":
                path, equals, text = value.partition("=")
                if not equals:
                    raise edit.EditError(f"--set {value!r}: expected PATH=VALUE")
                edit.set_path(entity, path.strip(), text)
            elif kind == "remove":
                edit.remove_path(entity, value)
            else:
                _add(entity, value)
        after = to_xml(entity)
    if args.print_diff:
        name = shown_name(args.file)
        say("".join(difflib.unified_diff(before.splitlines(keepends=True),
                                         after.splitlines(keepends=True),
                                         f"a/{name.lstrip('/')}",
                                         f"b/{name.lstrip('/')}")).rstrip("\n"))
    elif args.in_place:
        if after != before:
            _replace_file(Path(args.file), after)
    else:
        write_output(None, after)
    return 0 if after != before else 1


def _add(entity: Any, name: str) -> None:
    """`--add DEVICE.xml`: the device document, where libvirt puts its kind."""
    from . import edit
    from .libvirt.devices import Device, Devices
    data = read_input(name)
    with about(name):
        device = from_xml(data, Device)
    if not hasattr(entity, "devices"):
        raise edit.EditError(f"--add {name}: a <{type(entity).__name__}> holds no devices")
    if entity.devices is None:
        entity.devices = Devices()
    edit.add_device(entity.devices, device)


def _replace_file(path: Path, text: str) -> None:
    """The file's new text, written beside it and renamed over it (its mode kept)."""
    temporary = path.with_name(f".{path.name}.domxml-{os.getpid()}")
    try:
        temporary.write_bytes(text.encode("utf-8"))
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


class _Edits(argparse.Action):
    """--set, --add and --remove, kept in the order they were given."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        edits = getattr(namespace, "edits", None) or []
        edits.append((self.dest, values))
        namespace.edits = edits


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate
    data = read_input(args.file)
    against = "libvirt" if args.libvirt else "model"
    with about(args.file):
        problems = validate(data, against=against, engine=args.engine)
    name = shown_name(args.file)
    for problem in problems:
        say(f"{name}: {printable(' '.join(str(problem).split()))}")
    if not problems:
        placeholders = ", oVirt placeholders as the host's values" if args.engine else ""
        say(f"{name}: valid ({against} schema{placeholders})")
    return 1 if problems else 0


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line too, pointing at --help instead of printing the usage."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("domxml").strip()
        fail(f"{command + ': ' if command else ''}{message} (see `{self.prog} --help`)")
        raise SystemExit(EXIT_ERROR)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"at least 1, not {value}")
    return value


ENGINE_HELP = ("XML the oVirt engine wrote: its placeholders (LEASE-OFFSET:..., volume "
               "paths, ...) read as placeholders")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="domxml", description=(
        "Map libvirt domain XML to typed entities and back, losslessly."), epilog=(
        "Exit status: 0 success, 1 differences/loss/invalid, 2 bad input (one line on "
        "stderr), 3 internal error (a bug), 130 interrupted. A FILE may be - for stdin."))
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="parse a domain XML file and print the entity "
                                              "as a tree (or JSON)")
    parse.add_argument("file")
    parse.add_argument("--json", action="store_true", help="print the entity as JSON")
    parse.add_argument("--engine", action="store_true", help=ENGINE_HELP)
    parse.set_defaults(run=cmd_parse)
    build = commands.add_parser("build", help="build domain XML from JSON (as parse --json "
                                              "writes it)")
    build.add_argument("file", help="a JSON file")
    build.add_argument("--out", "-o", metavar="FILE", help="write the XML here (default: stdout)")
    build.set_defaults(run=cmd_build)
    diff = commands.add_parser("diff", help="what changed between two documents of one kind, "
                                            "in the model's terms: devices paired in "
                                            "domains (exit 1 when they differ)")
    diff.add_argument("before")
    diff.add_argument("after")
    diff.add_argument("--engine", action="store_true", help=ENGINE_HELP)
    diff.add_argument("--json", action="store_true",
                      help="print the changes as JSON: [{where, before, after}], a value "
                           "absent on one side left out")
    diff.set_defaults(run=cmd_diff)
    roundtrip = commands.add_parser("roundtrip", help="round-trip XML files and report losses")
    roundtrip.add_argument("paths", nargs="+", help="XML files or directories")
    roundtrip.add_argument("--jobs", "-j", type=_jobs, default=1,
                           help="worker processes (at most one per CPU is used)")
    roundtrip.add_argument("--report", metavar="FILE", help="write a .html or .json report")
    roundtrip.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    roundtrip.add_argument("--engine", action="store_true", help=ENGINE_HELP + ", written "
                           "back as the engine wrote them; the summary counts them")
    roundtrip.set_defaults(run=cmd_roundtrip)
    schema = commands.add_parser("schema", help="write the XSD generated from the model")
    schema.add_argument("--out", default="schema", help="folder to write into (default: schema)")
    schema.add_argument("--json", action="store_true",
                        help="write the JSON Schema of each root's JSON form instead "
                             "(<root>.schema.json, draft 2020-12)")
    schema.set_defaults(run=cmd_schema)
    editing = commands.add_parser(
        "edit", help="edit a document by field paths; writes it back byte-faithfully (exit 1 "
                     "when nothing changed)",
        description="Edit a libvirt document offline; only what the edits change is "
                    "written anew, in the document's own style.",
        epilog="PATH names fields as the Python model does: memory, vcpu.count, "
               "devices.disk[vda].driver.cache, devices.interface[52:54:00:6b:3c:58].model"
               ".type, *[ua-...] (a device by alias). VALUE is read by the field's codec "
               "(8GiB, writeback, yes).")
    editing.add_argument("file", help="the document (- for stdin)")
    editing.add_argument("--set", dest="set", action=_Edits, metavar="PATH=VALUE",
                         help="set a field (repeatable)")
    editing.add_argument("--add", dest="add", action=_Edits, metavar="DEVICE.xml",
                         help="add a device document where libvirt puts its kind")
    editing.add_argument("--remove", dest="remove", action=_Edits, metavar="SELECTOR",
                         help="remove a device (disk[vdb], *[ua-...]) or unset a field")
    editing.add_argument("--print-diff", action="store_true",
                         help="print a unified diff instead of the document")
    editing.add_argument("--in-place", "-i", action="store_true",
                         help="write the file back instead of printing it")
    editing.add_argument("--engine", action="store_true", help=ENGINE_HELP)
    editing.set_defaults(run=cmd_edit, edits=[])
    check = commands.add_parser("validate", help="validate a document of any format the model reads")
    check.add_argument("file")
    check.add_argument("--libvirt", action="store_true",
                       help="use libvirt's RelaxNG schemas instead of the model's XSD")
    check.add_argument("--engine", action="store_true", help=ENGINE_HELP + "; each checked "
                       "as a value of the kind the host writes there")
    check.set_defaults(run=cmd_validate)
    return parser


def _silence_stdout() -> None:
    """After a broken pipe: later writes (the flush at exit) go nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _run(argv: list[str] | None) -> int:
    try:     # human text never dies on a character the locale cannot encode
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(errors="backslashreplace")
    except (AttributeError, ValueError):
        pass
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    sys.stdout.flush()        # a broken pipe shows here, not at interpreter exit
    return status


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(argv)
    except KeyboardInterrupt:
        fail("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        fail("output closed before the end (broken pipe)")
        return EXIT_ERROR
    except Exception as err:
        if os.environ.get("DOMXML_DEBUG"):
            raise
        name, cause = (err.name, err.cause) if isinstance(err, InputFailed) else (None, err)
        if isinstance(cause, BrokenPipeError):
            _silence_stdout()
        prefix = f"{shown_name(name)}: " if name is not None else ""
        fail(prefix + describe(cause))
        return EXIT_INTERNAL if is_internal(cause) else EXIT_ERROR


def run() -> NoReturn:
    """The `domxml` command: `main()`, then an exit that does not take the interpreter
    apart. Freeing a compiled model object by object at exit cost a call ~40 ms, more
    than reading and writing a domain; the process ends once its output is flushed and
    its exit handlers (the library's cache among them) have run."""
    status = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or EXIT_ERROR
    atexit._run_exitfuncs()
    os._exit(status)


if __name__ == "__main__":
    run()
