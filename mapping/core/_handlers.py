"""Child handlers: one per way a field can sit in the children of an element.

Each handler has a `rank` (declaration position, for document-order bookkeeping) and
`many` (whether it takes a list of children: their tokens are `(field, index)`, or else
its `token`). The generated readers (`_readgen`) and writers (`_emitgen`) read and write
for them; free-form entries and raw elements write themselves (`emit`).
"""
from __future__ import annotations

from typing import Any

from lxml import etree

from ._engine import ElementPlan, Target
from ._writer import Site, discriminator, escape_text, kept_element, level_of, open_tag
from .errors import SerializeError


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


class NestedListHandler(NestedHandler):
    """A repeated child element mapped to a list of dataclasses."""

    many = True


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

    def key(self, obj: Any) -> str:
        """The variant key of the (set) value: what the discriminator attribute says."""
        value = getattr(obj, self.fname)
        keys = self.keys_by_class.get(value.__class__)
        if keys is not None and len(keys) == 1:
            return keys[0]
        return self._key_for(obj, value)

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
        self.site = Site(tag, nsmap)

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

    def emit(self, obj: Any, out: list, nl: str, step: str, scope: tuple,
             marks: list | None) -> None:
        found = getattr(obj, self.fname)
        if found is None:
            return
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
            return
        out.append(head + ">")
        for name, value in found.items():
            entry_head, entry_close, _ = open_tag(self.prefix + name, (), inner)
            out.append(nl + step)
            out.append(entry_head + ">" + escape_text(value) + entry_close)
        out.append(nl)
        out.append(close)


def _blank(text: str | None) -> bool:
    return text is None or text.isspace()


class RawHandler:
    """Child elements no other field maps, each kept whole as XML text."""

    many = True

    def __init__(self, rank: int, fname: str):
        self.rank, self.fname = rank, fname

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
