"""Generated text writers: one Python function per mapped class.

The one writer of `to_xml` (and, through it, of `to_element`). The function for a class
writes each attribute in a few lines that read the field, format it the way its codec
would (with a precomputed text for enum members and booleans) and append it;
path-reached elements and leaf classes are written inline.

What an object keeps of unknown XML is written by the same function: kept attributes after
the fields' (a namespace they need is declared on the element), and, when the object keeps
nodes or a document order, each child's place in `out` is marked as it is written and
`kept_children` puts the kept nodes among them. Kept text stands where lxml's indent()
would leave it: in place of the indentation.

From the same lines comes a lighter function per class, made on first use: the clean
writer, which the writers call for an object of the expected class that keeps no XML
(almost every object: in the shared corpus 228 of 49,921 keep any), has none of the lines
that look for kept XML. An object whose kept XML is child nodes or their order only (an
unknown child of a device, as a newer libvirt writes) takes a branch of the general
writer made of the clean lines and the children's marks; written again where it was
written before and unchanged since, it takes one made of the clean lines alone, which
copies the text its kept nodes were written as after the same last child
(`KEPT_AGAIN`). A class whose own element declares a namespace (a namespaced attribute
or path element) has none of these.

This module writes what every element has (open tag, attributes, text, the close or
`/>`); the lines for each child field are its kind's (`_handlers`, `write_lines`).

The source is registered in `linecache` under `<mapping writer module.Class>` (and
`<mapping clean writer module.Class>`).
"""
from __future__ import annotations

from typing import Any

from ._codegen import Source, hint as _hint
from ._emitvalues import attr_lines as _attr_lines, put as _put
from ._emitvalues import text_lines as _text_lines
from ._writer import (KEPT_AGAIN, KEPT_UNCHANGED, attr_value, check_kept, escape_attr,
                      kept_attrs, items_of, kept_children, kept_element_text, kept_leaf,
                      ns_attr, text_value, wrong_type)
from .extras import LAYOUT, Extras


def _new_source() -> Source:
    return Source({
        "attr_value": attr_value, "text_value": text_value, "wrong_type": wrong_type,
        "escape_attr": escape_attr, "check_kept": check_kept, "kept_attrs": kept_attrs,
        "kept_children": kept_children, "kept_element_text": kept_element_text,
        "kept_leaf": kept_leaf, "ns_attr": ns_attr, "items_of": items_of,
        "EMPTY": Extras(), "Extras": Extras,
        "isinstance": isinstance, "str": str, "len": len, "enumerate": enumerate,
        "format": format,
    })


class Element:
    """Names, in the generated code, of what the writing of one element refers to."""

    def __init__(self, nl: str, scope: str, close: str, *, bare: str | None = None,
                 me: str = "obj", x: str | None = None, cx: str | None = None,
                 head: str | None = None, disc: str = "None", where: str = "where",
                 checked: str = "None", clean: bool = False, again: bool = False):
        self.nl, self.scope, self.close, self.bare, self.me = nl, scope, close, bare, me
        # `clean`: lines of a clean writer (`generate_clean_writer`) or of the general
        # writer's branch for kept child nodes: the scope is a plain tuple and nothing
        # keeps XML but, in that branch, the object itself (`x`): neither is looked for.
        self.clean = clean
        # `x`: the local holding this element's kept XML (None: the element has none, as
        # a leaf written inline); `cx`: the local holding the leftovers of the class's
        # path-reached elements, flags and list items (`Extras.sub`, or None when there
        # are none); `head`: the local holding
        # the index in `out` of the open tag (namespace declarations go there).
        self.x, self.cx, self.head, self.disc, self.where = x, cx, head, disc, where
        # `checked`: the plan `x` was checked against on entering this writer (an object's
        # own extras), "None" for leftovers, which their owner's check covers.
        self.checked = checked
        # `again`: lines of the general writer's branch for an object written as it was
        # written before (`KEPT_AGAIN`, with the memo in the local `again`).
        self.again = again


