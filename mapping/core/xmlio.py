"""Reading and writing documents: safe parsing, root lookup, serialisation."""
from __future__ import annotations

import functools
import gc
import importlib
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from ._engine import ParseContext, serialise
from .compat import for_compat
from ._safe import doctype_in_prolog, safe_parser, utf8_of_text, utf8_of_wide
from ._shape import raise_located
from ._stack import DEEPEST_DOCUMENT, deep_enough, room
from ._plan import _nsmap_for, plan_for
from ._types import is_mapped
from ._writer import EMPTY_SCOPE, Site, kept_node
from .errors import ParseError, Problem, SerializeError
from .extras import Extras
from .tokens import Token

POLICIES = ("preserve", "ignore", "error")

# Untrusted input: no entity expansion, no DTD loading, no network, bounded size.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

# lxml reads each attribute's value with a linear search over the element's attributes,
# so reading all n of them costs n² (20,000 on one element: 2.3 s, where parsing takes
# 6 ms). libvirt's schema has no element with more than a few dozen attributes (15 at
# most in the corpus); at 256 the most crowded element costs a few times what parsing it
# does (benchmarks/bench_shapes.py), and nothing real comes near.
MAX_ATTRIBUTES = 256
_CROWDED = f"(//*[count(@*) > {MAX_ATTRIBUTES}])[1]"

_roots: dict[str, type] = {}
# Roots whose class is imported when a document of theirs is first read: a process that
# reads domains only does not pay for importing every other format. tag -> (module, name)
_lazy_roots: dict[str, tuple[str, str]] = {}

# Pause the cyclic garbage collector while mapping a document (see from_element).
PAUSE_GC = True

def register_root(cls: type[Any]) -> type[Any]:
    """Let `from_xml(data)` pick `cls` for documents whose root tag is its tag."""
    tag = cls.__xml__.tag
    if tag is None:
        raise TypeError(f"{cls.__name__} has no @element tag to register as a root")
    _roots[tag] = cls
    _lazy_roots.pop(tag, None)
    return cls


def register_lazy_root(tag: str, module: str, name: str,
                       when: Callable[[Any], bool] | None = None) -> None:
    """Let `from_xml(data)` pick the class `name` of `module` for documents whose root
    tag is `tag`; the module is imported when the first such document is read.

    `when`: for a tag two formats share (a host's `<interface name=..>` and a guest's
    nic): the class is picked for a root element (lxml's) that `when` holds true of,
    before the tag's other class."""
    if when is not None:
        _shared_roots.setdefault(tag, []).append((when, module, name))
    elif tag not in _roots:
        _lazy_roots[tag] = (module, name)


# Tags of several formats: (test of the root element, module, class name), in order.
_shared_roots: dict[str, list[tuple[Callable[[Any], bool], str, str]]] = {}


def class_for_root(root: Any) -> type | None:
    """The class `from_xml` reads the document under the lxml element `root` into: by
    its tag, and for a tag two formats share, by what each's `when=` says of its content."""
    for when, module, name in _shared_roots.get(root.tag, ()):
        if when(root):
            found: type = getattr(importlib.import_module(module), name)
            return found
    return root_class(root.tag)


def root_class(tag: str) -> type | None:
    """The class registered for documents whose root tag is `tag`, or None."""
    cls = _roots.get(tag)
    if cls is None and tag in _lazy_roots:
        module, name = _lazy_roots[tag]
        cls = getattr(importlib.import_module(module), name)
        _roots.setdefault(tag, cls)
        _lazy_roots.pop(tag, None)
    return cls


def registered_roots() -> dict[str, type]:
    """Every registered root class by its tag (importing the lazily registered ones)."""
    for tag in list(_lazy_roots):
        root_class(tag)
    return dict(_roots)


def shared_roots() -> dict[str, list[type]]:
    """The classes picked by a test of the root element, by tag (importing them)."""
    return {tag: [getattr(importlib.import_module(module), name) for _, module, name in found]
            for tag, found in _shared_roots.items()}


def _tagged_subclass(cls: type, root: Any) -> type:
    """For a class without a tag of its own: the registered root class of `root`'s tag
    when it is a subclass (`from_xml(disk_xml, Device)` gives a Disk). A base of other
    root classes that is not one of them is refused; any other class without a tag (a
    union variant, named by its parent's tag) reads the element as it is."""
    found = root_class(root.tag)
    if found is not None and issubclass(found, cls):
        return found
    kinds = sorted(f"<{etree.QName(tag).localname}>" for tag, klass in _roots.items()
                   if issubclass(klass, cls))
    if kinds:
        raise ParseError(Problem(
            f"{cls.__name__} has no element of its own, and <{etree.QName(root).localname}> "
            f"is none of its kinds ({', '.join(kinds)})", root.sourceline, f"/{root.tag}"))
    return cls


