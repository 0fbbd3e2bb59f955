"""Child handlers: one per way a field can sit in the children of an element.

Each handler has a `rank` (declaration position, for document-order bookkeeping),
`many` (whether it takes a list of children: their tokens are `(field, index)`, or else
its `token`), and `write(obj, pieces, parent)` which appends `(token, element)` pairs.
The generated readers (`_readgen`) read for them.
"""
from __future__ import annotations

from typing import Any

from lxml import etree

from ._engine import ElementPlan, Target, build_content, materialise
from ._writer import (Site, discriminator, emit_content, kept_element, level_of, needs_lxml,
                      text_value, through_lxml)
from .errors import SerializeError
from .extras import ELEMENT, Extras


def _new_element(tag: str, nsmap: dict | None) -> Any:
    return etree.Element(tag, nsmap=nsmap) if nsmap else etree.Element(tag)


def writer_of(plan: Any, value: Any) -> Any:
    """The plain writer for a value holding unknown XML (the generated one would only
    hand it there), else the generated one: a chain of such objects (a backing chain
    that keeps unknown attributes) then costs a frame less per level of nesting."""
    return plan.emit if getattr(value, "extras", None) is not None else plan.fn


def flag_problem(value: Any) -> str:
    return f"expected True, False or None, got {type(value).__name__} {value!r}"


def items_of(obj: Any, fname: str, where: str) -> Any:
    """A list field's items. The writers iterate what they are given: a str would be
    written as one item per character, so anything but a list (or tuple) is refused."""
    items = getattr(obj, fname)
    if items.__class__ is list or items is None or isinstance(items, (list, tuple)):
        return items or ()
    raise SerializeError(f"{where}: expected a list, got {type(items).__name__}")


class NestedHandler:
    """One child element mapped to a nested dataclass."""

    many = False

    def __init__(self, rank: int, fname: str, tag: str, plan: Any, nsmap: dict | None,
                 where: str):
        self.rank, self.fname, self.tag, self.plan = rank, fname, tag, plan
        self.nsmap, self.where = nsmap, where
        self.site = Site(tag, nsmap)
        self.token = (fname, 0)

    def write(self, obj: Any, pieces: list, parent: Any) -> None:
        value = getattr(obj, self.fname)
        if value is not None:
            pieces.append((self.token, self.plan.build(value, self.tag, self.nsmap, self.where)))

    def emit(self, obj: Any, out: list, nl: str, step: str, scope: tuple,
             marks: list | None) -> None:
        value = getattr(obj, self.fname)
        if value is not None:
            if marks is not None:
                marks.append((self.token, len(out)))
            out.append(nl)
            writer_of(self.plan, value)(value, self.site, self.where, out, nl, step, scope)


class NestedListHandler(NestedHandler):
    """A repeated child element mapped to a list of dataclasses."""

    many = True

    def write(self, obj: Any, pieces: list, parent: Any) -> None:
        for index, value in enumerate(getattr(obj, self.fname) or ()):
            built = self.plan.build(value, self.tag, self.nsmap, f"{self.where}[{index}]")
            pieces.append(((self.fname, index), built))

    def emit(self, obj: Any, out: list, nl: str, step: str, scope: tuple,
             marks: list | None) -> None:
        values = getattr(obj, self.fname)
        if not values:
            return
        plan, site, where = self.plan, self.site, self.where
        for index, value in enumerate(values):
            if marks is not None:
                marks.append(((self.fname, index), len(out)))
            out.append(nl)
            writer_of(plan, value)(value, site, (where, index), out, nl, step, scope)