def content(src: Source, plan: Any, indent: int, el: Element) -> None:
    """Attributes, text and children of an element whose open tag is already in `out`.

    `el.bare`: a local set to False once something is written (path-reached elements
    are left out when bare), or None when the element is written anyway.
    """
    src.depth += 1   # names the locals of this element and of its children's lines
    _attributes(src, plan, indent, el)
    text = _text(src, plan, indent, el)
    if plan.writers:
        _children(src, plan, indent, el, text)
    else:
        _leaf_end(src, indent, el, text)
    src.depth -= 1


def _attributes(src: Source, plan: Any, indent: int, el: Element) -> None:
    me, bare = el.me, el.bare
    for target in plan.attrs.values():
        value = src.local("a")
        src.add(indent, f"{value} = {me}.{target.fname}")
        src.add(indent, f"if {value} is not None:")
        if bare is not None:
            src.add(indent + 1, f"{bare} = False")
        if target.attr_prefix is None:   # a name in a namespace: its prefix is the scope's
            pre = src.local("np")
            src.add(indent + 1, f"{pre}, {el.scope} = ns_attr(out, {el.head}, "
                                f"{target.qname!r}, {el.scope})")
            src.add(indent + 1, f"out.append({pre} + attr_value({src.const(target, f't_{target.fname}_')}, "
                                f"{value}) + \"'\")")
        else:
            _attr_lines(src, target, value, indent + 1)
        for union in plan.by_unions:
            if union.by is target:
                _agreement(src, union, value, indent + 1, me)
        # Unset, it is written from the variant a union by it holds, in its own place.
        for union in plan.by_unions:
            if union.by is target and target.attr_prefix is not None:
                _unset_discriminator(src, union, indent, el)


def _unset_discriminator(src: Source, union: Any, indent: int, el: Element) -> None:
    handler = src.const(union, _hint("u", union))
    key = src.local("key")
    src.add(indent, f"elif {el.me}.{union.fname} is not None:")
    src.add(indent + 1, f"{key} = {handler}.key({el.me})")
    src.add(indent + 1, f"if {key} != {src.const(union.default, 'd')}:")
    if el.bare is not None:
        src.add(indent + 2, f"{el.bare} = False")
    pre = src.const(union.by.attr_prefix, "p")
    src.add(indent + 2, f"out.append({pre} + escape_attr({key}) + \"'\")")


def _agreement(src: Source, union: Any, value: str, indent: int, me: str) -> None:
    """A discriminator that is set must say what the variant says (a str or StrEnum
    discriminator is looked up among the variant's keys; anything else is asked)."""
    handler = src.const(union, _hint("u", union))
    keys = src.const({cls: frozenset(keys) for cls, keys in union.keys_by_class.items()}, "ks")
    variant = src.local("u")
    src.add(indent, f"{variant} = {me}.{union.fname}")
    src.add(indent, f"if {variant} is not None and {value} not in "
                    f"{keys}.get({variant}.__class__, ()):")
    src.add(indent + 1, f"{handler}.refuse_contradiction({value}, {variant})")


def _text(src: Source, plan: Any, indent: int, el: Element) -> str | None:
    """The lines that set a local to the element's escaped text (None when unset); the
    codec's hint attributes and the kept attributes are written here too."""
    text, x = None, el.x
    if plan.text is not None:
        text = src.local("text")
        value = src.local("tv")
        src.add(indent, f"{text} = None")
        src.add(indent, f"{value} = {el.me}.{plan.text.fname}")
        src.add(indent, f"if {value} is not None:")
        _text_lines(src, plan.text, value, text, indent + 1)
        for qname, hint in plan.hints.items():
            written = src.const(f" {qname}='{escape_attr(hint)}'", "s")
            if x is None:
                src.add(indent + 1, f"out.append({written})")
            else:   # a hint kept with another value (or as absent) wins
                src.add(indent + 1, f"if {x} is None or {qname!r} not in {x}.attrs:")
                src.add(indent + 2, f"out.append({written})")
    if x is not None and not el.clean:   # (a clean writer's object keeps no attributes)
        src.add(indent, f"if {x} is not None and {x}.attrs:")
        src.add(indent + 1, f"{el.scope} = kept_attrs(out, {el.head}, {x}.attrs, {el.scope}, "
                            f"{el.disc}, {el.where})")
    return text


