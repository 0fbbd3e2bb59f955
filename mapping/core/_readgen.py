"""Generated readers: one Python function per mapped class, the one way `from_xml` reads.

The function reads one element into one object with locals: attribute names and child
tags are compared in place, common codecs are inlined (decimal ints, enum members, yes/no
words), path-reached elements and classes without children are read inline, and the
object is made without a keyword dict.

What the element holds that the model does not declare is dealt with where it is met, by
the policy (kept, dropped or reported): an unknown attribute at once; an unknown child
node at once too, after the known child before it (`ParseContext.trail`), which is its
place while no known child follows. Anything else out of the ordinary (a known child
after a kept node, a second one of a single child, a union variant not modelled, text
between children, known children out of declaration order) marks the element, and once
its children are read `ParseContext.arrange` walks them once more, without reading into
them, to keep the unknown nodes in the document's order. A value its codec refuses is
recorded as a problem with its place, and reading goes on.

This module writes what every element has (attributes, text, the loop over its
children, making the object); the lines for one child are its field kind's
(`_handlers`, `read_lines`).

With a token recognizer (placeholders) a class gets a second reader, `read_tokens`, which
offers every raw value to the recognizer first. The source of each is in `linecache`
under `<mapping reader module.Class>`.
"""
from __future__ import annotations

import dataclasses
import inspect
from typing import Any

from ._codegen import Source
from ._engine import serialise
from .codecs import (BoolCodec, EnumCodec, HexInt, HexIntCodec, IntCodec, StrCodec, inline_kind,
                     parse_int)
from .extras import LAYOUT

# What a reader's `last` (the kind number of the child before) holds after a node kept in
# place: more than any kind's number, so that a known child after it is out of order.
TRAILING = 1 << 30

# Integers read so far, by spelling; bounded, so that a document of distinct numbers
# cannot grow it without end.
_INT_MEMO: dict[str, int] = {}
_INT_MEMO_SIZE = 4096


def _remember_int(raw: str, parse: Any = parse_int) -> int:
    value: int = parse(raw)   # a refused spelling raises, and is not kept
    if len(_INT_MEMO) < _INT_MEMO_SIZE:
        _INT_MEMO[raw] = value
    return value


def generate_reader(plan: Any, tokens: bool = False) -> Any:
    """The generated reader of a class plan: `read(node, ctx, skip_attr=None) -> object`.
    `tokens`: the reader for calls with a token recognizer."""
    src = Source({"int_memo": _INT_MEMO, "remember_int": _remember_int,
                  "hex_parse": HexInt.parse, "serialise": serialise, "len": len})
    reader = _Reader(src, plan, tokens)
    src.add(0, "def read(node, ctx, skip_attr=None):")
    reader.locals(1)
    src.add(1, "x = None")
    reader.element(plan, "node", 1, "skip_attr")
    reader.construct("obj", 1, "x")
    src.add(1, "return obj")
    kind = "token reader" if tokens else "reader"
    return src.define("read", f"<mapping {kind} {plan.cls.__module__}.{plan.name}>",
                      f"read_{plan.cls.__name__}")