def parse_document(data: str | bytes, max_bytes: int = MAX_DOCUMENT_BYTES) -> Any:
    """Parse untrusted XML into an lxml root element, or raise ParseError.

    Time is linear in the input: the prolog scan, the encoding checks and the bound on
    attributes per element each pass over the text or the tree once.
    """
    if isinstance(data, str):
        if len(data) > max_bytes:   # (each character is at least one byte)
            raise ParseError(f"document is over the {max_bytes}-byte limit")
        data = utf8_of_text(data)
    if not isinstance(data, bytes):
        raise ParseError(f"expected XML as str or bytes, got {type(data).__name__}")
    if not data or data.isspace():   # (strip() would copy the whole document)
        raise ParseError("empty document")
    if len(data) > max_bytes:
        raise ParseError(f"document is {len(data)} bytes, over the {max_bytes}-byte limit")
    data = utf8_of_wide(data)
    # A document whose first byte opens its root element has no prolog, so no DOCTYPE
    # (XML puts one before the root only), and no declaration naming another encoding
    # than UTF-8 for libxml2 to read it in: neither check of a DOCTYPE can find one.
    # (Most documents libvirt and engines write start so.)
    rooted = data[:1] == b"<" and data[1:2] not in (b"?", b"!")
    if not rooted and doctype_in_prolog(data):
        # Domain XML never carries a DTD; one here is at best noise, at worst an attack
        # (entity expansion, external fetches). Refused before libxml2 sees it.
        raise ParseError(Problem("DOCTYPE declarations are not accepted", 1))
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as err:
        line = err.position[0] if err.position else None
        message = err.msg.replace("\n", "")   # (libxml2 ends some with a newline)
        raise ParseError(Problem(f"malformed XML: {message}", line)) from None
    if not rooted:
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:   # an encoding the scan missed
            raise ParseError(Problem("DOCTYPE declarations are not accepted", 1))
    # Every attribute has its "=": only a document with enough of them is searched.
    if data.count(b"=") > MAX_ATTRIBUTES:
        _refuse_crowded(root)
    return root


def _refuse_crowded(root: Any) -> None:
    """ParseError for the first element with more than MAX_ATTRIBUTES attributes."""
    for crowded in root.xpath(_CROWDED):
        count = int(crowded.xpath("count(@*)"))   # (not len(.attrib): quadratic)
        raise ParseError(Problem(f"{count} attributes, more than {MAX_ATTRIBUTES} are not "
                                 "accepted", crowded.sourceline,
                                 crowded.getroottree().getpath(crowded)))


def from_element(root: Any, cls: type[Any] | None = None, *, unknown: str = "preserve",
                 tokens: Callable[[str], Token | None] | None = None,
                 source: str | bytes | None = None) -> Any:
    """Map an lxml element (already parsed) to an entity.

    `tokens`: a recognizer that turns some raw values into `Token`s (kept as they are,
    whatever the field's type) instead of passing them to the field's codec.
    `source`: the document `root` was parsed from, for `to_xml` to write the entity in
    its style (kept under `unknown="preserve"` only, where nothing of it is dropped).
    """
    if unknown not in POLICIES:
        raise ValueError(f"unknown= must be one of {POLICIES}, not {unknown!r}")
    if not isinstance(root.tag, str):
        raise ParseError("the document has no root element")
    if cls is None:
        cls = class_for_root(root)
        if cls is None:
            known = ", ".join(sorted(f"<{etree.QName(tag).localname}>"
                                     for tag in [*_roots, *_lazy_roots])) or "none"
            raise ParseError(Problem(f"no model for root element <{etree.QName(root).localname}>"
                                     f" (known roots: {known})", root.sourceline, f"/{root.tag}"))
    elif cls.__dict__.get("__xml__") is not None and cls.__xml__.tag is None:
        cls = _tagged_subclass(cls, root)
    plan = plan_for(cls)
    if plan.tag is not None and root.tag != plan.tag:
        raise ParseError(Problem(f"expected root <{plan.tag}> for {plan.name}, got <{root.tag}>",
                                 root.sourceline, f"/{root.tag}"))
    ctx = ParseContext(unknown, tokens)
    # Mapping makes many objects and no reference cycles: a cyclic collection while it
    # runs frees nothing and rescans what it just made (about a tenth of from_xml, more
    # in a process that holds many entities). Objects made meanwhile are collected as
    # usual afterwards. Only a collector enabled here is paused, and it is always resumed.
    paused = PAUSE_GC and gc.isenabled()
    if paused:
        gc.disable()
    try:
        read = plan.read if tokens is None else plan.read_tokens
        try:
            entity = read(root, ctx)
        except RecursionError:   # one of the deepest documents: again, with room for it
            ctx = ParseContext(unknown, tokens)
            with room(DEEPEST_DOCUMENT):
                entity = read(root, ctx)
    finally:
        if paused:
            gc.enable()
    if root.getparent() is None and (root.getprevious() is not None
                                     or root.getnext() is not None):
        _keep_outside(entity, root, ctx)
    if ctx.problems:
        # An element's unknown children are reported once its children are read, after
        # what was found inside them: put back in the document's order (by line; stable).
        ctx.problems.sort(key=_line_of)
        raise ParseError(ctx.problems)
    if source is not None and unknown == "preserve":
        keep_source(entity, source, _rereader(type(entity)) if tokens is None else
                    functools.partial(from_xml, cls=type(entity), tokens=tokens))
    return entity