def _leaf_end(src: Source, indent: int, el: Element, text: str | None) -> None:
    """The end of an element that maps no children: `/>`, its text, or what it keeps."""
    if el.again:   # (as `kept_leaf` writes the memo's text)
        _put(src, indent, "'>'")
        if text is None:
            src.add(indent, "out += again[2]")
        else:
            src.add(indent, f"if {text} and not (step and {LAYOUT.format(text)}):")
            _put(src, indent + 1, text)
            src.add(indent + 1, "out += again[2][1:]")
            src.add(indent, "else:")
            src.add(indent + 1, "out += again[2]")
        _put(src, indent, el.nl, el.close)
        return
    keyword = "if"
    if el.x is not None:
        src.add(indent, f"if {el.x} is not None and {el.x}.nodes:")
        _put(src, indent + 1, "'>'")
        src.add(indent + 1, f"kept_leaf(out, {el.x}, {el.checked}, {text}, {el.nl} + step, "
                            f"{el.nl}, step, {el.scope}, {text is not None}, {el.where})")
        _put(src, indent + 1, el.close)
        if el.bare is not None:
            src.add(indent + 1, f"{el.bare} = False")
        keyword = "elif"
    if text is None:
        if keyword == "if":
            src.add(indent, "out.append('/>')")
        else:
            src.add(indent, "else:")
            src.add(indent + 1, "out.append('/>')")
        return
    src.add(indent, f"{keyword} {text} is None:")
    src.add(indent + 1, "out.append('/>')")
    src.add(indent, "else:")
    _put(src, indent + 1, "'>'", text, el.close)
    if el.bare is not None:
        src.add(indent + 1, f"{el.bare} = False")


def _children(src: Source, plan: Any, indent: int, el: Element, text: str | None) -> None:
    mark, marks, inner = src.local("mark"), None, src.local("nl")
    src.add(indent, f"{mark} = len(out)")
    src.add(indent, "out.append('>')")
    src.add(indent, f"{inner} = {el.nl} + step")
    if el.again:
        # Written as before (`KEPT_AGAIN`): only the last child is noted, to copy the
        # same text after it if it is the same child.
        marks = src.local("ownlast")
        src.add(indent, f"{marks} = None")
    elif el.x is not None:
        # Kept nodes or a recorded order: each child's place in `out` is marked, and they
        # are put in order once written.
        marks = src.local("marks")
        src.add(indent, f"{marks} = None if {el.x} is None or ({el.x}.order is None and "
                        f"not {el.x}.nodes) else []")
    child = Element(inner, el.scope, el.close, x=el.x, cx=el.cx, where=el.where,
                    checked=el.checked, clean=el.clean)
    for writer in plan.writers:
        _child(src, writer, indent, child, marks)
    if el.again:
        src.add(indent, f"if {marks} == again[1]:")
        src.add(indent + 1, "out += again[2]")
        src.add(indent + 1, f"out.append({el.nl})")
        src.add(indent, "else:")
        # (another last child than when the memo was made: written again, with marks)
        src.add(indent + 1, "c[3] = None")
        src.add(indent + 1, "del out[h:]")
        src.add(indent + 1, f"return {el.checked}.fn(obj, site, where, out, nl, step, scope, "
                            "discriminator)")
    elif marks is not None:
        src.add(indent, f"if {marks} is not None:")
        src.add(indent + 1, f"kept_children(out, {mark} + 1, {marks}, {el.x}, {el.checked}, "
                            f"{inner}, {el.nl}, step, {el.scope}, {text is not None}, "
                            f"{el.where})")
    bare = el.bare
    src.add(indent, f"if len(out) == {mark} + 1:")
    if text is None:
        src.add(indent + 1, f"out[{mark}] = '/>'")
    else:
        src.add(indent + 1, f"if {text} is None:")
        src.add(indent + 2, f"out[{mark}] = '/>'")
        src.add(indent + 1, "else:")
        src.add(indent + 2, f"out[{mark}] = '>' + {text} + {el.close}")
        if bare is not None:
            src.add(indent + 2, f"{bare} = False")
    src.add(indent, "else:")
    if bare is not None:
        src.add(indent + 1, f"{bare} = False")
    if text is not None:
        # lxml keeps text before the first child as it is, and does not indent that child
        src.add(indent + 1, f"if {text} and not (step and {LAYOUT.format(text)}):")
        src.add(indent + 2, f"out[{mark}] = '>' + {text}")
        src.add(indent + 2, f"out[{mark} + 1] = ''")
    if marks is None:
        src.add(indent + 1, f"out.append({el.nl})")
    elif not el.again:   # (kept_children wrote what stands before the close tag, as the
        # memo's text ends with it)
        src.add(indent + 1, f"if {marks} is None:")
        src.add(indent + 2, f"out.append({el.nl})")
    src.add(indent + 1, f"out.append({el.close})")


