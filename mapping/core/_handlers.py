"""Field kinds: one class per way a field can sit in the children of an element.

Each kind knows all of itself, in one place:
- `takes()`: the child tags it reads, and what the reader dispatches to for each;
- `read_lines(r, names, indent)`: the lines of the generated reader (`_readgen`) that
  read one such child into the class's locals;
- `write_lines(src, indent, el, marks)`: the lines of the generated writer (`_emitgen`)
  that write the field;
- `check(node, found)`: what is wrong with the field's value, for naming a bad value in
  an entity that could not be written (`_shape`).

Each has a `rank` (declaration position, for document-order bookkeeping) and `many`
(whether it takes a list of children: their tokens are `(field, index)`, or else its
`token`). Free-form entries and raw elements are written by a call (`emit`).
"""
from __future__ import annotations

from typing import Any

from lxml import etree

from ._codegen import hint
from ._emitgen import (Element, clean_object, content, emit_lines, inline_leaf, inlinable, mark,
                       nested_value, open_lines, plain_inside, unmark)
from ._emitvalues import put, text_lines
from ._engine import ElementPlan, Target
from ._readgen import inlinable as read_inline
from ._safe import safe_parser
from ._shape import FLAG_VALUES, Node, check_element, scalar_problem, sequence
from ._writer import (Site, discriminator, escape_text, items_of, kept_element, level_of,
                      open_tag)
from .errors import SerializeError
from .extras import LAYOUT, is_layout


# A namespace map, prefix (None: the default namespace) to URI.
Nsmap = dict[str | None, str]
# Where a field's output starts: its token and the index in `out`.
Token = tuple[str, int]
Mark = tuple[Token, int]


def flag_problem(value: Any) -> str:
    return f"expected True, False or None, got {type(value).__name__} {value!r}"


class NestedHandler:
    """One child element mapped to a nested dataclass."""

    many = False

    def __init__(self, rank: int, fname: str, tag: str, plan: Any, nsmap: Nsmap | None,
                 where: str):
        self.rank, self.fname, self.tag, self.plan = rank, fname, tag, plan
        self.nsmap, self.where = nsmap, where
        self.site = Site(tag, nsmap)
        self.token = (fname, 0)

    def takes(self) -> dict[str, Any]:
        return {self.tag: self.plan}

    def read_lines(self, r: Any, names: tuple[str, ...], indent: int) -> None:
        local = r.local(self.fname)
        r.src.add(indent, f"if {local} is not None:")
        r.refuse(names, indent + 1)   # a second one
        r.src.add(indent, "else:")
        r.nested(self.plan, names[1], names[0], local, None, indent + 1)

    def write_lines(self, src: Any, indent: int, el: Element, marks: str | None) -> None:
        where = src.const(self.where, hint("w", self))
        value = src.local("v")
        src.add(indent, f"{value} = obj.{self.fname}")
        src.add(indent, f"if {value} is not None:")
        mark(src, marks, src.const(self.token, "k"), indent + 1)
        nested_value(src, self, value, where, indent + 1, el)

    def check(self, node: Node, found: list[Node]) -> str | None:
        value = getattr(node.obj, self.fname)
        if value is not None:
            found.append(Node(value, self.plan, node, "." + self.fname))
        return None


class NestedListHandler(NestedHandler):
    """A repeated child element mapped to a list of dataclasses."""

    many = True

    def read_lines(self, r: Any, names: tuple[str, ...], indent: int) -> None:
        value = r.src.local("value")
        r.nested(self.plan, names[1], names[0], value, None, indent)
        r.src.add(indent, f"{r.local(self.fname)}.append({value})")

    def write_lines(self, src: Any, indent: int, el: Element, marks: str | None) -> None:
        where = src.const(self.where, hint("w", self))
        items, index, value = src.local("items"), src.local("i"), src.local("v")
        src.add(indent, f"{items} = obj.{self.fname}")
        src.add(indent, f"if {items}:")
        src.add(indent + 1, f"for {index}, {value} in enumerate({items}):")
        mark(src, marks, f"({self.fname!r}, {index})", indent + 2)
        nested_value(src, self, value, f"({where}, {index})", indent + 2, el)

    def check(self, node: Node, found: list[Node]) -> str | None:
        items, problem = sequence(node, self.fname)
        for index, value in enumerate(items):
            found.append(Node(value, self.plan, node, f".{self.fname}[{index}]"))
        return problem