class _Reader:
    """Writes the reading of one class: one local per field, `<prefix><field name>`
    (`f_` for the class the function is for; another prefix for a class read inline),
    and `xlocal` for what the class keeps of unknown XML."""

    def __init__(self, src: Source, plan: Any, tokens: bool, prefix: str = "f_",
                 xlocal: str = "x"):
        self.src, self.plan, self.tokens, self.prefix = src, plan, tokens, prefix
        self.xlocal = xlocal
        self.read = "read_tokens" if tokens else "read"
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

    def element(self, owner: Any, node: str, indent: int, skip: str | None = None,
                xlocal: str | None = None) -> None:
        """Read the attributes, text and children of `node` (mapped by `owner`) into the
        locals; what the fields do not take goes to `xlocal` (the class's own by default).
        `skip`: an expression naming an attribute to pass over (a union's discriminator)."""
        src = self.src
        xlocal = xlocal or self.xlocal
        odd, refused = src.local("odd"), src.local("refused")
        src.add(indent, f"{odd} = False")
        src.add(indent, f"{refused} = None")
        self.attributes(owner, node, indent, skip, xlocal)
        self.text(owner, node, indent, odd)
        self.children(owner, node, indent, odd, refused, xlocal)
        src.add(indent, f"if {odd}:")
        src.add(indent + 1, f"{xlocal} = ctx.arrange({src.const(owner, 'O')}, {node}, "
                            f"{xlocal}, {refused})")

    def attributes(self, owner: Any, node: str, indent: int, skip: str | None,
                   xlocal: str) -> None:
        src = self.src
        src.add(indent, f"for qname, raw in {node}.items():")
        keyword = "if"
        for qname, target in owner.attrs.items():
            src.add(indent + 1, f"{keyword} qname == {qname!r}:")
            self.decode(target, "raw", self.local(target.fname), indent + 2, node, "qname")
            keyword = "elif"
        for qname, hint in owner.hints.items():   # a codec's hint, with its value
            src.add(indent + 1, f"{keyword} qname == {qname!r} and raw == {hint!r}:")
            src.add(indent + 2, "pass")
            keyword = "elif"
        if skip is not None:
            src.add(indent + 1, f"{keyword} qname == {skip}:")
            src.add(indent + 2, "pass")
            keyword = "elif"
        keep = f"{xlocal} = ctx.attr({xlocal}, {node}, qname, raw)"
        if keyword == "if":
            src.add(indent + 1, keep)
        else:
            src.add(indent + 1, "else:")
            src.add(indent + 2, keep)
        for qname in owner.hints:
            src.add(indent, f"if {node}.get({qname!r}) is None:")
            src.add(indent + 1, f"{xlocal} = ctx.no_hint({xlocal}, {qname!r})")

    def text(self, owner: Any, node: str, indent: int, odd: str) -> None:
        src = self.src
        content = src.local("content")
        src.add(indent, f"{content} = {node}.text")
        if owner.text is None:
            src.add(indent, f"if {content} is not None and not {LAYOUT.format(content)}:")
            src.add(indent + 1, f"{odd} = True")   # text not mapped: `arrange` keeps it
            return
        # blank text before child elements is indentation, not the value
        src.add(indent, f"if {content} is not None and not (len({node}) and "
                        f"{LAYOUT.format(content)}):")
        self.decode(owner.text, content, self.local(owner.text.fname), indent + 1, node, "None")
        if owner.leaf and inline_kind(owner.text.codec, "parse") is StrCodec:
            src.add(indent, "else:")
            src.add(indent + 1, f"{self.local(owner.text.fname)} = ''")   # <title/>: empty

    def children(self, owner: Any, node: str, indent: int, odd: str, refused: str,
                 xlocal: str) -> None:
        src = self.src
        handlers = [h for h in owner.writers if h is not owner.fallback]
        if not handlers and owner.fallback is None:
            # An element without children fields: what it holds is kept in place, as
            # `arrange` would keep it, while no text stands between
            item = src.local("item")
            src.add(indent, f"if len({node}):")
            src.add(indent + 1, "if ctx.keeps:")
            src.add(indent + 2, f"for {item} in {node}:")
            src.add(indent + 3, f"{xlocal} = ctx.trail({xlocal}, {item}, None)")
            self.text_after(item, odd, indent + 3)
            src.add(indent + 1, "else:")
            src.add(indent + 2, f"{odd} = True")
            return
        kinds: dict[str, tuple[int, Any]] = {}
        for number, handler in enumerate(handlers):
            for tag, sub in handler.takes().items():
                kinds[tag] = (number, sub)
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
            branches.append((len(handlers), owner.fallback))
            src.add(indent + 2, f"if {item}.tag.__class__ is not str:")
            self.trail(branches, item, odd, last, xlocal, indent + 3)
            src.add(indent + 2, f"{kind} = ({len(handlers)}, None)")
        else:
            self.trail(branches, item, odd, last, xlocal, indent + 2)
        src.add(indent + 1, f"{code}, {sub} = {kind}")
        # A child out of declaration order, or a known one after a node kept in place:
        # `arrange` records the order.
        src.add(indent + 1, f"if {code} < {last}:")
        src.add(indent + 2, f"{odd} = True")
        src.add(indent + 1, f"{last} = {code}")
        names = (item, sub, node, odd, refused)
        src.depth += 1   # names the locals of the children's lines
        self._dispatch(branches, code, names, indent + 1)
        src.depth -= 1
        self.text_after(item, odd, indent + 1)

    def text_after(self, item: str, odd: str, indent: int) -> None:
        """Text after a child that is not blank: `arrange` keeps it where it stands."""
        tail = self.src.local("tail")
        self.src.add(indent, f"{tail} = {item}.tail")
        self.src.add(indent, f"if {tail} is not None and not {LAYOUT.format(tail)}:")
        self.src.add(indent + 1, f"{odd} = True")

    def trail(self, branches: list[tuple[int, Any]], item: str, odd: str, last: str,
              xlocal: str, indent: int) -> None:
        """A child node no field takes: kept in place, after the known child before it
        (one that follows makes `arrange` place them all); under another policy than
        "preserve", left to `arrange`."""
        src = self.src
        anchor = src.local("anchor")
        src.add(indent, "if ctx.keeps:")
        # The known child before it, as `arrange` names it: (field, index) of a list.
        src.add(indent + 1, f"if {last} < 0 or {last} == {TRAILING}:")
        src.add(indent + 2, f"{anchor} = None")
        for number, handler in branches:
            if handler.many:
                src.add(indent + 1, f"elif {last} == {number}:")
                src.add(indent + 2, f"{anchor} = ({handler.fname!r}, "
                                    f"len({self.local(handler.fname)}) - 1)")
        singles = {number: handler.token for number, handler in branches if not handler.many}
        if singles:
            src.add(indent + 1, "else:")
            src.add(indent + 2, f"{anchor} = {src.const(singles, 'anchors')}[{last}]")
        src.add(indent + 1, f"{xlocal} = ctx.trail({xlocal}, {item}, {anchor})")
        src.add(indent + 1, f"{last} = {TRAILING}")
        self.text_after(item, odd, indent + 1)
        src.add(indent, "else:")
        src.add(indent + 1, f"{odd} = True")
        src.add(indent, "continue")

    def _dispatch(self, branches: list[tuple[int, Any]], code: str, names: tuple[str, ...],
                  indent: int) -> None:
        """Branch on the child's kind number by halving: a few comparisons for any count."""
        src = self.src
        if len(branches) == 1:
            branches[0][1].read_lines(self, names, indent)
        elif len(branches) <= 3:
            for index, (number, handler) in enumerate(branches):
                if index == len(branches) - 1:
                    src.add(indent, "else:")
                else:
                    src.add(indent, f"{'if' if index == 0 else 'elif'} {code} == {number}:")
                handler.read_lines(self, names, indent + 1)
        else:
            middle = len(branches) // 2
            src.add(indent, f"if {code} < {branches[middle][0]}:")
            self._dispatch(branches[:middle], code, names, indent + 1)
            src.add(indent, "else:")
            self._dispatch(branches[middle:], code, names, indent + 1)

    def refuse(self, names: tuple[str, ...], indent: int) -> None:
        """The child is kept as unknown XML: a field of its kind is taken already, or it
        is not what the field reads."""
        item, _, _, odd, refused = names
        self.src.add(indent, f"{odd} = True")
        self.src.add(indent, f"{refused} = [{item}] if {refused} is None else "
                             f"{refused} + [{item}]")

    def seen_flag(self) -> str:
        """A new local, False until set, for a child that may be met once only."""
        seen = self.src.fresh("seen")
        self.src.lines.insert(self._group_marks, "    " * self._group_indent + f"{seen} = False")
        self._group_marks += 1
        return seen

    def nested(self, plan: Any, sub: str, item: str, dest: str, skip: str | None,
               indent: int) -> None:
        """`dest = <the object read from item>`: inline for a class without children."""
        if inlinable(plan):
            self.inline(plan, item, dest, skip, indent)
        else:
            self.src.add(indent, f"{dest} = {sub}.{self.read}({item}, ctx)")

    def inline(self, plan: Any, item: str, dest: str, skip: str | None, indent: int) -> None:
        """A class without children read in place (no call)."""
        src = self.src
        prefix = src.local("i")
        inner = _Reader(src, plan, self.tokens, prefix + "_", prefix + "x")
        inner.locals(indent)
        src.add(indent, f"{inner.xlocal} = None")
        inner.element(plan, item, indent, skip)
        inner.construct(dest, indent, inner.xlocal)

    def decode(self, target: Any, raw: str, dest: str, indent: int, node: str,
               attr: str) -> None:
        """`dest = <raw read by the target's codec>`; a refused value is a problem recorded
        with its place, and None."""
        src = self.src
        slow = f"{dest} = ctx.decode({src.const(target, f't_{target.fname}_')}, {raw}, {node}, {attr})"
        if self.tokens:
            src.add(indent, slow)
        elif inline_kind(target.codec, "parse") is StrCodec:
            src.add(indent, f"{dest} = {raw}")
        else:
            src.add(indent, "try:")
            _decode(src, target, raw, dest, indent + 1)
            src.add(indent, "except (ValueError, TypeError):")
            src.add(indent + 1, slow)

    def construct(self, dest: str, indent: int, xlocal: str) -> None:
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
            src.add(indent, f"if {xlocal} is not None:")
            src.add(indent + 1, f"{values}['extras'] = {xlocal}")
            src.add(indent, f"{dest} = {name}(**{values})")
            return
        src.add(indent, f"{dest} = {src.const(cls.__new__, 'new')}({name})")
        if len(dataclasses.fields(cls)) > _INLINE_MOST:
            self._construct_in_dict(dest, indent, xlocal)
            return
        for field in dataclasses.fields(cls):
            local = xlocal if field.name == "extras" else self.local(field.name)
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

    def _construct_in_dict(self, dest: str, indent: int, xlocal: str) -> None:
        """The fields of a large class, set in a copy of its defaults made its `__dict__`:
        such an object holds a dict anyway (CPython keeps at most 30 attributes in the
        object itself), and the copy is made at its size where setting one attribute
        after another grows it several times. Only the fields read are set; a field
        with a descriptor (a `union(by=)`'s) is set through it, after the others."""
        src, cls = self.src, self.plan.cls
        defaults: dict[str, Any] = {}
        held = src.local("held")
        lines, through = [], []
        for field in dataclasses.fields(cls):
            local = xlocal if field.name == "extras" else self.local(field.name)
            if hasattr(type(inspect.getattr_static(cls, field.name, None)), "__set__"):
                defaults[field.name] = None
                through.append(f"{dest}.{field.name} = {local}")
            elif field.name in self.lists:
                defaults[field.name] = None
                lines.append(f"{held}[{field.name!r}] = {local}")
            elif field.default_factory is not dataclasses.MISSING:
                defaults[field.name] = None
                factory = src.const(field.default_factory, "F")
                lines.append(f"{held}[{field.name!r}] = {local} if {local} is not None "
                             f"else {factory}()")
            else:
                defaults[field.name] = (None if field.default is dataclasses.MISSING
                                        else field.default)
                lines.append(f"if {local} is not None:")
                lines.append(f"    {held}[{field.name!r}] = {local}")
        src.add(indent, f"{dest}.__dict__ = {held} = {src.const(defaults, 'defaults')}.copy()")
        for line in lines + through:
            src.add(indent, line)