def mark(src: Source, marks: str | None, token: str, indent: int) -> None:
    """Note where a child starts, for putting kept nodes among the children (or, for an
    object's own nodes written as before, which child is the last)."""
    if marks is None:
        return
    if _last_only(marks):
        src.add(indent, f"{marks} = {token}")
    else:
        src.add(indent, f"if {marks} is not None: {marks}.append(({token}, len(out)))")


def unmark(src: Source, marks: str | None, indent: int) -> None:
    """Forget the last child noted: it was left out, having written nothing."""
    if marks is None:
        return
    if _last_only(marks):
        # (no token is 0: the memo is not used, and the object is written again)
        src.add(indent, f"{marks} = 0")
    else:
        src.add(indent, f"if {marks} is not None: {marks}.pop()")


def _last_only(marks: str) -> bool:
    """Whether `marks` names the local that notes the last child only (the branch of an
    object written as before, `_children`), not a list of every child's place."""
    return marks.startswith("ownlast")


def emit_lines(src: Source, handler: str, indent: int, el: Element, marks: str | None) -> None:
    """The call of a field's own `emit(obj, out, nl, step, scope, marks)`, which returns
    the token of the last child it wrote (None: none)."""
    call = f"{handler}.emit(obj, out, {el.nl}, step, {el.scope}, "
    if marks is not None and _last_only(marks):
        token = src.local("t")
        src.add(indent, f"{token} = {call}None)")
        src.add(indent, f"if {token} is not None:")
        src.add(indent + 1, f"{marks} = {token}")
    else:
        src.add(indent, f"{call}{marks})")


def _child(src: Source, handler: Any, indent: int, el: Element, marks: str | None) -> None:
    handler.write_lines(src, indent, el, marks)


def open_lines(src: Source, site: Any, indent: int, scope: str) -> tuple[str, str, str, str]:
    """Lines that put an element's open tag (unclosed) in `out`: (the local holding its
    index, the close tag, the scope inside, the open tag) as expressions."""
    at = src.local("h")
    head, close, inner = src.local("gh"), src.local("gc"), src.local("gs")
    opened = f"{head}, {close}, {inner} = {src.const(site, 'S')}.open({scope})"
    if site.plain:
        src.add(indent, f"if {scope}.__class__ is tuple:")
        src.add(indent + 1, f"{head}, {close}, {inner} = {src.const(site.head, 's')}, "
                            f"{src.const(site.close, 's')}, {scope}")
        src.add(indent, "else:")
        src.add(indent + 1, opened)
    else:
        src.add(indent, opened)
    src.add(indent, f"{at} = len(out)")
    src.add(indent, f"out.append({head})")
    return at, close, inner, head


