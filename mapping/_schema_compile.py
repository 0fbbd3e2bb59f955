"""Compile the XSD documents `mapping.xsd` emits into the validator's plan.

Each construct is read as XML Schema 1.1 reads it, and only the ones `mapping.xsd`
writes are accepted: an attribute, facet or particle not listed here is a ModelError
naming it and the type it stands in.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from ._schema_plan import (ANY, DOUBLE, STRING, XS, ComplexType, Declaration, Plan,
                           SimpleType)
from ._xsd_regex import translate
from .core.errors import ModelError

_TEST = re.compile(r"""@([A-Za-z_][\w.\-]*)=(?:'([^'\\]*)'|"([^"\\]*)")""")
_FACETS = ("pattern", "enumeration", "minInclusive", "maxInclusive")


def _kind(node: Any) -> str:
    tag: str = node.tag
    return tag[len(XS) + 2:] if tag.startswith(f"{{{XS}}}") else tag


def _parts(node: Any) -> list[Any]:
    """A component's XSD children (comments and annotations aside)."""
    return [part for part in node if isinstance(part.tag, str) and _kind(part) != "annotation"]


def _where(node: Any) -> str:
    names = [f"{_kind(n)} {n.get('name')}" for n in (node, *node.iterancestors())
             if n.get("name")]
    return f"line {node.sourceline} ({', in '.join(names) or _kind(node)})"


def _refuse(node: Any, what: str) -> ModelError:
    return ModelError(f"generated XSD, {_where(node)}: {what} is not a construct the model's "
                      "validator knows (mapping/_schema_compile.py)")


def _expect(node: Any, allowed: Mapping[str, str | None]) -> None:
    """`node` has only the attributes named in `allowed`, with the value given (None: any)."""
    for name, value in node.attrib.items():
        if name not in allowed:
            raise _refuse(node, f"attribute {name}={value!r} of xs:{_kind(node)}")
        if allowed[name] is not None and value != allowed[name]:
            raise _refuse(node, f"{name}={value!r} on xs:{_kind(node)}")