class ScalarListHandler:
    """A repeated child element whose text is the item: `<initarg>--x</initarg>`."""

    many = True

    def __init__(self, rank: int, target: Target, tag: str, nsmap: Nsmap | None):
        self.rank, self.target, self.tag, self.nsmap = rank, target, tag, nsmap
        self.fname = target.fname
        self.site = Site(tag, nsmap)
        self.plan = ElementPlan()
        self.plan.leaf = True
        self.plan.text = Target("\0item", target.codec, None, target.where)

    def takes(self) -> dict[str, Any]:
        return {self.tag: self.plan}

    def read_lines(self, r: Any, names: tuple[str, ...], indent: int) -> None:
        src, item = r.src, names[0]
        items = r.local(self.fname)
        text, value = src.local("content"), src.local("value")
        src.add(indent, f"{text} = {item}.text")
        src.add(indent, f"if {text} is None or (len({item}) and {LAYOUT.format(text)}):")
        src.add(indent + 1, f"{value} = ''")
        src.add(indent, "else:")
        r.decode(self.target, text, value, indent + 1, item, "None")
        src.add(indent, f"if len({item}) or {item}.items():")
        inner = src.local("lx")
        src.add(indent + 1, f"{inner} = ctx.leftovers({src.const(self.plan, hint('O', self))}, "
                            f"{item})")
        src.add(indent + 1, f"if {inner} is not None:")   # an item's leftovers, by index
        key = f"{self.fname!r} + '#' + str(len({items}))"
        src.add(indent + 2, f"{r.xlocal} = ctx.sub({r.xlocal}, {key}, {inner})")
        src.add(indent, f"{items}.append({value})")

    def write_lines(self, src: Any, indent: int, el: Element, marks: str | None) -> None:
        items, index, value, text, lx = (src.local("items"), src.local("i"), src.local("v"),
                                         src.local("t"), src.local("lx"))
        fname = self.fname
        where = src.const(self.target.where, hint("w", self))
        site = src.const(self.site, hint("S", self))
        src.add(indent, f"{items} = obj.{fname}")
        src.add(indent, f"if {items}:")
        src.add(indent + 1, f"if {items}.__class__ is not list:")
        src.add(indent + 2, f"{items} = items_of(obj, {fname!r}, {where})")
        src.add(indent + 1, f"sh, sc, ss = {site}.open({el.scope})")
        src.add(indent + 1, f"for {index}, {value} in enumerate({items}):")
        mark(src, marks, f"({fname!r}, {index})", indent + 2)
        src.add(indent + 2, f"{text} = text_value({src.const(self.target, hint('t', self))}, "
                            f"{value})")
        src.add(indent + 2, f"out.append({el.nl})")
        if el.clean:
            src.add(indent + 2, f"out.append(sh + '>' + {text} + sc)")
            return
        src.add(indent + 2, f"{lx} = {el.cx}.get({fname!r} + '#' + str({index})) "
                            f"if {el.cx} is not None else None")
        src.add(indent + 2, f"if {lx} is None:")
        src.add(indent + 3, f"out.append(sh + '>' + {text} + sc)")
        src.add(indent + 2, "else:")
        src.add(indent + 3, f"kept_element_text(out, sh, sc, {lx}, {text}, {el.nl}, step, ss, "
                            f"{where})")

    def check(self, node: Node, found: list[Node]) -> str | None:
        items, problem = sequence(node, self.fname)
        for index, value in enumerate(items):
            reason = scalar_problem(self.target, value, escape_text)
            if reason is not None:
                return f"{node.path(f'.{self.fname}[{index}]')}: {reason}"
        return problem


