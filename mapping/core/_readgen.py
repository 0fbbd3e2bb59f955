"""Generated readers: one Python function per mapped class, the fast path of `from_xml`.

The plain reader (`ClassPlan.parse` with `parse_content`) fills a dict of values through
handler objects and codec calls, then calls the class with keywords. The generated
function does the same for one class with locals: attribute names and child tags are
compared in place, common codecs are inlined (decimal ints, enum members, yes/no words),
path-reached elements are read inline, and the object is made without a keyword dict.

It reads only what fits the model exactly. Anything else in the element (an unknown
attribute, element, comment or text, a value its codec refuses, known children out of
declaration order) raises `Bail`, and the element is read again by the plain reader,
which keeps, drops or reports it by the policy. Problems recorded by children before the
bail are dropped first, so the plain pass does not report them twice. With a token
recognizer (placeholders) every element goes to the plain reader.

The source is in `linecache` under `<mapping reader Class>`; tests hold generated and
plain results equal on the whole corpus, and count the elements handed back.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ._codegen import Source
from ._engine import serialise
from .codecs import BoolCodec, EnumCodec, HexInt, HexIntCodec, IntCodec, StrCodec, parse_int

# Integers read so far, by spelling; bounded, so that a document of distinct numbers
# cannot grow it without end.
_INT_MEMO: dict[str, int] = {}
_INT_MEMO_SIZE = 4096


def _remember_int(raw: str, parse: Any = parse_int) -> int:
    value = parse(raw)   # a refused spelling raises (-> Bail) and is not kept
    if len(_INT_MEMO) < _INT_MEMO_SIZE:
        _INT_MEMO[raw] = value
    return value


class Bail(Exception):
    """The element holds something the generated reader leaves to the plain reader."""


def generate_reader(plan: Any) -> Any:
    """The generated reader of a class plan (same signature as `ClassPlan.parse`)."""
    src = Source({"Bail": Bail, "int_memo": _INT_MEMO, "remember_int": _remember_int,
                  "hex_parse": HexInt.parse,
                  "serialise": serialise, "len": len})
    reader = _Reader(src, plan)
    parse = src.const(plan.parse, "parse")
    src.add(0, "def read(node, ctx, skip_attr=None):")
    src.add(1, "if ctx.tokens is not None:")
    src.add(2, f"return {parse}(node, ctx, skip_attr)")
    src.add(1, "problems = ctx.problems")
    src.add(1, "mark = len(problems)")
    src.add(1, "try:")
    reader.locals(2)
    # Unknown content of the element itself is noted and handed over at the end, after
    # the children are read: the plain reader then finds them in `ctx.done` instead of
    # reading each subtree again (and again at every level above that hands over too).
    src.add(2, "late = False")
    reader.attributes(plan, "node", 2, "skip_attr", late="late")
    reader.text(plan, "node", 2, late="late")
    reader.children(plan, "node", 2, late="late")
    src.add(2, "if late:")
    src.add(3, "raise Bail")
    src.add(1, "except (Bail, ValueError, TypeError):")
    src.add(2, "del problems[mark:]")
    src.add(2, "ctx.handed.append(node)")
    src.add(2, f"obj = {parse}(node, ctx, skip_attr)")
    src.add(2, "ctx.done[node] = (obj, problems[mark:])")
    src.add(2, "return obj")
    reader.construct("obj", 1)
    src.add(1, "return obj")
    return src.define("read", f"<mapping reader {plan.name}>", f"read_{plan.cls.__name__}")


class _Reader:
    """Writes the reading of one class: one local per field, `<prefix><field name>`
    (`f_` for the class the function is for; another prefix for a class read inline)."""

    def __init__(self, src: Source, plan: Any, prefix: str = "f_"):
        self.src, self.plan, self.prefix = src, plan, prefix
        self.fields = [field for field in dataclasses.fields(plan.cls) if field.name != "extras"]
        self.lists = {field.name for field in self.fields if field.default_factory is list}

    def local(self, fname: str) -> str:
        return self.prefix + fname

    def locals(self, indent: int) -> None:
        names = [self.local(field.name) for field in self.fields
                 if field.name not in self.lists]
        for start in range(0, len(names), 8):
            self.src.add(indent, " = ".join(names[start:start + 8]) + " = None")
        for name in sorted(self.lists):
            self.src.add(indent, f"{self.local(name)} = []")
        self._group_marks = len(self.src.lines)   # seen-flags of groups go here
        self._group_indent = indent

    def attributes(self, owner: Any, node: str, indent: int, skip: str | None = None,
                   late: str | None = None) -> None:
        """Read the attributes into locals. `skip`: an expression naming an attribute to
        pass over (the discriminator a union reads itself). `late`: the flag that notes
        unknown content to hand over later (None: hand over at once)."""
        src = self.src
        src.add(indent, f"for qname, raw in {node}.items():")
        keyword = "if"
        for qname, target in owner.attrs.items():
            src.add(indent + 1, f"{keyword} qname == {qname!r}:")
            _decode(src, target, "raw", self.local(target.fname), indent + 2)
            keyword = "elif"
        for qname, hint in owner.hints.items():   # a codec's hint, with its value
            src.add(indent + 1, f"{keyword} qname == {qname!r} and raw == {hint!r}:")
            src.add(indent + 2, "pass")
            keyword = "elif"
        if skip is not None:
            src.add(indent + 1, f"{keyword} qname == {skip}:")
            src.add(indent + 2, "pass")
            keyword = "elif"
        if keyword == "if":
            _bail(src, indent + 1, late)
        else:
            src.add(indent + 1, "else:")
            _bail(src, indent + 2, late)
        for qname in owner.hints:
            # Written without its hint: the plain reader remembers that.
            src.add(indent, f"if {node}.get({qname!r}) is None:")
            _bail(src, indent + 1, late)

    def text(self, owner: Any, node: str, indent: int, late: str | None = None) -> None:
        src = self.src
        content = src.local("content")
        src.add(indent, f"{content} = {node}.text")
        if owner.text is None:
            src.add(indent, f"if {content} is not None and not {content}.isspace():")
            _bail(src, indent + 1, late)
            return
        if owner.writers:
            # blank text before child elements is indentation, not the value
            src.add(indent, f"if {content} is not None and not (len({node}) and "
                            f"{content}.isspace()):")
        else:
            src.add(indent, f"if {content} is not None:")
        _decode(src, owner.text, content, self.local(owner.text.fname), indent + 1)
        if owner.leaf and owner.text.codec.__class__ is StrCodec:
            src.add(indent, "else:")
            src.add(indent + 1, f"{self.local(owner.text.fname)} = ''")   # <title/>: empty

    def children(self, owner: Any, node: str, indent: int, late: str | None = None) -> None:
        from ._handlers import ChoiceHandler, UnionHandler

        src = self.src
        handlers = [h for h in owner.writers if h is not owner.fallback]
        if not handlers and owner.fallback is None:
            src.add(indent, f"if len({node}):")
            _bail(src, indent + 1, late)
            return
        kinds: dict[str, tuple] = {}
        for code, handler in enumerate(handlers):
            if isinstance(handler, ChoiceHandler):
                for tag, plan in handler.plans.items():
                    kinds[tag] = (code, plan)
            elif isinstance(handler, UnionHandler):
                kinds[handler.tag] = (code, handler.variants)
            else:
                kinds[handler.tag] = (code, getattr(handler, "plan", handler))
        item, kind, code, last = (src.local("item"), src.local("kind"), src.local("k"),
                                  src.local("last"))
        sub = src.local("sub")
        src.add(indent, f"{last} = -1")
        # Many such elements have no children (`<address .../>`): counting them costs
        # less than starting an iteration over none.
        src.add(indent, f"if len({node}):")
        indent += 1
        src.add(indent, f"for {item} in {node}:")
        src.add(indent + 1, f"{kind} = {src.const(kinds, 'kinds')}.get({item}.tag)")
        src.add(indent + 1, f"if {kind} is None:")
        branches = [(number, handler) for number, handler in enumerate(handlers)]
        if owner.fallback is not None:
            fallback = len(handlers)
            src.add(indent + 2, f"if {item}.tag.__class__ is not str:")
            # a comment or PI: the plain reader keeps it
            _bail(src, indent + 3, late, skip=True)
            src.add(indent + 2, f"{kind} = ({fallback}, None)")
            branches.append((fallback, owner.fallback))
        else:
            _bail(src, indent + 2, late, skip=True)
        src.add(indent + 1, f"{code}, {sub} = {kind}")
        if len(branches) > 1:
            src.add(indent + 1, f"if {code} < {last}:")
            _bail(src, indent + 2, late)   # out of declaration order: the plain reader
            src.add(indent + 1, f"{last} = {code}")  # records the order
        src.depth += 1   # names the locals of the children's lines
        self._dispatch(branches, code, item, sub, node, indent + 1)
        src.depth -= 1
        tail = src.local("tail")
        src.add(indent + 1, f"{tail} = {item}.tail")
        src.add(indent + 1, f"if {tail} is not None and not {tail}.isspace():")
        _bail(src, indent + 2, late)

    def _dispatch(self, branches: list, code: str, item: str, sub: str, node: str,
                  indent: int) -> None:
        """Branch on the child's kind number by halving: a few comparisons for any count."""
        src = self.src
        if len(branches) == 1:
            self._child(branches[0][1], item, sub, node, indent)
        elif len(branches) <= 3:
            for index, (number, handler) in enumerate(branches):
                if index == len(branches) - 1:
                    src.add(indent, "else:")
                else:
                    src.add(indent, f"{'if' if index == 0 else 'elif'} {code} == {number}:")
                self._child(handler, item, sub, node, indent + 1)
        else:
            middle = len(branches) // 2
            src.add(indent, f"if {code} < {branches[middle][0]}:")
            self._dispatch(branches[:middle], code, item, sub, node, indent + 1)
            src.add(indent, "else:")
            self._dispatch(branches[middle:], code, item, sub, node, indent + 1)

    def _child(self, handler: Any, item: str, sub: str, node: str, indent: int) -> None:
        from ._handlers import (ChoiceHandler, EntriesHandler, FlagHandler, GroupHandler,
                                NestedHandler, NestedListHandler, RawHandler, ScalarListHandler,
                                UnionHandler)

        src = self.src
        kind = type(handler)
        if kind is NestedHandler:
            local = self.local(handler.fname)
            src.add(indent, f"if {local} is not None:")
            src.add(indent + 1, "raise Bail")   # a second one: the plain reader keeps it
            self._nested(handler.plan, sub, item, local, None, indent)
        elif kind is NestedListHandler:
            value = src.local("value")
            self._nested(handler.plan, sub, item, value, None, indent)
            src.add(indent, f"{self.local(handler.fname)}.append({value})")
        elif kind is ChoiceHandler:
            src.add(indent, f"{self.local(handler.fname)}.append({sub}.read({item}, ctx))")
        elif kind is UnionHandler:
            self._union(handler, item, sub, node, indent)
        elif kind is FlagHandler:
            local, content = self.local(handler.fname), src.local("content")
            src.add(indent, f"{content} = {item}.text")
            src.add(indent, f"if {local} is not None or len({item}) or {item}.items() or "
                            f"({content} is not None and not {content}.isspace()):")
            src.add(indent + 1, "raise Bail")
            src.add(indent, f"{local} = True")
        elif kind is ScalarListHandler:
            content, value = src.local("content"), src.local("value")
            src.add(indent, f"if len({item}) or {item}.items():")
            src.add(indent + 1, "raise Bail")
            src.add(indent, f"{content} = {item}.text")
            src.add(indent, f"if {content} is None:")
            src.add(indent + 1, f"{value} = ''")
            src.add(indent, "else:")
            _decode(src, handler.target, content, value, indent + 1)
            src.add(indent, f"{self.local(handler.target.fname)}.append({value})")
        elif kind is GroupHandler:
            self._group(handler, item, indent)
        elif kind is EntriesHandler:
            local, found = self.local(handler.fname), src.local("found")
            src.add(indent, f"{found} = {{}}")
            src.add(indent, f"if {local} is not None or {sub}.parse({item}, {found}, ctx) "
                            f"is None:")
            src.add(indent + 1, "raise Bail")
            src.add(indent, f"{local} = {found}[{handler.fname!r}]")
        elif kind is RawHandler:
            src.add(indent, f"{self.local(handler.fname)}.append(serialise({item})[1])")
        else:
            raise TypeError(f"no reader for {kind.__name__}")

    def _union(self, handler: Any, item: str, sub: str, node: str, indent: int) -> None:
        src = self.src
        local, variant = self.local(handler.fname), src.local("variant")
        if handler.on is not None:
            src.add(indent, f"{variant} = {sub}.get({item}.get({handler.on!r}))")
        else:
            default = src.const(handler.default, "d")
            src.add(indent, f"{variant} = {sub}.get({node}.get({handler.by.qname!r}, "
                            f"{default}))")
        src.add(indent, f"if {variant} is None or {local} is not None:")
        src.add(indent + 1, "raise Bail")   # a variant not modelled, or a second one
        skip = repr(handler.on) if handler.on is not None else None
        leaves = [plan for plan in dict.fromkeys(handler.variants.values()) if _inlinable(plan)]
        for index, plan in enumerate(leaves):
            keyword = "if" if index == 0 else "elif"
            src.add(indent, f"{keyword} {variant} is {src.const(plan, 'P')}:")
            self._inline(plan, item, local, skip, indent + 1)
        if leaves:
            src.add(indent, "else:")
            indent += 1
        src.add(indent, f"{local} = {variant}.read({item}, ctx, {handler.on!r})")

    def _nested(self, plan: Any, sub: str, item: str, dest: str, skip: str | None,
                indent: int) -> None:
        """`dest = <the object read from item>`: inline for a class without children."""
        if _inlinable(plan):
            self._inline(plan, item, dest, skip, indent)
        else:
            self.src.add(indent, f"{dest} = {sub}.read({item}, ctx)")

    def _inline(self, plan: Any, item: str, dest: str, skip: str | None, indent: int) -> None:
        """A class without children read in place (no call); handed to the plain reader
        on its own when it holds anything unknown, as its generated reader would be."""
        src = self.src
        inner = _Reader(src, plan, src.local("i") + "_")
        src.add(indent, "try:")
        inner.locals(indent + 1)
        inner.attributes(plan, item, indent + 1, skip)
        inner.text(plan, item, indent + 1)
        inner.children(plan, item, indent + 1)
        src.add(indent, "except (Bail, ValueError, TypeError):")
        src.add(indent + 1, f"ctx.handed.append({item})")
        src.add(indent + 1, f"{dest} = {src.const(plan.parse, 'parse')}({item}, ctx, {skip})")
        src.add(indent, "else:")
        inner.construct(dest, indent + 1)

    def _group(self, group: Any, item: str, indent: int) -> None:
        """A path-reached element read inline into the owner's locals."""
        src = self.src
        seen = src.fresh("seen")
        src.lines.insert(self._group_marks, "    " * self._group_indent + f"{seen} = False")
        self._group_marks += 1
        src.add(indent, f"if {seen}:")
        src.add(indent + 1, "raise Bail")   # a second one: the plain reader keeps it
        src.add(indent, f"{seen} = True")
        self.attributes(group.plan, item, indent)
        self.text(group.plan, item, indent)
        self.children(group.plan, item, indent)
        # An element that set nothing is remembered by the plain reader, to write it back.
        unset = " and ".join(f"{self.local(name)} is None" for name in group.field_names)
        src.add(indent, f"if {unset}:")
        src.add(indent + 1, "raise Bail")

    def construct(self, dest: str, indent: int) -> None:
        """`dest = <the object>`: through the dataclass __init__ only when the class has
        its own initialisation; otherwise the fields are set in __init__'s order, defaults
        included."""
        src, cls = self.src, self.plan.cls
        name = src.const(cls, "cls")
        plain_init = (_dataclass_init(cls) and not hasattr(cls, "__post_init__")
                      and not cls.__dataclass_params__.frozen
                      and all(field.init for field in dataclasses.fields(cls)))
        if not plain_init:
            values = src.local("values")
            src.add(indent, f"{values} = {{}}")
            for field in self.fields:
                local = self.local(field.name)
                if field.name in self.lists:
                    src.add(indent, f"{values}[{field.name!r}] = {local}")
                else:
                    src.add(indent, f"if {local} is not None:")
                    src.add(indent + 1, f"{values}[{field.name!r}] = {local}")
            src.add(indent, f"{dest} = {name}(**{values})")
            return
        src.add(indent, f"{dest} = {src.const(cls.__new__, 'new')}({name})")
        for field in dataclasses.fields(cls):
            local = "None" if field.name == "extras" else self.local(field.name)
            if field.name in self.lists or field.name == "extras":
                value = local
            elif field.default is not dataclasses.MISSING and field.default is not None:
                value = f"{local} if {local} is not None else {src.const(field.default, 'D')}"
            elif field.default_factory is not dataclasses.MISSING:
                factory = src.const(field.default_factory, "F")
                value = f"{local} if {local} is not None else {factory}()"
            else:
                value = local
            src.add(indent, f"{dest}.{field.name} = {value}")