def nested_value(src: Source, writer: Any, value: str, where: str, indent: int,
                 el: Element) -> None:
    """Write `value` (a local that is not None) of a nested or nested-list writer: inline
    when its class is a leaf, through the class's clean writer when it keeps no XML, and
    otherwise through its writer."""
    plan = src.const(writer.plan, _hint("P", writer))
    site = src.const(writer.site, _hint("S", writer))
    args = f"({value}, {site}, {where}, out, {el.nl}, step, {el.scope})"
    if inlinable(writer.plan, writer.site):
        inline_leaf(src, writer.plan, writer.site.head, writer.site.close, value, indent,
                     el.nl, el.scope, clean=el.clean)
        src.add(indent, "else:")
        indent += 1
        src.add(indent, f"out.append({el.nl})")
        src.add(indent, f"{plan}.fn{args}")   # (what the inline lines do not take)
        return
    src.add(indent, f"out.append({el.nl})")
    src.add(indent, f"if {value}.__class__ is {src.const(writer.plan.cls, 'cls')} and "
                    f"{clean_object(value, el)}:")
    src.add(indent + 1, f"{plan}.clean{args}")
    src.add(indent, "else:")
    src.add(indent + 1, f"{plan}.fn{args}")


def clean_object(value: str, el: Element) -> str:
    """The condition under which an object the caller knows the class of is written by its
    class's clean writer: it keeps no XML, and the scope is a plain tuple."""
    if el.clean:
        return f"{value}.extras is None"
    return f"{value}.extras is None and {el.scope}.__class__ is tuple"


def inlinable(plan: Any, site: Any) -> bool:
    """A class without children, written where its tag needs no namespace: its few lines
    go into the parent's writer instead of a call."""
    return site.plain and not plan.writers and not plan.namespaced_attrs


def inline_leaf(src: Source, plan: Any, head: str, close: str, value: str, indent: int,
                 nl: str, scope: str, first: bool = True, clean: bool = False) -> None:
    """`if <value is exactly the class, holding nothing unknown>: <write it>`; the caller
    adds the `else:` that calls the class's writer."""
    cls = src.const(plan.cls, "cls")
    keyword = "if" if first else "elif"
    plain = "" if clean else f" and {scope}.__class__ is tuple"
    src.add(indent, f"{keyword} {value}.__class__ is {cls} and {value}.extras is None{plain}:")
    _put(src, indent + 1, nl, src.const(head, 's'))
    content(src, plan, indent + 1, Element(nl, scope, src.const(close, "s"), me=value))