class GroupHandler:
    """A path-reached element (`boot` in `boot/@order`) whose leaves are owner fields."""

    many = False

    def __init__(self, rank: int, tag: str, key: str, nsmap: Nsmap | None):
        self.rank, self.tag, self.key, self.nsmap = rank, tag, key, nsmap
        self.site = Site(tag, nsmap)
        self.plan = ElementPlan()
        self.plan.leaf = True
        self.field_names: list[str] = []   # every field reached through this element
        self.token = (f"/{key}", 0)

    def takes(self) -> dict[str, Any]:
        return {self.tag: self.plan}

    def read_lines(self, r: Any, names: tuple[str, ...], indent: int) -> None:
        """Read inline into the owner's locals."""
        src, item = r.src, names[0]
        seen = r.seen_flag()
        src.add(indent, f"if {seen}:")
        r.refuse(names, indent + 1)   # a second one: kept as unknown XML
        src.add(indent, "else:")
        indent += 1
        src.add(indent, f"{seen} = True")
        inner = src.local("gx")
        src.add(indent, f"{inner} = None")
        r.element(self.plan, item, indent, None, inner)
        # An element that set nothing is remembered, to be written back.
        unset = " and ".join(f"{r.local(name)} is None" for name in self.field_names)
        src.add(indent, f"if {inner} is not None or ({unset}):")
        src.add(indent + 1, f"{r.xlocal} = ctx.sub({r.xlocal}, {self.key!r}, {inner})")

    def write_lines(self, src: Any, indent: int, el: Element, marks: str | None) -> None:
        """Written inline when it keeps XML or one of its fields is set (and left out
        when that writes nothing)."""
        present = " or ".join(f"obj.{name} is not None" for name in self.field_names)
        if el.clean:
            self._write_clean(src, indent, el, present, marks)
            return
        gx = src.local("gx")
        src.add(indent, f"{gx} = {el.cx}.get({self.key!r}) if {el.cx} is not None else None")
        src.add(indent, f"if {gx} is not None or {present}:")
        indent += 1
        mark(src, marks, src.const(self.token, "k"), indent)
        start, bare = src.local("start"), src.local("bare")
        src.add(indent, f"{start} = len(out)")
        src.add(indent, f"out.append({el.nl})")
        at, close, inner, _ = open_lines(src, self.site, indent, el.scope)
        src.add(indent, f"{bare} = {gx} is None")
        content(src, self.plan, indent, Element(el.nl, inner, close, bare=bare, x=gx,
                                                cx=el.cx, head=at, where=el.where))
        src.add(indent, f"if {bare}:")
        src.add(indent + 1, f"del out[{start}:]")
        unmark(src, marks, indent + 1)

    def _write_clean(self, src: Any, indent: int, el: Element, present: str,
                     marks: str | None) -> None:
        """The lines of a clean writer. An element of attributes and text is written when
        one of its fields is set (each writes something); one with children of its own is
        left out if it writes nothing (a flag set to False, an empty list)."""
        plan, close = self.plan, src.const(self.site.close, "s")
        token = src.const(self.token, "k")
        if not plan.writers:
            if plan.text is not None and not plan.attrs and not plan.hints:
                src.depth += 1   # (locals of its own: the owner's text is in text_<depth>)
                value, text = src.local("tv"), src.local("text")
                src.add(indent, f"{value} = obj.{plan.text.fname}")
                src.add(indent, f"if {value} is not None:")
                mark(src, marks, token, indent + 1)
                text_lines(src, plan.text, value, text, indent + 1)
                put(src, indent + 1, el.nl, src.const(self.site.head + ">", "s"), text, close)
                src.depth -= 1
                return
            src.add(indent, f"if {present}:")
            mark(src, marks, token, indent + 1)
            put(src, indent + 1, el.nl, src.const(self.site.head, "s"))
            content(src, plan, indent + 1, Element(el.nl, el.scope, close, where=el.where,
                                                   clean=True))
            return
        src.add(indent, f"if {present}:")
        mark(src, marks, token, indent + 1)
        start, bare = src.local("start"), src.local("bare")
        src.add(indent + 1, f"{start} = len(out)")
        src.add(indent + 1, f"out.append({el.nl})")
        src.add(indent + 1, f"out.append({src.const(self.site.head, 's')})")
        src.add(indent + 1, f"{bare} = True")
        content(src, plan, indent + 1, Element(el.nl, el.scope, close, bare=bare,
                                               where=el.where, clean=True))
        src.add(indent + 1, f"if {bare}:")
        src.add(indent + 2, f"del out[{start}:]")
        unmark(src, marks, indent + 2)

    def inside(self) -> bool:
        """Whether the element and what is reached through it declare no namespace."""
        return self.site.plain and plain_inside(self.plan)

    def check(self, node: Node, found: list[Node]) -> str | None:
        return check_element(self.plan, node, found)


