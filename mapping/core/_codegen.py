"""Generating one Python function per mapped class, debuggable like written code.

Both generators (the text writer and the reader) build a function's lines here, with the
constants they use bound to names in its namespace. The source goes into `linecache`
under a name like `<mapping writer mapping.libvirt.devices.disk.Disk>` (unique: a second
class of the same module and name gets `#2`), so tracebacks and debuggers show it, and
`generated_source` prints it.
"""
from __future__ import annotations

import builtins
import importlib.util
import linecache
import marshal
import os
import sys
import types
from pathlib import Path
from typing import Any, Literal


def hint(prefix: str, handler: Any) -> str:
    """A constant's name prefix after the field it serves: `P_disks_` for its plan."""
    name = getattr(handler, "fname", "") or getattr(handler, "key", "")
    return f"{prefix}_{''.join(c if c.isalnum() else '_' for c in name)}_"


class Source:
    """Lines of one function, and the constants they refer to by name."""

    def __init__(self, names: dict[str, Any]) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = dict(names)
        self._ids: dict[int, str] = {}
        self.counter = 0
        self.depth = 0

    def const(self, value: Any, hint: str = "c") -> str:
        name = self._ids.get(id(value))
        if name is None:
            name = f"{hint}{len(self._ids)}"
            self._ids[id(value)] = name
            self.names[name] = value
        return name

    def fresh(self, hint: str) -> str:
        self.counter += 1
        return f"{hint}{self.counter}"

    def local(self, hint: str) -> str:
        """A local named by the nesting depth of the element it serves (`v_2`), for a value
        that is dead once the lines using it are written: the same few names then serve the
        whole function. A frame clears every local slot when the function returns, and
        with a fresh name for each value a Domain reader or writer had a hundred."""
        return f"{hint}_{self.depth}"

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def define(self, name: str, filename: str, qualname: str) -> Any:
        """Compile the lines and return the function called `name` they define."""
        source = "\n".join(self.lines) + "\n"
        filename = _unique(filename)
        namespace = dict(self.names)
        exec(_code_cache.code(source, filename), namespace)
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        function = namespace[name]
        function.__qualname__ = qualname
        function.__mapping_source__ = source
        return function


_filenames: set[str] = set()


def revive(code: Any, names: dict[str, Any], name: str, qualname: str, defaults: Any,
           source: str, filename: str) -> Any:
    """A function `define` made in another process, from its code and constants."""
    names["__builtins__"] = builtins.__dict__
    function: Any = types.FunctionType(code, names, name, defaults)
    names[name] = function
    function.__qualname__ = qualname
    function.__mapping_source__ = source
    _filenames.add(filename)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return function


def _unique(filename: str) -> str:
    """`<... Class>`, or `<... Class#2>` when another class of the same name has it."""
    found, number = filename, 1
    while found in _filenames:
        number += 1
        found = f"{filename[:-1]}#{number}>"
    _filenames.add(found)
    return found


class CodeCache:
    """Compiled generated code kept between processes, as Python keeps bytecode.

    Compiling the readers and writers a domain needs is most of what the first
    `from_xml` and `to_xml` of a process cost (a domain's reader alone is ~2,000 lines).
    The code object of each source is kept in a file named after a hash of the source
    and its file name, under the user's cache directory (`$XDG_CACHE_HOME` or
    `~/.cache`, then `domxml-mapping/<python cache tag>`), or `$DOMXML_CODE_CACHE`
    ("off": none). Nothing is written where Python writes no bytecode
    (`PYTHONDONTWRITEBYTECODE`); a file that cannot be read or written is passed over.
    """

    def __init__(self) -> None:
        self._folder: Path | None | Literal[False] = False   # not looked up yet

    def folder(self) -> Path | None:
        if self._folder is False:
            chosen = os.environ.get("DOMXML_CODE_CACHE")
            if chosen == "off":
                self._folder = None
            elif chosen:
                self._folder = Path(chosen)
            else:
                home = os.environ.get("XDG_CACHE_HOME") or os.path.join(
                    os.path.expanduser("~"), ".cache")
                tag = sys.implementation.cache_tag or "python"
                self._folder = Path(home) / "domxml-mapping" / tag
        return self._folder

    def code(self, source: str, filename: str) -> Any:
        folder = self.folder()
        if folder is None:
            return compile(source, filename, "exec")
        import hashlib   # (only code generated afresh needs it: not every process)
        digest = hashlib.sha256(f"{filename}\0{source}".encode("utf-8", "surrogatepass"))
        path = folder / f"{digest.hexdigest()[:40]}.code"
        try:
            data = path.read_bytes()
            if data[:len(_MAGIC)] == _MAGIC:
                return marshal.loads(data[len(_MAGIC):])
        except (OSError, ValueError, EOFError, TypeError):
            pass
        code = compile(source, filename, "exec")
        if not sys.dont_write_bytecode:
            self._write(folder, path, _MAGIC + marshal.dumps(code))
        return code

    @staticmethod
    def _write(folder: Path, path: Path, data: bytes) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            import tempfile   # (only writers need it)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)   # (atomic: a reader sees all of it or none)
        except OSError:
            pass


_MAGIC = importlib.util.MAGIC_NUMBER + b"domxml-code-1"
_code_cache = CodeCache()


def cache_folder() -> Path | None:
    """The folder the library keeps what it makes between processes in (generated code,
    the model's schema), or None when that is turned off (`DOMXML_CODE_CACHE=off`)."""
    return _code_cache.folder()