class ScalarListHandler:
    """A repeated child element whose text is the item: `<initarg>--x</initarg>`."""

    many = True

    def __init__(self, rank: int, target: Target, tag: str, nsmap: dict | None):
        self.rank, self.target, self.tag, self.nsmap = rank, target, tag, nsmap
        self.fname = target.fname
        self.site = Site(tag, nsmap)
        self.plan = ElementPlan()
        self.plan.leaf = True
        self.plan.text = Target("\0item", target.codec, None, target.where)

    def write(self, obj: Any, pieces: list, parent: Any) -> None:
        fname = self.target.fname
        subs = obj.extras.sub if obj.extras is not None else {}
        for index, value in enumerate(items_of(obj, fname, self.target.where)):
            built = _new_element(self.tag, self.nsmap)
            built.text = self.target.encode(value)
            extras = subs.get(f"{fname}#{index}")
            if extras is not None:
                build_content(ElementPlan(), None, built, extras)
            pieces.append(((fname, index), built))

    def emit(self, obj: Any, out: list, nl: str, step: str, scope: tuple,
             marks: list | None) -> None:
        fname = self.target.fname
        values = items_of(obj, fname, self.target.where)
        if not values:
            return
        head, close, _ = self.site.open(scope)
        subs = obj.extras.sub if obj.extras is not None else {}
        for index, value in enumerate(values):
            if marks is not None:
                marks.append(((fname, index), len(out)))
            out.append(nl)
            extras = subs.get(f"{fname}#{index}")
            if extras is not None:
                through_lxml(self._build_one(value, extras), out, nl, step, scope)
                continue
            out.append(f"{head}>{text_value(self.target, value)}{close}")

    def _build_one(self, value: Any, extras: Extras) -> Any:
        built = _new_element(self.tag, self.nsmap)
        built.text = self.target.encode(value)
        build_content(ElementPlan(), None, built, extras)
        return built


class GroupHandler:
    """A path-reached element (`boot` in `boot/@order`) whose leaves are owner fields."""

    many = False

    def __init__(self, rank: int, tag: str, key: str, nsmap: dict | None):
        self.rank, self.tag, self.key, self.nsmap = rank, tag, key, nsmap
        self.site = Site(tag, nsmap)
        self.plan = ElementPlan()
        self.plan.leaf = True
        self.field_names: list[str] = []   # every field reached through this element
        self.token = (f"/{key}", 0)

    def _reached(self, obj: Any) -> tuple[bool, Extras | None]:
        """Whether the element is written (kept XML, or a field set through it), and its
        kept XML."""
        extras = obj.extras.sub.get(self.key) if obj.extras is not None else None
        if extras is not None:
            return True, extras
        for name in self.field_names:   # (a loop: cheaper than any() over a generator)
            if getattr(obj, name) is not None:
                return True, None
        return False, None

    def write(self, obj: Any, pieces: list, parent: Any) -> None:
        reached, extras = self._reached(obj)
        if not reached:
            return
        built = _new_element(self.tag, self.nsmap)
        build_content(self.plan, obj, built, extras)
        if extras is not None or len(built.attrib) or built.text is not None or len(built):
            pieces.append((self.token, built))

    def emit(self, obj: Any, out: list, nl: str, step: str, scope: tuple,
             marks: list | None) -> None:
        reached, extras = self._reached(obj)
        if not reached:
            return
        start = len(out)
        if marks is not None:
            marks.append((self.token, start))
        out.append(nl)
        if extras is not None and needs_lxml(extras):
            built = _new_element(self.tag, self.nsmap)
            build_content(self.plan, obj, built, extras)
            through_lxml(built, out, nl, step, scope)
            return
        head, close, inner = self.site.open(scope)
        out.append(head)
        if not emit_content(self.plan, obj, extras, out, nl, step, inner, close):
            del out[start:]
            if marks is not None:
                marks.pop()


class FlagHandler:
    """An empty element whose presence is a True value (`<readonly/>`)."""

    many = False

    def __init__(self, rank: int, fname: str, tag: str, nsmap: dict | None):
        self.rank, self.fname, self.tag, self.nsmap = rank, fname, tag, nsmap
        self.site = Site(tag, nsmap)
        self.token = (fname, 0)
        self.empty = ElementPlan()

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

    def write(self, obj: Any, pieces: list, parent: Any) -> None:
        if self.present(obj):
            built = _new_element(self.tag, self.nsmap)
            extras = obj.extras.sub.get(self.fname) if obj.extras is not None else None
            if extras is not None:
                build_content(self.empty, obj, built, extras)
            pieces.append((self.token, built))

    def emit(self, obj: Any, out: list, nl: str, step: str, scope: tuple,
             marks: list | None) -> None:
        if not self.present(obj):
            return
        if marks is not None:
            marks.append((self.token, len(out)))
        out.append(nl)
        extras = obj.extras.sub.get(self.fname) if obj.extras is not None else None
        head, close, inner = self.site.open(scope)
        if extras is None:
            out.append(head + "/>")
        elif needs_lxml(extras):
            built = _new_element(self.tag, self.nsmap)
            build_content(self.empty, obj, built, extras)
            through_lxml(built, out, nl, step, scope)
        else:
            out.append(head)
            emit_content(self.empty, obj, extras, out, nl, step, inner, close)