class FlagHandler:
    """An empty element whose presence is a True value (`<readonly/>`)."""

    many = False

    def __init__(self, rank: int, fname: str, tag: str, nsmap: Nsmap | None):
        self.rank, self.fname, self.tag, self.nsmap = rank, fname, tag, nsmap
        self.site = Site(tag, nsmap)
        self.token = (fname, 0)
        self.empty = ElementPlan()

    def takes(self) -> dict[str, Any]:
        return {self.tag: self}

    def present(self, obj: Any) -> bool:
        """Whether the element is written: True writes it, None and False do not (the
        XML cannot say False). Anything else is refused, not taken for its truth:
        `readonly="no"` must not write `<readonly/>`."""
        value = getattr(obj, self.fname)
        if value is True:
            return True
        if value is None or value is False:
            return False
        raise SerializeError(f"{self.fname}: {flag_problem(value)}")

    def read_lines(self, r: Any, names: tuple[str, ...], indent: int) -> None:
        src, item = r.src, names[0]
        local, text = r.local(self.fname), src.local("content")
        src.add(indent, f"if {local} is not None:")
        r.refuse(names, indent + 1)
        src.add(indent, "else:")
        src.add(indent + 1, f"{local} = True")
        src.add(indent + 1, f"{text} = {item}.text")
        src.add(indent + 1, f"if len({item}) or {item}.items() or ({text} is not None "
                            f"and not {LAYOUT.format(text)}):")
        inner = src.local("fx")
        src.add(indent + 2, f"{inner} = ctx.leftovers({src.const(self.empty, hint('O', self))}, "
                            f"{item})")
        src.add(indent + 2, f"if {inner} is not None:")
        src.add(indent + 3, f"{r.xlocal} = ctx.sub({r.xlocal}, {self.fname!r}, {inner})")

    def write_lines(self, src: Any, indent: int, el: Element, marks: str | None) -> None:
        """`<acpi/>`, or the element with what it keeps. Only True writes it: a flag set
        to "no" must not write the element (`present` refuses anything but True, False,
        None)."""
        value, fx = src.local("v"), src.local("fx")
        src.add(indent, f"{value} = obj.{self.fname}")
        src.add(indent, f"if {value} is True:")
        mark(src, marks, src.const(self.token, "k"), indent + 1)
        site = src.const(self.site, hint("S", self))
        if el.clean:
            src.add(indent + 1, f"out.append({el.nl})")
            if self.site.plain:
                src.add(indent + 1, f"out.append({src.const(self.site.head + '/>', 's')})")
            else:
                src.add(indent + 1, f"fh, fc, fs = {site}.open({el.scope})")
                src.add(indent + 1, f"kept_element_text(out, fh, fc, EMPTY, None, {el.nl}, "
                                    f"step, fs, {el.where})")
            src.add(indent, f"elif {value} is not None and {value} is not False:")
            src.add(indent + 1, f"{src.const(self, hint('h', self))}.present(obj)")
            return
        src.add(indent + 1, f"{fx} = {el.cx}.get({self.fname!r}) if {el.cx} is not None "
                            "else None")
        src.add(indent + 1, f"out.append({el.nl})")
        src.add(indent + 1, f"if {fx} is None and {site}.plain and {el.scope}.__class__ is tuple:")
        src.add(indent + 2, f"out.append({src.const(self.site.head + '/>', 's')})")
        src.add(indent + 1, "else:")
        src.add(indent + 2, f"fh, fc, fs = {site}.open({el.scope})")
        src.add(indent + 2, f"kept_element_text(out, fh, fc, {fx} or EMPTY, None, {el.nl}, "
                            f"step, fs, {el.where})")
        src.add(indent, f"elif {value} is not None and {value} is not False:")
        src.add(indent + 1, f"{src.const(self, hint('h', self))}.present(obj)")

    def check(self, node: Node, found: list[Node]) -> str | None:
        value = getattr(node.obj, self.fname)
        if any(value is allowed for allowed in FLAG_VALUES):
            return None
        return f"{node.path('.' + self.fname)}: {flag_problem(value)}"