def _dataclass_init(cls: type) -> bool:
    """Whether `cls.__init__` is the one @element's dataclass wrote (only sets fields)."""
    for klass in cls.__mro__:
        if "__init__" in klass.__dict__:
            options = klass.__dict__.get("__xml__")
            return options is not None and not options.own_init
    return False


def _inlinable(plan: Any) -> bool:
    """A class read in place by its parent's reader: one without children."""
    return not plan.writers


def _bail(src: Source, indent: int, late: str | None, skip: bool = False) -> None:
    """Hand the element to the plain reader: at once, or (with a `late` flag) once the
    rest of it is read; `skip`: the current child is not read here."""
    if late is None:
        src.add(indent, "raise Bail")
        return
    src.add(indent, f"{late} = True")
    if skip:
        src.add(indent, "continue")


def _decode(src: Source, target: Any, raw: str, dest: str, indent: int) -> None:
    """`dest = <raw read by the target's codec>`; a refused value raises (-> Bail)."""
    codec = target.codec
    kind = type(codec)
    if kind is StrCodec:
        src.add(indent, f"{dest} = {raw}")
    elif isinstance(codec, IntCodec) and kind.parse is IntCodec.parse:
        # The same few spellings recur (PCI slots, unit numbers): one dict lookup for a
        # spelling seen before costs less than checking and converting it again.
        src.add(indent, f"{dest} = int_memo.get({raw})")
        src.add(indent, f"if {dest} is None:")
        src.add(indent + 1, f"{dest} = remember_int({raw})")
    elif isinstance(codec, HexIntCodec) and kind.parse is HexIntCodec.parse:
        src.add(indent, f"{dest} = int_memo.get({raw})")
        # The memo is shared with decimal fields: a negative value there is refused here.
        src.add(indent, f"if {dest} is None or {dest} < 0:")
        src.add(indent + 1, f"{dest} = remember_int({raw}, hex_parse)")
    elif kind is BoolCodec:
        src.add(indent, f"if {raw} == {codec.true!r}:")
        src.add(indent + 1, f"{dest} = True")
        src.add(indent, f"elif {raw} == {codec.false!r}:")
        src.add(indent + 1, f"{dest} = False")
        src.add(indent, "else:")
        src.add(indent + 1, "raise Bail")
    elif kind is EnumCodec:
        members = src.const(codec.enum_type._value2member_map_, "m")
        src.add(indent, f"{dest} = {members}.get({raw})")
        src.add(indent, f"if {dest} is None:")
        src.add(indent + 1, f"{dest} = {src.const(codec.parse, 'decode')}({raw})")
    elif getattr(codec, "verbatim", None):
        # Spellings the codec reads as they stand (a size unit's KiB): no call for them.
        verbatim = src.const(frozenset(codec.verbatim), "w")
        src.add(indent, f"{dest} = {raw} if {raw} in {verbatim} else "
                        f"{src.const(codec.parse, 'decode')}({raw})")
    else:
        src.add(indent, f"{dest} = {src.const(codec.parse, 'decode')}({raw})")