class UnionHandler:
    """A child element whose dataclass is picked by a discriminator value."""

    many = False

    def __init__(self, rank: int, fname: str, tag: str, variants: dict[str, Any],
                 on: str | None, by: Target | None, nsmap: dict | None, where: str,
                 default: str | None = None):
        self.rank, self.fname, self.tag, self.nsmap = rank, fname, tag, nsmap
        self.variants = variants                 # key -> ClassPlan
        self.on, self.by, self.where, self.default = on, by, where, default
        self.site = Site(tag, nsmap)
        self.discriminators = {key: discriminator(on, key) for key in variants} if on else {}
        # Classes that are the variant of one key only: (plan, discriminator) by class.
        self.entries: dict[type, tuple] = {}
        self.keys_by_class: dict[type, list[str]] = {}
        for key, plan in variants.items():
            self.keys_by_class.setdefault(plan.cls, []).append(key)
        self.token = (fname, 0)

    def _key_for(self, obj: Any, value: Any) -> str:
        keys = self.keys_by_class.get(type(value))
        if keys is None:
            allowed = ", ".join(sorted({p.cls.__name__ for p in self.variants.values()}))
            raise SerializeError(
                f"{self.where}: {type(value).__name__} is not a variant ({allowed})")
        if len(keys) > 1 and self.by is not None:
            current = getattr(obj, self.by.fname)
            if current is not None and str(current) in keys:
                return str(current)
        return keys[0]

    def write(self, obj: Any, pieces: list, parent: Any) -> None:
        value = getattr(obj, self.fname)
        if value is None:
            return
        key = self._key_for(obj, value)
        plan = self.variants[key]
        if self.on is not None:
            built = plan.build(value, self.tag, self.nsmap, self.where, (self.on, key))
        else:
            # The variant decides the discriminator: changing file -> block writes block.
            if not (key == self.default and getattr(obj, self.by.fname) is None):
                parent.set(self.by.qname, key)
            built = plan.build(value, self.tag, self.nsmap, self.where)
        pieces.append((self.token, built))

    def key(self, obj: Any) -> str:
        """The variant key of the (set) value: what the discriminator attribute says."""
        value = getattr(obj, self.fname)
        keys = self.keys_by_class.get(value.__class__)
        if keys is not None and len(keys) == 1:
            return keys[0]
        return self._key_for(obj, value)

    def emit(self, obj: Any, out: list, nl: str, step: str, scope: tuple,
             marks: list | None) -> None:
        value = getattr(obj, self.fname)
        if value is None:
            return
        plan, disc = self.entry(obj, value)
        if marks is not None:
            marks.append((self.token, len(out)))
        out.append(nl)
        plan.fn(value, self.site, self.where, out, nl, step, scope, disc)

    def entry(self, obj: Any, value: Any) -> tuple:
        """(variant plan, discriminator or None) for the value; cached by class when the
        class is the variant of one key only."""
        key = self._key_for(obj, value)
        found = (self.variants[key], self.discriminators.get(key))
        if len(self.keys_by_class[value.__class__]) == 1:
            self.entries[value.__class__] = found
        return found


class ChoiceHandler:
    """Children of several kinds in one list, in document order (`<devices>`)."""

    many = True

    def __init__(self, rank: int, fname: str, plans: dict[str, Any],
                 nsmaps: dict[str, dict | None], where: str):
        self.rank, self.fname, self.plans, self.nsmaps, self.where = (
            rank, fname, plans, nsmaps, where)
        self.tags_by_class: dict[type, str] = {}
        for tag, plan in plans.items():
            self.tags_by_class.setdefault(plan.cls, tag)
        self.sites = {tag: Site(tag, nsmap) for tag, nsmap in nsmaps.items()}
        self.entries: dict[type, tuple] = {}   # (plan, site) by class met, subclasses too

    def _tag_for(self, value: Any, index: int) -> str:
        for klass in type(value).__mro__:
            tag = self.tags_by_class.get(klass)
            if tag is not None:
                return tag
        allowed = ", ".join(cls.__name__ for cls in self.tags_by_class)
        raise SerializeError(
            f"{self.where}[{index}]: {type(value).__name__} is not one of {allowed}")

    def write(self, obj: Any, pieces: list, parent: Any) -> None:
        for index, value in enumerate(getattr(obj, self.fname) or ()):
            tag = self._tag_for(value, index)
            built = self.plans[tag].build(value, tag, self.nsmaps[tag], f"{self.where}[{index}]")
            pieces.append(((self.fname, index), built))

    def emit(self, obj: Any, out: list, nl: str, step: str, scope: tuple,
             marks: list | None) -> None:
        values = getattr(obj, self.fname)
        if not values:
            return
        fname, where, entries = self.fname, self.where, self.entries
        for index, value in enumerate(values):
            plan, site = entries.get(value.__class__) or self.entry(value, index)
            if marks is not None:
                marks.append(((fname, index), len(out)))
            out.append(nl)
            plan.fn(value, site, (where, index), out, nl, step, scope)

    def entry(self, value: Any, index: int) -> tuple:
        tag = self._tag_for(value, index)
        found = self.entries[value.__class__] = (self.plans[tag], self.sites[tag])
        return found