class UnionHandler:
    """A child element whose dataclass is picked by a discriminator value."""

    many = False

    def __init__(self, rank: int, fname: str, tag: str, variants: dict[str, Any],
                 on: str | None, by: Target | None, nsmap: Nsmap | None, where: str,
                 default: str | None = None):
        self.rank, self.fname, self.tag, self.nsmap = rank, fname, tag, nsmap
        self.variants = variants                 # key -> ClassPlan
        self.on, self.by, self.where, self.default = on, by, where, default
        self.site = Site(tag, nsmap)
        self.discriminators = {key: discriminator(on, key) for key in variants} if on else {}
        # Classes that are the variant of one key only: (plan, discriminator) by class.
        self.entries: dict[type, tuple[Any, Any]] = {}
        self.keys_by_class: dict[type, list[str]] = {}
        for key, plan in variants.items():
            self.keys_by_class.setdefault(plan.cls, []).append(key)
        self.token = (fname, 0)

    def takes(self) -> dict[str, Any]:
        return {self.tag: self.variants}

    def _key_for(self, obj: Any, value: Any) -> str:
        keys = self.keys_by_class.get(type(value))
        if keys is None:
            raise SerializeError(f"{self.where}: {self._not_a_variant(value)}")
        if len(keys) > 1 and self.by is not None:
            current = getattr(obj, self.by.fname)
            if current is not None and str(current) in keys:
                return str(current)
        return keys[0]

    def follow(self, variant: type, current: Any) -> Any:
        """The discriminator of an entity given a `variant`, `current` until then (with
        `by=`): kept if it agrees, absent if the variant is the default, else its key."""
        assert self.by is not None
        keys = self.keys_by_class.get(variant)
        if keys is None:   # not a variant: to_xml refuses it
            return current
        if current is None:
            if self.default in keys:
                return None
        elif self._agrees(current, keys):
            return current
        return self.by.parse(keys[0])

    def _agrees(self, current: Any, keys: list[str]) -> bool:
        assert self.by is not None
        try:
            return (current if isinstance(current, str) else self.by.encode(current)) in keys
        except SerializeError:
            return False

    def refuse_contradiction(self, current: Any, value: Any) -> None:
        """Unless the discriminator `current` agrees with the variant `value`: an entity
        that says two things at once is not written (either may be the mistake)."""
        problem = self._problem(current, value)
        if problem is not None:
            fname, message = problem
            raise SerializeError(f"{self.where.rpartition('.')[0]}.{fname}: {message}")

    def _problem(self, current: Any, value: Any) -> tuple[str, str] | None:
        """(the field it is said of, what is wrong) with a variant `value` under the
        discriminator `current`."""
        keys = self.keys_by_class.get(value.__class__)
        if keys is None:
            return self.fname, self._not_a_variant(value)
        if self.by is None or current is None or self._agrees(current, keys):
            return None
        said = str(current) if isinstance(current, str) else repr(current)
        return self.by.fname, (
            f"{said!r}, but {self.fname} is a {type(value).__name__} ({self.by.fname} "
            f"{' or '.join(map(repr, keys))}); set one of them to agree, or set only "
            f"{self.fname}")

    def _not_a_variant(self, value: Any) -> str:
        allowed = ", ".join(sorted({p.cls.__name__ for p in self.variants.values()}))
        return f"{type(value).__name__} is not a variant ({allowed})"

    def key(self, obj: Any) -> str:
        """The variant key of the (set) value: what the discriminator attribute says."""
        value = getattr(obj, self.fname)
        keys = self.keys_by_class.get(value.__class__)
        if keys is not None and len(keys) == 1:
            return keys[0]
        return self._key_for(obj, value)

    def entry(self, obj: Any, value: Any) -> tuple[Any, Any]:
        """(variant plan, discriminator or None) for the value; cached by class when the
        class is the variant of one key only."""
        key = self._key_for(obj, value)
        found = (self.variants[key], self.discriminators.get(key))
        if len(self.keys_by_class[value.__class__]) == 1:
            self.entries[value.__class__] = found
        return found

    def read_lines(self, r: Any, names: tuple[str, ...], indent: int) -> None:
        src = r.src
        item, sub, node = names[0], names[1], names[2]
        local, variant = r.local(self.fname), src.local("variant")
        if self.on is not None:
            src.add(indent, f"{variant} = {sub}.get({item}.get({self.on!r}))")
        else:
            assert self.by is not None   # (a union is picked on= or by=, one of them)
            default = src.const(self.default, "d")
            src.add(indent, f"{variant} = {sub}.get({node}.get({self.by.qname!r}, {default}))")
        src.add(indent, f"if {variant} is None or {local} is not None:")
        r.refuse(names, indent + 1)   # a variant not modelled, or a second one
        src.add(indent, "else:")
        indent += 1
        skip = repr(self.on) if self.on is not None else None
        leaves = [plan for plan in dict.fromkeys(self.variants.values()) if read_inline(plan)]
        for index, plan in enumerate(leaves):
            keyword = "if" if index == 0 else "elif"
            src.add(indent, f"{keyword} {variant} is {src.const(plan, 'P')}:")
            r.inline(plan, item, local, skip, indent + 1)
        if leaves:
            src.add(indent, "else:")
            indent += 1
        src.add(indent, f"{local} = {variant}.{r.read}({item}, ctx, {self.on!r})")

    def write_lines(self, src: Any, indent: int, el: Element, marks: str | None) -> None:
        handler, site = src.const(self, hint("h", self)), src.const(self.site, hint("S", self))
        where = src.const(self.where, hint("w", self))
        value, entry = src.local("v"), src.local("entry")
        src.add(indent, f"{value} = obj.{self.fname}")
        src.add(indent, f"if {value} is not None:")
        mark(src, marks, src.const(self.token, "k"), indent + 1)
        inner = indent + 1
        if self.site.plain:
            for key, plan in self.variants.items():
                if len(self.keys_by_class[plan.cls]) != 1 or not inlinable(plan, self.site):
                    continue
                disc = self.discriminators.get(key)
                head = self.site.head + (disc[2] if disc else "")
                inline_leaf(src, plan, head, self.site.close, value, indent + 1, el.nl,
                            el.scope, first=inner == indent + 1, clean=el.clean)
                inner = indent + 2
            if inner != indent + 1:
                src.add(indent + 1, "else:")
        src.add(inner, f"{entry} = {handler}.entries.get({value}.__class__) "
                       f"or {handler}.entry(obj, {value})")
        src.add(inner, f"out.append({el.nl})")
        args = f"({value}, {site}, {where}, out, {el.nl}, step, {el.scope}, {entry}[1])"
        _call_variant(src, inner, entry, value, args, el)

    def check(self, node: Node, found: list[Node]) -> str | None:
        value = getattr(node.obj, self.fname)
        if value is None:
            return None
        problem = self._problem(None if self.by is None else
                                getattr(node.obj, self.by.fname), value)
        if problem is not None:
            return f"{node.path('.' + problem[0])}: {problem[1]}"
        keys = self.keys_by_class[type(value)]
        found.append(Node(value, self.variants[keys[0]], node, "." + self.fname))
        return None


