"""Compiled plans and generated functions kept between processes, as Python keeps bytecode.

A fresh process that reads and writes one domain used to spend ~70 ms compiling the
model's plans and generating the readers and writers the document needs, for a job that
then takes a millisecond. So when a root class is first asked for and nothing of its model
has been compiled in this process yet, its plans are loaded from a file written by an
earlier process: the whole model (plans of every class it reaches, with the functions
generated for them so far), in one pickle. The generated functions come back as `Kept`
stand-ins: their constants are loaded with the plans, and their code stays in the file,
mapped, until the first call makes it a function. So what a file holds beyond what a
job uses costs that job little.

The file is trusted only while everything it was made from is as it was: each module an
object of it comes from (file, size and time, as a `.pyc` checks its source), the core's
own modules, the registered codecs and namespace prefixes. A model defined in `__main__`,
or holding what pickle cannot name (a lambda as a codec's parser), is not kept.

A process that compiled or generated something new writes the models it used when it
exits. Nothing is written where Python writes no bytecode (`PYTHONDONTWRITEBYTECODE`) or
the cache is turned off (`DOMXML_CODE_CACHE=off`); a file that cannot be read, or is
stale, is passed over.
"""
from __future__ import annotations

import atexit
import builtins
import enum
import gc
import io
import marshal
import mmap
import os
import pickle
import sys
import threading
import types
from typing import Any

from . import _codegen

_FORMAT = b"domxml-plans-1\0"

_lock = threading.Lock()
# Root classes compiled or loaded here, in the order first used: written at exit, the
# first few only (a test run compiles hundreds of small models).
_roots: dict[type, None] = {}
_ROOTS_KEPT = 8
_changed = False              # something compiled or generated that the files lack
_exit_registered = False


class Kept:
    """A generated function as a file keeps it: its constants are loaded with the plans;
    its code and source stay in the file (mapped, not read) until its first call, when it
    becomes a function and replaces itself on the plan it belongs to."""

    __slots__ = ("where", "names", "name", "qualname", "defaults", "filename", "owner",
                 "attr", "blob", "function")

    def __init__(self, where: tuple[int, int, int], names: dict[str, Any], name: str,
                 qualname: str,
                 defaults: Any, filename: str) -> None:
        self.where = where      # (offset, code length, source length) in the file's code
        self.names, self.name, self.qualname = names, name, qualname
        self.defaults, self.filename = defaults, filename
        self.owner: Any = None
        self.attr = ""
        self.blob: Any = None
        self.function: Any = None

    def __call__(self, *args: Any) -> Any:
        return self.made()(*args)

    def pieces(self) -> tuple[bytes, bytes]:
        """The marshalled code and the UTF-8 source."""
        start, code, source = self.where
        return (bytes(self.blob[start:start + code]),
                bytes(self.blob[start + code:start + code + source]))

    def made(self) -> Any:
        function = self.function
        if function is None:
            try:
                code, source = self.pieces()
                function = _codegen.revive(
                    marshal.loads(code), self.names, self.name, self.qualname,
                    self.defaults, source.decode("utf-8", "surrogatepass"), self.filename)
            except (ValueError, EOFError, TypeError):   # (damaged in the file: made anew)
                for attr in self._attrs():
                    del self.owner.__dict__[attr]
                return self.owner.generated(GENERATED[self.attr])
            self.function = function
            for attr in self._attrs():
                setattr(self.owner, attr, function)
        return function

    def _attrs(self) -> list[str]:
        """The plan attributes this stands in for: one function can be two of them (a
        class without a clean writer of its own has its writer there too)."""
        return [attr for attr in GENERATED if self.owner.__dict__.get(attr) is self]


# The plan attributes that hold generated functions, and what `ClassPlan.generated` calls each.
GENERATED = {"read": "read", "read_tokens": "read_tokens", "fn": "write", "clean": "write_clean"}


def _folder() -> Any:
    return _codegen.cache_folder()


def _path(root: type) -> Any:
    folder = _folder()
    if folder is None:
        return None
    name = f"{root.__module__}.{root.__qualname__}"
    shown = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
    if len(shown) > 160 or shown != name:   # (long, or two names that read alike)
        import hashlib
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        shown = f"{shown[:120]}-{digest}"
    return folder / f"plans-{shown}.pickle"