# CPython 3.11 keeps up to this many attributes in the object itself, beyond them a dict.
_INLINE_MOST = 30


def _dataclass_init(cls: type) -> bool:
    """Whether `cls.__init__` is the one @element's dataclass wrote (only sets fields)."""
    for klass in cls.__mro__:
        if "__init__" in klass.__dict__:
            options = klass.__dict__.get("__xml__")
            return options is not None and not options.own_init
    return False


def inlinable(plan: Any) -> bool:
    """A class read in place by its parent's reader: one without children."""
    return not plan.writers


def _decode(src: Source, target: Any, raw: str, dest: str, indent: int) -> None:
    """`dest = <raw read by the target's codec>`; a refused value raises ValueError."""
    codec = target.codec
    kind = inline_kind(codec, "parse")
    if kind is StrCodec:
        src.add(indent, f"{dest} = {raw}")
    elif kind is IntCodec:
        # The same few spellings recur (PCI slots, unit numbers): one dict lookup for a
        # spelling seen before costs less than checking and converting it again.
        src.add(indent, f"{dest} = int_memo.get({raw})")
        src.add(indent, f"if {dest} is None:")
        src.add(indent + 1, f"{dest} = remember_int({raw})")
    elif kind is HexIntCodec:
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
        src.add(indent + 1, "raise ValueError")
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