class UnionListHandler(UnionHandler):
    """Repeated child elements, each one's dataclass picked by its own attribute."""

    many = True

    def read_lines(self, r: Any, names: tuple[str, ...], indent: int) -> None:
        src = r.src
        item, sub = names[0], names[1]
        variant = src.local("variant")
        src.add(indent, f"{variant} = {sub}.get({item}.get({self.on!r}))")
        src.add(indent, f"if {variant} is None:")
        r.refuse(names, indent + 1)   # a variant not modelled
        src.add(indent, "else:")
        src.add(indent + 1, f"{r.local(self.fname)}.append({variant}.{r.read}({item}, ctx, "
                            f"{self.on!r}))")

    def write_lines(self, src: Any, indent: int, el: Element, marks: str | None) -> None:
        handler, site = src.const(self, hint("h", self)), src.const(self.site, hint("S", self))
        where = src.const(self.where, hint("w", self))
        items, index, value, entry = (src.local("items"), src.local("i"), src.local("v"),
                                      src.local("entry"))
        src.add(indent, f"{items} = obj.{self.fname}")
        src.add(indent, f"if {items}:")
        src.add(indent + 1, f"for {index}, {value} in enumerate({items}):")
        mark(src, marks, f"({self.fname!r}, {index})", indent + 2)
        src.add(indent + 2, f"{entry} = {handler}.entries.get({value}.__class__) "
                            f"or {handler}.entry(obj, {value}, {index})")
        src.add(indent + 2, f"out.append({el.nl})")
        args = (f"({value}, {site}, ({where}, {index}), out, {el.nl}, step, {el.scope}, "
                f"{entry}[1])")
        _call_variant(src, indent + 2, entry, value, args, el)

    def entry(self, obj: Any, value: Any, index: int = 0) -> tuple[Any, Any]:
        if value.__class__ not in self.keys_by_class:
            raise SerializeError(f"{self.where}[{index}]: {self._not_a_variant(value)}")
        return super().entry(obj, value)

    def check(self, node: Node, found: list[Node]) -> str | None:
        items, problem = sequence(node, self.fname)
        for index, value in enumerate(items):
            step = f".{self.fname}[{index}]"
            keys = self.keys_by_class.get(type(value))
            if keys is None:
                return f"{node.path(step)}: {self._not_a_variant(value)}"
            found.append(Node(value, self.variants[keys[0]], node, step))
        return problem