def _settings() -> bytes:
    """What compiling reads besides the declarations: registered codecs and prefixes."""
    from ._plan import _prefixes
    from .codecs import EnumCodec, default_registry
    entries = [(kind, codec) for kind, codec in default_registry._by_type.items()
               if not (codec.__class__ is EnumCodec and codec.enum_type is kind)]
    entries.sort(key=lambda entry: f"{entry[0].__module__}.{entry[0].__qualname__}")
    return pickle.dumps((entries, sorted(_prefixes.items(), key=repr)), protocol=5)


def _stamp(module_name: str) -> tuple[str, str, int, int] | None:
    """(name, file, size, mtime) of a module's source, or None for one not kept in a file."""
    module = sys.modules.get(module_name)
    filename = getattr(module, "__file__", None)
    if module is None or not filename or module_name == "__main__":
        return None
    try:
        status = os.stat(filename)
    except OSError:
        return None
    return (module_name, filename, status.st_size, status.st_mtime_ns)


def _core_stamps() -> list[tuple[str, int, int]]:
    """The core's own sources, imported here or not: the generators are among them."""
    folder = os.path.dirname(__file__)
    stamps = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            status = os.stat(os.path.join(folder, name))
            stamps.append((name, status.st_size, status.st_mtime_ns))
    return stamps


# -- loading ----------------------------------------------------------------------------

class _Unpickler(pickle.Unpickler):
    def persistent_load(self, pid: Any) -> Any:
        return _live_object(pid)


def load(root: type) -> dict[type, Any] | None:
    """The plans of `root`'s model as a file keeps them, or None (no file, or stale)."""
    path = _path(root)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            # (mapped: the code of functions never called is never read; a newer file
            # put in its place by another process leaves this one as it was)
            data = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):
        return None
    try:
        if bytes(data[:len(_FORMAT)]) != _FORMAT:
            return None
        head, body, blob = _sections(data)
        stamps, core, settings = pickle.loads(head)
        if settings != _settings() or core != _core_stamps():
            return None
        for stamp in stamps:
            if _stamp(stamp[0]) != stamp:   # (a module not imported yet is not imported)
                return None
        unpickler = _Unpickler(io.BytesIO(body))
        # (some ten thousand objects and no garbage: the cyclic collector, if it runs, is
        # paused meanwhile, as while the model is imported)
        collecting = gc.isenabled()
        gc.disable()
        try:
            unpickler.load()   # (the root's plan; the next holds every plan it reaches)
            plans = unpickler.load()
        finally:
            if collecting:
                gc.enable()
        if not isinstance(plans, dict) or root not in plans:
            return None
        for plan in plans.values():
            for attr in GENERATED:
                kept = plan.__dict__.get(attr)
                if isinstance(kept, Kept):
                    kept.owner, kept.attr, kept.blob = plan, attr, blob
                    _codegen._filenames.add(kept.filename)   # (a name new code must not take)
    except Exception:   # (a damaged file is passed over, whatever it holds)
        return None
    return plans


def _sections(data: Any) -> tuple[Any, Any, Any]:
    """The header, the plans and the code of a file: each after its length."""
    found, at = [], len(_FORMAT)
    for _ in range(3):
        size = int.from_bytes(data[at:at + 8], "big")
        if at + 8 + size > len(data):
            raise ValueError("a section runs past the end of the file")
        found.append(data[at + 8:at + 8 + size])
        at += 8 + size
    if at != len(data):
        raise ValueError("the file goes on after its sections")
    return found[0], found[1], found[2]


def _live_object(pid: Any) -> Any:
    """What a file names rather than holds: objects this process has one of."""
    kind = pid[0]
    if kind == "builtins":
        return builtins
    if kind == "builtins-dict":
        return builtins.__dict__
    if kind == "members":          # an enum's value map, which learns values as it reads
        return pid[1]._value2member_map_
    if kind == "int-memo":
        from ._readgen import _INT_MEMO
        return _INT_MEMO
    raise pickle.UnpicklingError(f"unknown persistent id {kind!r}")


# -- writing ----------------------------------------------------------------------------