def generate_writer(plan: Any) -> Any:
    """The generated writer of a class plan: `emit(obj, site, where, out, nl, step, scope,
    discriminator=None)` appends the text of `obj` as the element `site` says to `out`."""
    src = _new_source()
    cls, me = src.const(plan.cls, "cls"), src.const(plan, "plan")
    src.add(0, "def emit(obj, site, where, out, nl, step, scope, discriminator=None):")
    src.add(1, f"if obj.__class__ is not {cls} and not isinstance(obj, {cls}):")
    src.add(2, f"wrong_type({me}, where, obj)")
    src.add(1, "x = obj.extras")
    if plain_inside(plan):
        # Written where it was written before, unchanged since: the clean lines, then the
        # kept nodes' text as it was written after the same last child.
        src.add(1, f"if {KEPT_AGAIN.format(x='x', plan=me)}:")
        # (where the last child written differs, it starts over from the open tag)
        _open_plain(src, 2, bool(plan.writers))
        content(src, plan, 2, Element("nl", "scope", "close", x="x", checked=me, clean=True,
                                      again=True))
        src.add(2, "return")
    src.add(1, f"if x is not None and not ({KEPT_UNCHANGED.format(x='x', plan=me)}):")
    src.add(2, f"check_kept({me}, x, where)")
    src.add(2, "c = x.checked")   # (what the own nodes' memo is looked up in)
    # (the leftovers of path-reached elements, flags and list items: looked up only when
    # there are some)
    src.add(1, "xsub = x.sub or None if x is not None else None")
    if plain_inside(plan):
        # Kept child nodes only (an unknown child of a device: what a newer libvirt adds):
        # a clean writer's lines, with each child's place marked.
        src.add(1, "if x is not None and not x.attrs and not xsub and site.plain and "
                   "scope.__class__ is tuple:")
        _open_plain(src, 2, True)
        content(src, plan, 2, Element("nl", "scope", "close", x="x", checked=me, clean=True))
        src.add(2, "return")
    src.add(1, "if site.plain and scope.__class__ is tuple:")
    src.add(2, "h = len(out)")
    src.add(2, "out.append(site.head)")
    src.add(2, "close = site.close")
    src.add(2, "inner = scope")
    src.add(1, "else:")
    src.add(2, "head, close, inner = site.open(scope)")
    src.add(2, "h = len(out)")
    src.add(2, "out.append(head)")
    src.add(1, "if discriminator is not None:")
    src.add(2, "out.append(discriminator[2])")
    disc = "(discriminator[0] if discriminator is not None else None)"
    content(src, plan, 1, Element("nl", "inner", "close", x="x", cx="xsub", head="h", checked=me,
                                    disc=disc))
    name = f"{plan.cls.__module__}.{plan.name}"
    return src.define("emit", f"<mapping writer {name}>", f"emit_{plan.cls.__name__}")


def _open_plain(src: Source, indent: int, marked: bool) -> None:
    """The open tag of a site that needs no namespace, unclosed (`marked`: its index in
    `out` noted in `h`), with the discriminator a union passes."""
    if marked:
        src.add(indent, "h = len(out)")
    src.add(indent, "out.append(site.head)")
    src.add(indent, "close = site.close")
    src.add(indent, "if discriminator is not None:")
    src.add(indent + 1, "out.append(discriminator[2])")


def generate_clean_writer(plan: Any) -> Any:
    """The writer of an object that keeps no XML, called with a plain tuple scope by a
    caller that knows the object's class: `emit` less what looks for kept XML, which
    almost every object written goes without. A class whose own element declares a
    namespace (a namespaced path element or attribute) has none: its writer serves."""
    if not plain_inside(plan):
        return plan.generated("write")
    src = _new_source()
    writer = src.const(plan, "plan")
    src.add(0, "def emit(obj, site, where, out, nl, step, scope, discriminator=None):")
    src.add(1, "if site.plain:")
    src.add(2, "out.append(site.head)")
    src.add(2, "close = site.close")
    src.add(1, "else:")
    src.add(2, "head, close, inner = site.open(scope)")
    src.add(2, "if inner.__class__ is not tuple:")   # (a default namespace declared)
    src.add(3, f"return {writer}.fn(obj, site, where, out, nl, step, scope, discriminator)")
    src.add(2, "out.append(head)")
    src.add(2, "scope = inner")
    src.add(1, "if discriminator is not None:")
    src.add(2, "out.append(discriminator[2])")
    content(src, plan, 1, Element("nl", "scope", "close", clean=True))
    name = f"{plan.cls.__module__}.{plan.name}"
    return src.define("emit", f"<mapping clean writer {name}>", f"emit_clean_{plan.cls.__name__}")


def plain_inside(plan: Any) -> bool:
    """Whether what a class's writer writes itself (its attributes, path-reached elements
    and flags) declares no namespace."""
    if any(target.attr_prefix is None for target in plan.attrs.values()):
        return False
    for writer in plan.writers:
        inside = getattr(writer, "inside", None)
        if inside is not None and not inside():
            return False
    return True