class ChoiceHandler:
    """Children of several kinds in one list, in document order (`<devices>`)."""

    many = True

    def __init__(self, rank: int, fname: str, plans: dict[str, Any],
                 nsmaps: dict[str, Nsmap | None], where: str):
        self.rank, self.fname, self.plans, self.nsmaps, self.where = (
            rank, fname, plans, nsmaps, where)
        self.tags_by_class: dict[type, str] = {}
        for tag, plan in plans.items():
            self.tags_by_class.setdefault(plan.cls, tag)
        self.sites = {tag: Site(tag, nsmap) for tag, nsmap in nsmaps.items()}
        self.entries: dict[type, tuple[Any, Any]] = {}   # (plan, site) by class met, subclasses too

    def takes(self) -> dict[str, Any]:
        return dict(self.plans)

    def _tag_for(self, value: Any) -> str | None:
        for klass in type(value).__mro__:
            tag = self.tags_by_class.get(klass)
            if tag is not None:
                return tag
        return None

    def _not_one_of(self, value: Any) -> str:
        allowed = ", ".join(cls.__name__ for cls in self.tags_by_class)
        return f"{type(value).__name__} is not one of {allowed}"

    def entry(self, value: Any, index: int) -> tuple[Any, Any]:
        tag = self._tag_for(value)
        if tag is None:
            raise SerializeError(f"{self.where}[{index}]: {self._not_one_of(value)}")
        found = self.entries[value.__class__] = (self.plans[tag], self.sites[tag])
        return found

    def read_lines(self, r: Any, names: tuple[str, ...], indent: int) -> None:
        r.src.add(indent, f"{r.local(self.fname)}.append({names[1]}.{r.read}({names[0]}, ctx))")

    def write_lines(self, src: Any, indent: int, el: Element, marks: str | None) -> None:
        handler, where = src.const(self, hint("h", self)), src.const(self.where, hint("w", self))
        items, index, value, entry = (src.local("items"), src.local("i"), src.local("v"),
                                      src.local("entry"))
        src.add(indent, f"{items} = obj.{self.fname}")
        src.add(indent, f"if {items}:")
        src.add(indent + 1, f"entries = {handler}.entries")
        src.add(indent + 1, f"for {index}, {value} in enumerate({items}):")
        mark(src, marks, f"({self.fname!r}, {index})", indent + 2)
        src.add(indent + 2, f"{entry} = entries.get({value}.__class__) "
                            f"or {handler}.entry({value}, {index})")
        src.add(indent + 2, f"out.append({el.nl})")
        args = f"({value}, {entry}[1], ({where}, {index}), out, {el.nl}, step, {el.scope})"
        _call_variant(src, indent + 2, entry, value, args, el)

    def check(self, node: Node, found: list[Node]) -> str | None:
        items, problem = sequence(node, self.fname)
        for index, value in enumerate(items):
            step = f".{self.fname}[{index}]"
            tag = self._tag_for(value)
            if tag is None:
                return f"{node.path(step)}: {self._not_one_of(value)}"
            found.append(Node(value, self.plans[tag], node, step))
        return problem


def _call_variant(src: Any, indent: int, entry: str, value: str, args: str, el: Element) -> None:
    """Call the writer of an `entry` (plan, ...) a union or choice looked up by the class
    of `value`: its clean writer when the object keeps no XML."""
    src.add(indent, f"if {clean_object(value, el)}:")
    src.add(indent + 1, f"{entry}[0].clean{args}")
    src.add(indent, "else:")
    src.add(indent + 1, f"{entry}[0].fn{args}")


