"""The XSD 1.1 builder behind `mapping.xsd`: class views (`describe`) in, schema
documents out, one per namespace (see `mapping.xsd` for what the schemas say)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from lxml import etree

from .core.view import ChildView, ElementView, ValueView, describe, preferred_prefixes
from .core.codecs import BoolCodec, EnumCodec, FloatCodec, IntCodec, StrCodec
from .core.enums import OpenEnum
from .core.errors import ModelError

XS = "http://www.w3.org/2001/XMLSchema"
LAX = "Lax"
_INTEGER = r"[+\-]?[0-9]+|0[xX][0-9a-fA-F]+"


def _xs(name: str) -> str:
    return f"{{{XS}}}{name}"


def split_tag(qname: str) -> tuple[str | None, str]:
    """A Clark-notation name as (namespace or None, local name)."""
    if qname.startswith("{"):
        uri, local = qname[1:].split("}", 1)
        return uri, local
    return None, qname


def _restriction(base: str, pattern: str | None = None, minimum: int | None = None,
                 maximum: int | None = None, values: tuple[str, ...] = ()) -> Any:
    simple = etree.Element(_xs("simpleType"))
    restriction = etree.SubElement(simple, _xs("restriction"), base=base)
    if pattern is not None:
        etree.SubElement(restriction, _xs("pattern"), value=pattern)
    if minimum is not None:
        etree.SubElement(restriction, _xs("minInclusive"), value=str(minimum))
    if maximum is not None:
        etree.SubElement(restriction, _xs("maxInclusive"), value=str(maximum))
    for value in values:
        etree.SubElement(restriction, _xs("enumeration"), value=value)
    return simple


def _faceted(codec: Any, facets: Any) -> Any:
    """The simple type of a codec with libvirt's facets: for an integer, a decimal range
    and/or a bounded `0x` pattern (a union, since XSD ranges apply to numbers only);
    for a string, its pattern and closed set."""
    if not isinstance(codec, IntCodec) or facets.pattern is not None:
        return _restriction("xs:string", facets.pattern, values=facets.values)
    members = []
    if facets.decimal is not None:
        members.append(_restriction("xs:integer", facets.decimal, facets.minimum,
                                    facets.maximum))
    if facets.hex is not None:
        members.append(_restriction("xs:string", facets.hex))
    if len(members) == 1:
        return members[0]
    union = etree.Element(_xs("simpleType"))
    etree.SubElement(union, _xs("union")).extend(members)
    return union


class _Document:
    """One schema document (one target namespace) being built."""

    def __init__(self, uri: str | None, prefix: str, base: str = "domain"):
        self.uri, self.prefix = uri, prefix
        self.filename = f"{base}.xsd" if uri is None else f"{prefix}.xsd"
        attrs = {"elementFormDefault": "qualified"} if uri else {}
        if uri:
            attrs["targetNamespace"] = uri
        self.root = etree.Element(_xs("schema"), attrs, nsmap={"xs": XS})
        self.simple_types: set[str] = set()
        self.global_elements: dict[str, str] = {}   # local name -> type reference
        self.body: list[Any] = []


# The types of by= unions' children, by field, for one value of the attribute that picks them.
Swap = Mapping[str | None, Callable[..., str]]


class SchemaBuilder:
    """Walks class views (`describe`) and emits complex types, element declarations and simple types."""

    def __init__(self, base: str = "domain", extends: SchemaBuilder | None = None) -> None:
        self.base = base   # the no-namespace document's file name, without `.xsd`
        self.docs: dict[str | None, _Document] = {}
        # (class, suffix) -> (uri, name)
        self.type_refs: dict[tuple[type, str], tuple[str | None, str]] = {}
        self.used_names: set[tuple[str | None, str]] = set()
        self.facets: dict[str, Any] = {}   # value type name -> its facets (one meaning each)
        # The documents of the schema this one builds on (namespace -> file name): their
        # components are referred to, not written again (a snapshot's `<domain>`).
        self.extended: dict[str | None, str] = {}
        # (namespace, local name) of the global elements of the schemas built on this one
        self.reserved: set[tuple[str | None, str]] = set()
        if extends is not None:
            self._extend(extends)

    def _extend(self, other: SchemaBuilder) -> None:
        self.type_refs.update(other.type_refs)
        self.used_names |= other.used_names
        self.facets.update(other.facets)
        for uri, theirs in other.docs.items():
            mine = self.docs[uri] = _Document(uri, theirs.prefix, self.base)
            mine.simple_types |= theirs.simple_types
            mine.global_elements.update(theirs.global_elements)
            self.extended[uri] = theirs.filename

    # -- documents, names, references -------------------------------------------------
    def doc(self, uri: str | None) -> _Document:
        if uri not in self.docs:
            prefix = ("domain" if uri is None
                      else preferred_prefixes().get(uri, f"ns{len(self.docs)}"))
            self.docs[uri] = _Document(uri, prefix, self.base)
        return self.docs[uri]

    def ref(self, uri: str | None, name: str, where: _Document) -> str:
        """A QName string for component `name` of namespace `uri`, as seen from `where`."""
        if uri is None:
            return name   # documents declare no default namespace, so this is no-namespace
        return f"{self.doc(uri).prefix}:{name}"

    def _unique(self, uri: str | None, base: str) -> str:
        name, counter = base, 1
        while (uri, name) in self.used_names:
            counter += 1
            name = f"{base}.{counter}"
        self.used_names.add((uri, name))
        return name

    # -- simple types -----------------------------------------------------------------
    def simple_type(self, codec: Any, doc: _Document) -> str:
        facets = getattr(codec, "facets", None)   # libvirt's bounds (mapping.libvirt.basictypes)
        if facets is not None:
            if self.facets.setdefault(facets.name, facets) != facets:
                raise ValueError(f"two value types are called {facets.name!r}")
            return self._named_simple_type(doc, facets.name, lambda: _faceted(codec, facets))
        if isinstance(codec, StrCodec) or codec is None:
            return "xs:string"
        if isinstance(codec, IntCodec):
            return self._named_simple(doc, "Integer", lambda r: self._pattern(r, _INTEGER))
        if isinstance(codec, FloatCodec):
            return "xs:double"
        if isinstance(codec, BoolCodec):
            name = f"Bool.{codec.true}.{codec.false}"
            return self._named_simple(doc, name, lambda r: self._enumeration(
                r, [codec.true, codec.false]))
        if isinstance(codec, EnumCodec):
            if issubclass(codec.enum_type, OpenEnum):
                return "xs:string"   # open enums accept values they do not know
            values = [str(member.value) for member in codec.enum_type]
            return self._named_simple(doc, f"Enum.{codec.enum_type.__name__}",
                                      lambda r: self._enumeration(r, values))
        return "xs:string"   # a user codec: its own parse decides

    def _named_simple(self, doc: _Document, name: str, fill: Callable[[Any], None]) -> str:
        if name not in doc.simple_types:
            doc.simple_types.add(name)
            simple = etree.Element(_xs("simpleType"), name=name)
            fill(etree.SubElement(simple, _xs("restriction"), base="xs:string"))
            doc.body.append(simple)
        return self.ref(doc.uri, name, doc)

    def _named_simple_type(self, doc: _Document, name: str, make: Callable[[], Any]) -> str:
        if name not in doc.simple_types:
            doc.simple_types.add(name)
            simple = make()
            simple.set("name", name)
            doc.body.append(simple)
        return self.ref(doc.uri, name, doc)

    @staticmethod
    def _pattern(restriction: Any, pattern: str) -> None:
        etree.SubElement(restriction, _xs("pattern"), value=pattern)

    @staticmethod
    def _enumeration(restriction: Any, values: list[str]) -> None:
        for value in values:
            etree.SubElement(restriction, _xs("enumeration"), value=value)

    # -- complex types ----------------------------------------------------------------
    def class_type(self, cls: type, uri: str | None, swap: Swap | None = None,
                   suffix: str = "") -> str:
        """The (named) complex type of a class, defined in the document of `uri`."""
        key = (cls, suffix)
        if key not in self.type_refs:
            home = self.doc(uri)
            base = f"{cls.__module__.rsplit('.', 1)[-1]}.{cls.__qualname__}{suffix}"
            name = self._unique(home.uri, base)
            self.type_refs[key] = (home.uri, name)
            complex_type = self.content_type(describe(cls).content, home, swap or {})
            complex_type.set("name", name)
            home.body.append(complex_type)
        type_uri, name = self.type_refs[key]
        return self.ref(type_uri, name, self.doc(uri))

    def lax(self, doc: _Document) -> str:
        return self._named_complex(doc, LAX, self._lax_type)

    def _named_complex(self, doc: _Document, name: str, make: Callable[[], Any]) -> str:
        if (doc.uri, name) not in self.used_names:
            self.used_names.add((doc.uri, name))
            built = make()
            built.set("name", name)
            doc.body.append(built)
        return self.ref(doc.uri, name, doc)

    @staticmethod
    def _lax_type() -> Any:
        lax = etree.Element(_xs("complexType"), mixed="true")
        sequence = etree.SubElement(lax, _xs("sequence"))
        etree.SubElement(sequence, _xs("any"), minOccurs="0", maxOccurs="unbounded",
                         processContents="lax", namespace="##any")
        etree.SubElement(lax, _xs("anyAttribute"), processContents="lax", namespace="##any")
        return lax

    def content_type(self, content: ElementView, doc: _Document, swap: Swap) -> Any:
        """A complexType for an element's content: its attributes, text and children."""
        children = [child for child in content.children if child.kind != "raw"]
        complex_type = etree.Element(_xs("complexType"))
        if content.text is not None and not children:
            simple = etree.SubElement(complex_type, _xs("simpleContent"))
            holder = etree.SubElement(simple, _xs("extension"),
                                      base=self.simple_type(content.text.codec, doc))
        else:
            complex_type.set("mixed", "true")
            choice = etree.SubElement(complex_type, _xs("choice"), minOccurs="0",
                                      maxOccurs="unbounded")
            for child in children:
                self.child_declarations(child, choice, doc, swap)
            etree.SubElement(choice, _xs("any"), processContents="lax", namespace="##any")
            holder = complex_type
        for value in content.attributes:
            self.attribute(value, holder, doc)
        for qname in content.hints:   # a codec's hint; another value of it is kept, too
            if split_tag(qname)[0] is None:
                etree.SubElement(holder, _xs("attribute"), name=qname, type="xs:string")
        etree.SubElement(holder, _xs("anyAttribute"), processContents="lax", namespace="##any")
        return complex_type

    def attribute(self, value: ValueView, holder: Any, doc: _Document) -> None:
        assert value.name is not None   # (an attribute's: only the text has no name)
        uri, local = split_tag(value.name)
        if uri is not None:
            return   # a namespaced attribute is allowed by anyAttribute (lax)
        etree.SubElement(holder, _xs("attribute"), name=local,
                         type=self.simple_type(value.codec, doc))

    # -- element declarations ---------------------------------------------------------
    def element(self, tag: str, parent: Any, doc: _Document,
                make_type: Callable[..., None]) -> None:
        """Declare `tag` in `parent`: locally when in this namespace, else by global ref."""
        uri, local = split_tag(tag)
        if uri == doc.uri:
            declaration = etree.SubElement(parent, _xs("element"), name=local)
            make_type(declaration, doc)
            return
        home = self.doc(uri)
        if local not in home.global_elements:
            declaration = etree.Element(_xs("element"), name=local)
            make_type(declaration, home)
            home.global_elements[local] = "declared"
            home.body.append(declaration)
        etree.SubElement(parent, _xs("element"), ref=self.ref(uri, local, doc))

    def child_declarations(self, child: ChildView, choice: Any, doc: _Document,
                           swap: Swap) -> None:
        if child.kind in ("child", "children", "choice"):
            for tag, cls in child.classes.items():
                self.element(tag, choice, doc,
                             lambda decl, d, cls=cls: self.typed_by_class(decl, cls, d))
        elif child.kind in ("values", "element"):
            content = child.content
            assert content is not None   # (a leaf element's view has its content)
            self.element(child.tags[0], choice, doc, lambda decl, d: decl.append(
                self.content_type(content, d, {})))
        elif child.kind in ("flag", "entries"):
            # Entries are free-form names: only a lax type can say "any leaves".
            self.element(child.tags[0], choice, doc,
                         lambda decl, d: decl.set("type", self.lax(d)))
        elif child.kind in ("union", "unions"):
            self.element(child.tags[0], choice, doc,
                         lambda decl, d: self.union_declaration(child, decl, d, swap))

    def union_declaration(self, union: ChildView, declaration: Any, doc: _Document,
                          swap: Swap) -> None:
        if union.on is not None:
            for key, cls in union.classes.items():
                etree.SubElement(declaration, _xs("alternative"), test=f"@{union.on}={key!r}",
                                 type=self.class_type(cls, doc.uri))
            etree.SubElement(declaration, _xs("alternative"), type=self.lax(doc))
        elif union.field in swap:
            declaration.set("type", swap[union.field](doc))
        else:
            declaration.set("type", self.lax(doc))

    def typed_by_class(self, declaration: Any, cls: type, doc: _Document) -> None:
        """Type a declaration with a class's type, or with one alternative per value of
        the attribute its `by=` unions follow."""
        by_unions = [child for child in describe(cls).content.children
                     if child.kind == "union" and child.by is not None]
        if not by_unions:
            declaration.set("type", self.class_type(cls, doc.uri))
            return
        attr_name = by_unions[0].by
        unions = [u for u in by_unions if u.by == attr_name]
        keys = list(dict.fromkeys(key for u in unions for key in u.classes))
        for key in keys:
            swap = {u.field: (lambda d, v=u.classes.get(key): self.class_type(v, d.uri)
                              if v is not None else self.lax(d)) for u in unions}
            etree.SubElement(declaration, _xs("alternative"), test=f"@{attr_name}={key!r}",
                             type=self.class_type(cls, doc.uri, swap, f".{key}"))
        defaults = {u.field: (lambda d, v=(u.classes.get(u.default) if u.default is not None
                                          else None): self.class_type(
            v, d.uri) if v is not None else self.lax(d)) for u in unions}
        etree.SubElement(declaration, _xs("alternative"),
                         type=self.class_type(cls, doc.uri, defaults, ".default"))

    # -- output -----------------------------------------------------------------------
    def root(self, cls: type) -> None:
        uri, local = split_tag(describe(cls).tag)
        doc = self.doc(uri)
        declaration = etree.Element(_xs("element"), name=local)
        self.typed_by_class(declaration, cls, doc)
        doc.global_elements[local] = "declared"
        doc.body.insert(0, declaration)

    def _exclude_globals(self, component: Any, doc: _Document) -> None:
        """A choice's wildcard takes the elements the choice does not declare; where one
        it declares has a global namesake, XSD 1.1 (Element Declarations Consistent)
        would hold the two to one type, and a host interface's member `<interface>` is
        not its root: the wildcard says so by leaving those names out."""
        names = {local for uri, local in self.reserved if uri == doc.uri}
        names.update(doc.global_elements)
        for choice in component.iter(_xs("choice")):
            shared = sorted({part.get("name") for part in choice
                             if part.tag == _xs("element") and part.get("name") in names})
            if shared:
                choice[-1].set("notQName", " ".join(self.ref(doc.uri, n, doc) for n in shared))

    def documents(self) -> dict[str, str]:
        out = {}
        for uri, doc in self.docs.items():
            if uri is not None and uri in self.extended:
                if doc.body:
                    raise ModelError(f"{self.base}.xsd would add components to "
                                     f"{self.extended[uri]}, which it builds on")
                continue
            nsmap = {"xs": XS}
            nsmap.update({d.prefix: d.uri for d in self.docs.values() if d.uri is not None})
            attrs = dict(doc.root.attrib)
            root = etree.Element(_xs("schema"), attrs, nsmap=nsmap)
            root.insert(0, etree.Comment(
                " Generated from the mapping declarations by `domxml schema`; do not edit. "))
            if uri in self.extended:   # (the no-namespace document it builds on)
                etree.SubElement(root, _xs("include"), schemaLocation=self.extended[uri])
            for other_uri, other in sorted(self.docs.items(), key=lambda item: item[1].filename):
                if other_uri != uri:
                    imported = etree.SubElement(root, _xs("import"), schemaLocation=self.extended.get(
                        other_uri, other.filename))
                    if other_uri is not None:
                        imported.set("namespace", other_uri)
            for component in doc.body:
                self._exclude_globals(component, doc)
                root.append(component)
            etree.indent(root, space="  ")
            out[doc.filename] = etree.tostring(root, encoding="unicode", xml_declaration=False)
        return out


__all__ = ["XS", "SchemaBuilder", "split_tag"]