def keep_source(entity: Any, data: str | bytes, reread: Callable[[str], Any]) -> None:
    """Let `entity` be written in the style of the document it was read from: `reread`
    reads that document's text into the entity as it was (a reader with placeholders
    passes its own; a picklable one keeps the entity picklable). A document that is not
    UTF-8 is written in libvirt's style: the text `to_xml` returns could not give its
    bytes back."""
    entity.__dict__[_SOURCE] = _Source(data, reread)


_rereaders: dict[type, Callable[[str], Any]] = {}


def _rereader(cls: type) -> Callable[[str], Any]:
    """`from_xml` for `cls`, made once per class (as a partial: picklable)."""
    reread = _rereaders.get(cls)
    if reread is None:
        reread = _rereaders.setdefault(cls, functools.partial(from_xml, cls=cls))
    return reread


def _line_of(problem: Problem) -> int:
    return problem.line or 0


def _keep_outside(entity: Any, root: Any, ctx: ParseContext) -> None:
    """Comments and PIs before and after a document's root: kept on the root entity."""
    before = list(root.itersiblings(preceding=True))[::-1]
    after = list(root.itersiblings())
    if ctx.policy == "preserve":
        extras = entity.extras if entity.extras is not None else Extras()
        extras.before = [serialise(node) for node in before]
        extras.after = [serialise(node) for node in after]
        entity.extras = extras
    elif ctx.policy == "error":
        for node in before + after:
            kind = "comment" if node.tag is etree.Comment else "processing instruction"
            place = "before" if node in before else "after"
            ctx.problem(node, f"unknown {kind} {place} the root element")


def _outside(entity: Any, text: str, pretty: bool) -> str:
    """The document's text with the root entity's comments and PIs before and after it
    (checked with the rest of its kept XML when the root was written)."""
    extras = entity.extras
    if extras is None or not (getattr(extras, "before", None) or getattr(extras, "after", None)):
        return text   # (the common case: one attribute read and a test)
    parts = [kept_node(kind, payload, EMPTY_SCOPE, 0, "") for kind, payload in extras.before]
    parts.append(text)
    parts += [kept_node(kind, payload, EMPTY_SCOPE, 0, "") for kind, payload in extras.after]
    return ("\n" if pretty else "").join(parts)


def from_xml(data: str | bytes, cls: type | None = None, *, unknown: str = "preserve",
             tokens: Callable[[str], Token | None] | None = None) -> Any:
    """Parse XML text into an entity of `cls`, or of the class registered for its root.

    Under `unknown="preserve"` the entity remembers the text it was read from, so that
    `to_xml` writes it back as it was, and writes an edit in the document's own style.
    """
    return from_element(parse_document(data), cls, unknown=unknown, tokens=tokens,
                        source=data)


# Where an entity read from a document keeps that document: beside its fields, so not
# compared, shown or put in JSON, and copied with it (`copy`, `deepcopy`, pickle).
_SOURCE = "_xml_source"


class _Source:
    """A document as read, and (once asked for) what the writer makes of it unedited.
    Its text is decoded when first written: most documents read are never written."""

    __slots__ = ("data", "reread", "written", "decoded", "_text")

    def __init__(self, data: str | bytes, reread: Callable[[str], Any]):
        self.data, self.reread, self.written = data, reread, None
        self.decoded = False
        self._text: str | None = None

    @property
    def text(self) -> str | None:
        """The document as text; None when it is not UTF-8 (and not text already)."""
        if not self.decoded:
            # (two threads at once decode it twice, to the same text)
            self._text = _source_text(self.data)
            self.decoded = True
        return self._text

    def __deepcopy__(self, memo: dict[int, Any]) -> _Source:
        return self   # (nothing in it changes)