class EntriesHandler:
    """A wrapper of free-form leaves, as a dict of their local names to their texts."""

    many = False

    def __init__(self, rank: int, fname: str, tag: str, ns: str | None, nsmap: Nsmap | None):
        self.rank, self.fname, self.tag, self.ns, self.nsmap = rank, fname, tag, ns, nsmap
        self.token = (fname, 0)
        self.prefix = f"{{{ns}}}" if ns else ""
        self.site = Site(tag, nsmap)

    def takes(self) -> dict[str, Any]:
        return {self.tag: self}

    def read(self, item: Any) -> dict[str, str] | None:
        """The entries of the wrapper `item`, or None when it is not a wrapper of plain
        leaves only (then it is kept whole as unknown XML)."""
        if len(item.attrib) or not _blank(item.text):
            return None
        found: dict[str, str] = {}
        for entry in item:
            tag = entry.tag
            if (tag.__class__ is not str or not tag.startswith(self.prefix)
                    or "}" in tag[len(self.prefix):] or len(entry) or len(entry.attrib)
                    or not _blank(entry.tail)):
                return None   # not a plain leaf: the wrapper is kept whole
            name = tag[len(self.prefix):]
            if name in found:
                return None
            found[name] = entry.text or ""
        return found

    def entry_problem(self, name: Any, value: Any, built: Any = None) -> str | None:
        """Why `name: value` cannot be an entry, or None (the entry is added to `built`).
        A name is a local name: a `{uri}` or `prefix:` in it would put the entry in
        another namespace, and it would read back as unknown XML."""
        if not isinstance(name, str) or not name or "{" in name or ":" in name:
            return f"entry name {name!r} is not an XML local name"
        if not isinstance(value, str):
            return f"entry {name!r} must be a str, not {type(value).__name__}"
        try:
            etree.SubElement(built if built is not None else etree.Element("e"),
                             self.prefix + name).text = value
        except ValueError as err:
            return f"entry {name!r}: {err}"
        return None

    def read_lines(self, r: Any, names: tuple[str, ...], indent: int) -> None:
        local = r.local(self.fname)
        r.src.add(indent, f"if {local} is None:")
        r.src.add(indent + 1, f"{local} = {names[1]}.read({names[0]})")
        r.src.add(indent, f"if {local} is None:")   # not plain leaves: kept whole
        r.refuse(names, indent + 1)

    def write_lines(self, src: Any, indent: int, el: Element, marks: str | None) -> None:
        emit_lines(src, src.const(self, hint('h', self)), indent, el, marks)

    def emit(self, obj: Any, out: list[str], nl: str, step: str, scope: tuple[Any, ...],
             marks: list[Mark] | None) -> Token | None:
        """Write the wrapper, if set; the token of what was written (None: nothing)."""
        found = getattr(obj, self.fname)
        if found is None:
            return None
        if not isinstance(found, dict):
            raise SerializeError(f"{self.tag}: expected a dict, got {type(found).__name__}")
        for name, value in found.items():
            reason = self.entry_problem(name, value)
            if reason is not None:
                raise SerializeError(f"{self.tag}: {reason}")
        if marks is not None:
            marks.append((self.token, len(out)))
        out.append(nl)
        head, close, inner = self.site.open(scope)
        if not found:
            out.append(head + "/>")
            return self.token
        out.append(head + ">")
        for name, value in found.items():
            entry_head, entry_close, _ = open_tag(self.prefix + name, (), inner)
            out.append(nl + step)
            out.append(entry_head + ">" + escape_text(value) + entry_close)
        out.append(nl)
        out.append(close)
        return self.token

    def check(self, node: Node, found: list[Node]) -> str | None:
        value = getattr(node.obj, self.fname)
        if value is None:
            return None
        where = node.path("." + self.fname)
        if not isinstance(value, dict):
            return f"{where}: expected a dict, got {type(value).__name__}"
        for name, text in value.items():
            reason = self.entry_problem(name, text)
            if reason is not None:
                return f"{where}: {reason}"
        return None


def _blank(text: str | None) -> bool:
    return text is None or is_layout(text)


class RawHandler:
    """Child elements no other field maps, each kept whole as XML text."""

    many = True

    def __init__(self, rank: int, fname: str):
        self.rank, self.fname = rank, fname

    def read_lines(self, r: Any, names: tuple[str, ...], indent: int) -> None:
        r.src.add(indent, f"{r.local(self.fname)}.append(serialise({names[0]})[1])")

    def write_lines(self, src: Any, indent: int, el: Element, marks: str | None) -> None:
        emit_lines(src, src.const(self, hint('h', self)), indent, el, marks)

    def emit(self, obj: Any, out: list[str], nl: str, step: str, scope: tuple[Any, ...],
             marks: list[Mark] | None) -> Token | None:
        """Write the elements; the token of the last one (None: there are none)."""
        level = level_of(nl, step)
        token = None
        for index, payload in enumerate(items_of(obj, self.fname, self.fname)):
            if not isinstance(payload, str):
                raise SerializeError(f"{self.fname}[{index}]: expected XML text (str), "
                                     f"got {type(payload).__name__}")
            try:
                text = kept_element(payload, scope, level, step)
            except etree.XMLSyntaxError as err:
                raise SerializeError(f"{self.fname}[{index}]: not an XML element: {err}") from None
            token = (self.fname, index)
            if marks is not None:
                marks.append((token, len(out)))
            out.append(nl)
            out.append(text)
        return token

    def check(self, node: Node, found: list[Node]) -> str | None:
        items, problem = sequence(node, self.fname)
        for index, payload in enumerate(items):
            where = node.path(f".{self.fname}[{index}]")
            if not isinstance(payload, str):
                return f"{where}: expected XML text (str), got {type(payload).__name__}"
            try:
                etree.fromstring(payload, safe_parser())
            except (etree.XMLSyntaxError, ValueError) as err:
                return f"{where}: not an XML element: {err}"
        return problem