class Compiler:
    """One pass over the schema documents; named components are compiled once, on first
    reference (a complex type gets its place before its content, for recursive types)."""

    def __init__(self, roots: list[Any], facets: dict[str, str]):
        self.facets = facets
        self.named: dict[tuple[str, str | None, str], Any] = {}   # (kind, uri, name) -> node
        self.ids: dict[tuple[str, str | None, str], int] = {}
        self.simple = [SimpleType("string"), SimpleType("double")]
        self.complex: list[Any] = [ComplexType({}, None, {})]
        self.declarations: list[Any] = []
        for root in roots:
            _expect(root, {"targetNamespace": None, "elementFormDefault": "qualified"})
            uri = root.get("targetNamespace")
            for node in _parts(root):
                kind = _kind(node)
                if kind in ("import", "include"):
                    continue   # (every document of the schema is given)
                if kind not in ("simpleType", "complexType", "element"):
                    raise _refuse(node, f"a global xs:{kind}")
                key = (kind, uri, node.get("name"))
                if key in self.named:
                    raise _refuse(node, "a second global component of this name")
                self.named[key] = node

    def plan(self) -> Plan:
        globals_ = {_clark(uri, name): self.global_element(uri, name, node)
                    for (kind, uri, name), node in self.named.items() if kind == "element"}
        return Plan(self.simple, self.complex, self.declarations, globals_)

    # -- references -------------------------------------------------------------------
    @staticmethod
    def resolve(node: Any, qname: str) -> tuple[str | None, str]:
        prefix, _, local = qname.rpartition(":")
        uri = node.nsmap.get(prefix or None)
        if prefix and uri is None:
            raise _refuse(node, f"the undeclared prefix of {qname!r}")
        return uri, local

    def named_id(self, kind: str, uri: str | None, name: str, node: Any) -> int:
        key = (kind, uri, name)
        if key not in self.ids:
            found = self.named.get(key)
            if found is None:
                raise _refuse(node, f"a reference to the missing xs:{kind} {{{uri}}}{name}")
            if kind == "simpleType":
                self.ids[key] = self.simple_type(found, self.facets.get(name))
            elif kind == "complexType":
                self.ids[key] = len(self.complex)
                self.complex.append(None)   # (its place, for types that contain themselves)
                self.complex[self.ids[key]] = self.complex_type(found)
            else:
                self.ids[key] = len(self.declarations)
                self.declarations.append(None)
                self.declarations[self.ids[key]] = self.declaration(found)
        return self.ids[key]

    def global_element(self, uri: str | None, name: str, node: Any) -> int:
        return self.named_id("element", uri, name, node)

    def simple_ref(self, node: Any, qname: str) -> int:
        uri, local = self.resolve(node, qname)
        if uri == XS:
            builtin = {"string": STRING, "double": DOUBLE}.get(local)
            if builtin is None:
                raise _refuse(node, f"the built-in type xs:{local}")
            return builtin
        return self.named_id("simpleType", uri, local, node)

    def complex_ref(self, node: Any, qname: str) -> int:
        uri, local = self.resolve(node, qname)
        if uri == XS:
            if local != "anyType":
                raise _refuse(node, f"an element of the simple type xs:{local}")
            return ANY
        if ("complexType", uri, local) not in self.named:
            raise _refuse(node, f"an element of the type {qname!r}, which is no complex type")
        return self.named_id("complexType", uri, local, node)

    # -- simple types -----------------------------------------------------------------
    def simple_type(self, node: Any, facet: str | None) -> int:
        """`facet`: the libvirt value type the type is, or is a union member of."""
        _expect(node, {"name": None})
        parts = _parts(node)
        if len(parts) != 1 or _kind(parts[0]) not in ("restriction", "union"):
            raise _refuse(node, "a simple type other than a restriction or a union")
        body = parts[0]
        if _kind(body) == "union":
            _expect(body, {})
            members = tuple(self.member(part, facet) for part in _parts(body))
            if not members or facet is None:
                raise _refuse(node, "a union that is no libvirt value type")
            return self.add(SimpleType("union", members=members, facet=facet))
        return self.add(self.restriction(node, body, facet))

    def member(self, node: Any, facet: str | None) -> int:
        if _kind(node) != "simpleType" or node.get("name") is not None:
            raise _refuse(node, f"xs:{_kind(node)} as a union member")
        return self.simple_type(node, facet)

    def restriction(self, node: Any, body: Any, facet: str | None) -> SimpleType:
        _expect(body, {"base": None})
        base = self.resolve(body, body.get("base", ""))
        if base not in ((XS, "string"), (XS, "integer")):
            raise _refuse(body, f"a restriction of {body.get('base')!r}")
        found: dict[str, list[str]] = {kind: [] for kind in _FACETS}
        for part in _parts(body):
            _expect(part, {"value": None})
            if _kind(part) not in found:
                raise _refuse(part, f"the facet xs:{_kind(part)}")
            found[_kind(part)].append(part.get("value"))
        minimum, maximum = (int(v[0]) if v else None
                            for v in (found["minInclusive"], found["maxInclusive"]))
        integer = base == (XS, "integer")
        if facet is None and (integer or bool(found["pattern"]) == bool(found["enumeration"])
                              or (minimum, maximum) != (None, None)):
            # (the problems of such a type would need words of their own: see _schema_check)
            raise _refuse(node, "a simple type that is no libvirt value type and restricts "
                          "other than xs:string by patterns or by values")
        if len(found["minInclusive"]) > 1 or len(found["maxInclusive"]) > 1:
            raise _refuse(body, "a second bound")
        if not integer and (minimum, maximum) != (None, None):
            raise _refuse(body, "bounds on a restriction of xs:string")
        if integer and found["enumeration"]:   # (XSD compares those as numbers: 07 is 7)
            raise _refuse(body, "values of a restriction of xs:integer")
        return SimpleType("restriction", integer,
                          tuple((p, translate(p)) for p in found["pattern"]),
                          tuple(found["enumeration"]), minimum, maximum, facet=facet)

    def add(self, simple: SimpleType) -> int:
        self.simple.append(simple)
        return len(self.simple) - 1

    # -- complex types ----------------------------------------------------------------
    def complex_type(self, node: Any) -> ComplexType:
        _expect(node, {"name": None, "mixed": "true"})
        parts = _parts(node)
        if not parts:
            raise _refuse(node, "an empty complex type")
        head, attributes = parts[0], parts[1:]
        if _kind(head) == "simpleContent":
            if node.get("mixed"):
                raise _refuse(node, "mixed simple content")
            _expect(head, {})
            inner = _parts(head)
            if len(inner) != 1 or _kind(inner[0]) != "extension":
                raise _refuse(head, "simple content other than an extension")
            extension = inner[0]
            _expect(extension, {"base": None})
            text = self.simple_ref(extension, extension.get("base", ""))
            return ComplexType(self.attributes(extension, _parts(extension)), text, {})
        if node.get("mixed") != "true":
            raise _refuse(node, "element content that is not mixed")
        children = self.particle(head)
        return ComplexType(self.attributes(node, attributes), None, children)

    def particle(self, node: Any) -> dict[str, int]:
        """The declared children of a choice (or a sequence of one wildcard), which ends
        with a lax wildcard taking any other element."""
        kind = _kind(node)
        if kind not in ("choice", "sequence"):
            raise _refuse(node, f"the particle xs:{kind}")
        parts = _parts(node)
        if not parts or _kind(parts[-1]) != "any":
            raise _refuse(node, "a content model without a closing lax wildcard")
        occurs = {"minOccurs": "0", "maxOccurs": "unbounded"}
        wildcard = {"processContents": "lax", "namespace": "##any"}
        if kind == "choice":
            _expect(node, occurs)
            _expect(parts[-1], {**wildcard, "notQName": None})
        else:   # (the Lax type: a sequence of one repeated wildcard)
            _expect(node, {})
            _expect(parts[-1], {**occurs, **wildcard})
            if len(parts) > 1:
                raise _refuse(node, "a sequence of more than a wildcard")
        children: dict[str, int] = {}
        for element in parts[:-1]:
            if _kind(element) != "element":
                raise _refuse(element, f"xs:{_kind(element)} in a choice")
            qname, declaration = self.child(element)
            if children.setdefault(qname, declaration) != declaration:
                raise _refuse(element, f"a second declaration of {qname}")
        self.excluded(parts[-1], children)
        return children

    def excluded(self, wildcard: Any, children: dict[str, int]) -> None:
        """A wildcard may leave out names the choice declares itself: a declared child is
        never the wildcard's, so the plan is the same (mapping.xsd does it where a global
        element has the name). Any other name would be refused: not understood here."""
        for qname in (wildcard.get("notQName") or "").split():
            uri, local = self.resolve(wildcard, qname)
            if _clark(uri, local) not in children:
                raise _refuse(wildcard, f"notQName {qname!r}, which its choice does not declare")

    def child(self, node: Any) -> tuple[str, int]:
        ref = node.get("ref")
        if ref is not None:
            _expect(node, {"ref": None})
            uri, local = self.resolve(node, ref)
            return _clark(uri, local), self.global_element(uri, local, node)
        schema = node.getroottree().getroot()
        uri = schema.get("targetNamespace")
        qualified = uri is not None and schema.get("elementFormDefault") == "qualified"
        self.declarations.append(self.declaration(node))
        return _clark(uri if qualified else None, node.get("name")), len(self.declarations) - 1

    def attributes(self, holder: Any, parts: list[Any]) -> dict[str, int]:
        if not parts or _kind(parts[-1]) != "anyAttribute":
            raise _refuse(holder, "attributes without a closing lax xs:anyAttribute")
        _expect(parts[-1], {"processContents": "lax", "namespace": "##any"})
        typed: dict[str, int] = {}
        seen: set[str] = set()
        for part in parts[:-1]:
            if _kind(part) != "attribute":
                raise _refuse(part, f"xs:{_kind(part)} among attributes")
            _expect(part, {"name": None, "type": None})
            name = part.get("name")
            if name in seen:
                raise _refuse(part, f"a second declaration of attribute {name!r}")
            seen.add(name)
            simple = self.simple_ref(part, part.get("type", "xs:string"))
            if simple != STRING:
                typed[name] = simple
        return typed

    # -- element declarations ---------------------------------------------------------
    def declaration(self, node: Any) -> Declaration:
        _expect(node, {"name": None, "type": None})
        parts = _parts(node)
        declared = ANY
        if node.get("type") is not None:
            declared = self.complex_ref(node, node.get("type"))
        elif parts and _kind(parts[0]) == "complexType":
            declared = len(self.complex)
            self.complex.append(None)
            self.complex[declared] = self.complex_type(parts.pop(0))
        alternatives = []
        for position, part in enumerate(parts):
            if _kind(part) != "alternative":
                raise _refuse(part, f"xs:{_kind(part)} in an element declaration")
            _expect(part, {"test": None, "type": None})
            kind = self.complex_ref(part, part.get("type", "xs:anyType"))
            test = part.get("test")
            if test is None:
                if position != len(parts) - 1:
                    raise _refuse(part, "a default alternative before the last")
                declared = kind
                continue
            found = _TEST.fullmatch(test)
            if found is None:
                raise _refuse(part, f"the alternative test {test!r}")
            value = found[2] if found[2] is not None else found[3]
            alternatives.append((found[1], value, kind))
        return Declaration(declared, tuple(alternatives))


def _clark(uri: str | None, local: str) -> str:
    return f"{{{uri}}}{local}" if uri else local


__all__ = ["Compiler"]