class EntriesHandler:
    """A wrapper of free-form leaves, as a dict of their local names to their texts."""

    many = False

    def __init__(self, rank: int, fname: str, tag: str, ns: str | None, nsmap: dict | None):
        self.rank, self.fname, self.tag, self.ns, self.nsmap = rank, fname, tag, ns, nsmap
        self.token = (fname, 0)
        self.prefix = f"{{{ns}}}" if ns else ""

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

    def write(self, obj: Any, pieces: list, parent: Any) -> None:
        found = getattr(obj, self.fname)
        if found is None:
            return
        if not isinstance(found, dict):
            raise SerializeError(f"{self.tag}: expected a dict, got {type(found).__name__}")
        built = _new_element(self.tag, self.nsmap)
        for name, value in found.items():
            reason = self.entry_problem(name, value, built)
            if reason is not None:
                raise SerializeError(f"{self.tag}: {reason}")
        pieces.append((self.token, built))

    def entry_problem(self, name: Any, value: Any, built: Any = None) -> str | None:
        """Why `name: value` cannot be an entry, or None (the entry is added to `built`).
        A name is a local name: a `{uri}` or `prefix:` in it would put the entry in
        another namespace, and it would read back as unknown XML."""
        if not isinstance(name, str) or not name or "{" in name or ":" in name:
            return f"entry name {name!r} is not an XML local name"
        if not isinstance(value, str):
            return f"entry {name!r} must be a str, not {type(value).__name__}"
        try:
            etree.SubElement(built if built is not None else _new_element("e", None),
                             self.prefix + name).text = value
        except ValueError as err:
            return f"entry {name!r}: {err}"
        return None

    def emit(self, obj: Any, out: list, nl: str, step: str, scope: tuple,
             marks: list | None) -> None:
        built: list = []
        self.write(obj, built, None)
        if built:
            if marks is not None:
                marks.append((self.token, len(out)))
            out.append(nl)
            through_lxml(built[0][1], out, nl, step, scope)


def _blank(text: str | None) -> bool:
    return text is None or text.isspace()


class RawHandler:
    """Child elements no other field maps, each kept whole as XML text."""

    many = True

    def __init__(self, rank: int, fname: str):
        self.rank, self.fname = rank, fname

    def write(self, obj: Any, pieces: list, parent: Any) -> None:
        for index, payload in enumerate(items_of(obj, self.fname, self.fname)):
            if not isinstance(payload, str):
                raise SerializeError(f"{self.fname}[{index}]: expected XML text (str), "
                                     f"got {type(payload).__name__}")
            try:
                built = materialise(ELEMENT, payload)
            except etree.XMLSyntaxError as err:
                raise SerializeError(f"{self.fname}[{index}]: not an XML element: {err}") from None
            pieces.append(((self.fname, index), built))

    def emit(self, obj: Any, out: list, nl: str, step: str, scope: tuple,
             marks: list | None) -> None:
        level = level_of(nl, step)
        for index, payload in enumerate(items_of(obj, self.fname, self.fname)):
            if not isinstance(payload, str):
                raise SerializeError(f"{self.fname}[{index}]: expected XML text (str), "
                                     f"got {type(payload).__name__}")
            try:
                text = kept_element(payload, scope, level, step)
            except etree.XMLSyntaxError as err:
                raise SerializeError(f"{self.fname}[{index}]: not an XML element: {err}") from None
            if marks is not None:
                marks.append(((self.fname, index), len(out)))
            out.append(nl)
            out.append(text)