def _source_text(data: str | bytes) -> str | None:
    """The document as text, when it is UTF-8 (or text already): what `to_xml` returns
    is text, which gives the same bytes back only then."""
    if isinstance(data, str):
        return data
    head = data[:100].lower()
    if b"encoding" in head and not re.search(rb"""encoding\s*=\s*["']utf-?8["']""", head):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _root(entity: Any, tag: str | None, compat: str | None) -> tuple[Any, Any, str]:
    """(entity as of `compat`, its class plan, its root tag) for writing a document."""
    if not is_mapped(type(entity)):
        raise SerializeError(f"{type(entity).__name__} is not an @element entity")
    if compat is not None:
        try:
            entity = for_compat(entity, compat)
        except (RecursionError, TypeError, AttributeError) as err:   # (a cycle, a wrong type)
            raise_located(entity, plan_for(type(entity)), err)
    plan = plan_for(type(entity))
    tag = tag or plan.tag
    if tag is None:
        raise SerializeError(f"{plan.name} has no @element tag; pass tag=")
    return entity, plan, tag


STYLES = ("source", "libvirt")


def to_xml(entity: Any, *, pretty: bool = True, tag: str | None = None,
           compat: str | None = None, style: str = "source") -> str:
    """Serialise an entity as an XML string (indented by default).

    `style`: "source" writes an entity read by `from_xml` in the style of the document
    it was read from (byte for byte when unedited; an edit changes only what it
    changed), and any other entity as "libvirt" does: as libvirt writes its XML, in
    single quotes, indented by two spaces, with a final line break. `pretty=False`
    writes one line, in libvirt's quotes.
    `compat`: a compatibility level; fields declared `since` a newer level are left out.
    """
    if style not in STYLES:
        raise ValueError(f"style= must be one of {STYLES}, not {style!r}")
    text = _written(entity, pretty, tag, compat)
    source = entity.__dict__.get(_SOURCE) if style == "source" and pretty else None
    if source is None or source.text is None or text == source.text or (
            tag is not None and tag != plan_for(type(entity)).tag):
        return text
    if compat is None and source.written is not None:
        old = source.written
        if text == old:   # (unedited since it was last compared: its source, as it is)
            same_again: str = source.text
            return same_again
    elif compat is None and _means_the_same(source.text, text):
        # The common first write: nothing edited, the source only laid out otherwise
        # than the writer lays it out (indentation, quotes, attribute order). Two lxml
        # parses say so for a fraction of reading the source again and writing it.
        # What was written is then what the unedited entity writes: later writes of it
        # compare texts only, and an edit is laid out against it.
        source.written = text
        same: str = source.text
        return same
    else:
        unedited = source.reread(source.text)
        old = _written(unedited, pretty, tag, compat)
        if compat is None:
            source.written = old   # (the same text whichever thread makes it)
    from ._restyle import restyle   # (edited documents only: not paid at import)
    return deep_enough(lambda: restyle(source.text, old, text))


def _means_the_same(source: str, text: str) -> bool:
    """Whether two documents are one XML document, but for their layout: the same
    canonical form (C14N: attribute order and quotes) once blank text between elements
    is dropped. False when either cannot be compared so (a DOCTYPE)."""
    try:
        parser = safe_parser(layout=False)
        # (as UTF-8, which every kept source is: a str may carry its declaration)
        left = etree.fromstring(source.encode("utf-8"), parser).getroottree()
        right = etree.fromstring(text.encode("utf-8"), parser).getroottree()
        if left.docinfo.doctype or right.docinfo.doctype:
            return False
        return bool(etree.tostring(left, method="c14n") == etree.tostring(right, method="c14n"))
    except (etree.LxmlError, ValueError, TypeError):
        return False


def _written(entity: Any, pretty: bool, tag: str | None, compat: str | None) -> str:
    """The entity as the writer writes it, in libvirt's style."""
    entity, plan, tag = _root(entity, tag, compat)
    site = plan.root_sites.get(tag)
    if site is None:
        site = plan.root_sites[tag] = Site(tag, _nsmap_for(tag, plan.nsmap))
    nl, step = ("\n", "  ") if pretty else ("", "")

    write_entity = (plan.clean if entity.__class__ is plan.cls and entity.extras is None
                    else plan.fn)

    def write() -> list[str]:
        out: list[str] = []
        write_entity(entity, site, plan.name, out, nl, step, EMPTY_SCOPE)
        return out
    try:
        out = deep_enough(write)
    except Exception as err:   # a value of a wrong type deep inside: name its field
        raise_located(entity, plan, err)
    text = _outside(entity, "".join(out), pretty)
    return text + "\n" if pretty else text


def to_element(entity: Any, tag: str | None = None, *, compat: str | None = None) -> Any:
    """An lxml element of an entity (without what is newer than `compat`): the text
    `to_xml` writes, parsed. A root entity's comments and PIs before and after it are
    the element's siblings (`etree.tostring(root.getroottree())` writes them)."""
    text = to_xml(entity, pretty=False, tag=tag, compat=compat)
    return etree.fromstring(text, safe_parser())