def used(root: type, fresh: bool) -> None:
    """`root`'s model was compiled (`fresh`) or loaded here: keep it at exit."""
    global _changed, _exit_registered
    with _lock:
        _roots.setdefault(root)
        if fresh:
            _changed = True
        if not _exit_registered and _folder() is not None and not sys.dont_write_bytecode:
            atexit.register(save_all)
            _exit_registered = True


def generated() -> None:
    """A function was generated that the files may lack."""
    global _changed
    _changed = True


class _Pickler(pickle.Pickler):
    """Notes the modules and the plans what it writes comes from; names live objects."""

    def __init__(self, out: Any, live: dict[int, tuple[Any, ...]]) -> None:
        super().__init__(out, protocol=5)
        from ._plan import ClassPlan
        self.plan_class = ClassPlan
        self.modules: set[str] = set()
        self.plans: dict[type, Any] = {}
        self.live = live
        self.code = io.BytesIO()   # what `Kept` functions leave in the file

    def persistent_id(self, obj: Any) -> Any:
        live = self.live.get(id(obj))
        if live is not None:
            return live
        kind = obj.__class__
        if kind is self.plan_class:
            self.plans[obj.cls] = obj
        elif isinstance(obj, type) or kind is types.FunctionType:
            self.modules.add(obj.__module__)
            return None
        self.modules.add(kind.__module__)
        return None

    def reducer_override(self, obj: Any) -> Any:
        kind = obj.__class__
        if kind is types.FunctionType and hasattr(obj, "__mapping_source__"):
            names = {key: value for key, value in obj.__globals__.items()
                     if key not in ("__builtins__", obj.__name__)}
            where = self._put(marshal.dumps(obj.__code__),
                              obj.__mapping_source__.encode("utf-8", "surrogatepass"))
            return (Kept, (where, names, obj.__name__, obj.__qualname__, obj.__defaults__,
                           obj.__code__.co_filename))
        if kind is Kept:
            where = self._put(*obj.pieces())
            return (Kept, (where, obj.names, obj.name, obj.qualname, obj.defaults,
                           obj.filename))
        return NotImplemented

    def _put(self, code: bytes, source: bytes) -> tuple[int, int, int]:
        where = (self.code.tell(), len(code), len(source))
        self.code.write(code)
        self.code.write(source)
        return where


def _live_objects() -> dict[int, tuple[Any, ...]]:
    from ._readgen import _INT_MEMO
    live: dict[int, tuple[Any, ...]] = {
        id(builtins): ("builtins",), id(builtins.__dict__): ("builtins-dict",),
        id(_INT_MEMO): ("int-memo",)}
    waiting = [enum.Enum]
    while waiting:
        kind = waiting.pop()
        waiting += kind.__subclasses__()
        members = kind.__dict__.get("_value2member_map_")
        if members is not None:
            live[id(members)] = ("members", kind)
    return live


def save(root: type) -> bool:
    """Write `root`'s model to its file; False when it cannot be kept."""
    try:
        return _save(root)
    except Exception:   # (at exit, of all times, nothing of this may surface)
        return False


def _save(root: type) -> bool:
    from ._plan import _plans
    plan = _plans.get(root)
    path = _path(root)
    if plan is None or path is None:
        return False
    body = io.BytesIO()
    pickler = _Pickler(body, _live_objects())
    depth = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(depth, 20_000))   # (a plan holds its nested plans)
        pickler.dump(plan)
        pickler.dump(dict(pickler.plans))   # (the plans reached: held already, named here)
    except Exception:   # (what pickle cannot name is not kept)
        return False
    finally:
        sys.setrecursionlimit(depth)
    modules = {name for name in pickler.modules
               if name and name not in sys.builtin_module_names}
    stamps = [_stamp(name) for name in sorted(modules)]
    if any(stamp is None for stamp in stamps):   # (`__main__`, or a module without a file)
        return False
    head = pickle.dumps((stamps, _core_stamps(), _settings()), protocol=5)
    sections = [head, body.getvalue(), pickler.code.getvalue()]
    _codegen.CodeCache._write(path.parent, path, _FORMAT + b"".join(
        len(section).to_bytes(8, "big") + section for section in sections))
    return True


def save_all() -> None:
    """At exit: write the models used here, when something new was made for them."""
    if not _changed or sys.dont_write_bytecode:
        return
    for root in list(_roots)[:_ROOTS_KEPT]:
        save(root)
