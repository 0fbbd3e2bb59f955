"""Check a document against the plan of the model's schema (`_schema_plan`), as an
XSD 1.1 processor checks it against the schema documents.

The problems are worded as the xmlschema path words them (`mapping._schema_xmlschema`,
kept as the oracle of tests/test_validate_plan.py), so that `validate` and `domxml
validate` say the same as before: the line, the XPath (positions among same-named
siblings, prefixes as the root declares them), and either the libvirt value type in
words or the processor's own sentence. One departure: whitespace is XSD's four
characters, where xmlschema also collapses the rest of Unicode's.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from ._schema_plan import ANY, DOUBLE_PATTERN, INTEGER_LEXICAL, ComplexType, Plan, SimpleType
from ._xsd_regex import translate
from .core.errors import Problem

# Vocabularies a general XSD processor carries schemas of (XSD itself and its instance
# attributes xsi:type and xsi:nil, xml:lang and xml:id, XHTML, XLink, SOAP, ...): it
# checks them wherever they appear, so documents using them go to xmlschema.
_STANDARD = ("{http://www.w3.org/", "{http://schemas.xmlsoap.org/")
_SPACES = re.compile("[ \t\n\r]+")
_DOUBLE = translate(DOUBLE_PATTERN)
_NO_CHILDREN = "a simple content element can't have child elements"


class NeedsProcessor(Exception):
    """The document uses a vocabulary of `_STANDARD`: the plan does not hold its schema."""


def check(root: Any, plan: Plan) -> list[Problem]:
    """Every problem of the document under `root`, in document order."""
    return _Check(root, plan).run()


def typed_elements(root: Any, plan: Plan) -> Iterator[tuple[Any, ComplexType]]:
    """Each element of the document with the complex type the schema gives it, in
    document order (none when the root is no element of the schema). What stands inside
    an element of simple content is not visited: it is one problem, whatever it is."""
    declaration = plan.globals.get(root.tag)
    if declaration is None:
        _standard(root.tag)
        return
    complex_, globals_ = plan.complex, plan.globals
    stack = [(root, _chosen(plan, declaration, root))]
    while stack:
        element, content = stack.pop()
        yield element, content
        if content.text is not None:
            continue
        below = []
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue   # a comment, a processing instruction
            declaration = content.children.get(tag)
            if declaration is None:   # the lax wildcard: a global declaration, or lax
                declaration = globals_.get(tag)
                if declaration is None:
                    _standard(tag)
                    below.append((child, complex_[ANY]))
                    continue
            below.append((child, _chosen(plan, declaration, child)))
        stack.extend(reversed(below))


def _chosen(plan: Plan, declaration: int, element: Any) -> ComplexType:
    """The complex type of an element: its first alternative whose test holds."""
    entry = plan.declarations[declaration]
    for name, value, kind in entry.alternatives:
        if element.get(name) == value:
            return plan.complex[kind]
    return plan.complex[entry.type]


class _Check:
    def __init__(self, root: Any, plan: Plan):
        self.root, self.plan = root, plan
        self.found: list[Problem] = []

    def run(self) -> list[Problem]:
        if self.root.tag not in self.plan.globals:
            _standard(self.root.tag)
            self.report(self.root, f"{self.root.tag!r} is not an element of the schema")
        for element, content in typed_elements(self.root, self.plan):
            self.attributes(element, content.attributes)
            if content.text is not None:
                if len(element):   # (comments and PIs too, as xmlschema counts them)
                    self.report(element, _NO_CHILDREN)
                self.value(element, None, element.text or "", content.text)
        return self.found

    def attributes(self, element: Any, typed: dict[str, int]) -> None:
        for name, value in element.attrib.items():
            if name[0] == "{":
                _standard(name)   # (no other namespaced attribute is declared)
                continue
            simple = typed.get(name)
            if simple is not None:
                self.value(element, name, value, simple)

    def value(self, element: Any, attribute: str | None, value: str, simple: int) -> None:
        spec = self.plan.simple[simple]
        if spec.kind == "string":
            return
        if spec.facet is not None:
            # One value a libvirt type refuses is one problem, saying what the type takes
            # (a processor reports each facet and each union member it fails).
            if not self.valid(spec, value):
                where = f"attribute {attribute}={value!r}" if attribute else repr(value)
                self.report(element, f"{where} is not a valid {spec.facet}")
            return
        for reason in _reasons(spec, value):
            self.report(element, f"attribute {attribute}={value!r}: {reason}"
                        if attribute else reason)

    def valid(self, spec: SimpleType, value: str) -> bool:
        if spec.kind == "union":
            return any(self.valid(self.plan.simple[member], value) for member in spec.members)
        if spec.kind != "restriction":
            return not _reasons(spec, value)
        if spec.integer:
            value = _collapse(value)
            if re.fullmatch(INTEGER_LEXICAL, value) is None:
                return False
        if spec.patterns and not any(re.fullmatch(regex, value) for _, regex in spec.patterns):
            return False
        if spec.values and value not in spec.values:
            return False
        if spec.minimum is not None and int(value) < spec.minimum:
            return False
        return spec.maximum is None or int(value) <= spec.maximum

    def report(self, element: Any, message: str) -> None:
        self.found.append(Problem(message, element.sourceline, _path(self.root, element)))


def _reasons(spec: SimpleType, value: str) -> list[str]:
    """A processor's words for a value of a type that is no libvirt value type (the
    plan's compiler admits only these: xs:double, patterns, closed sets of xs:string)."""
    if spec.kind == "double":
        value = _collapse(value)
        reasons = []
        if re.fullmatch(_DOUBLE, value) is None:
            reasons.append(f"value doesn't match any pattern of {[DOUBLE_PATTERN]!r}")
        try:
            float(value)
        except ValueError as err:   # (a processor also fails to convert what Python cannot)
            reasons.append(str(err))
        return reasons
    if spec.patterns and not any(re.fullmatch(regex, value) for _, regex in spec.patterns):
        return [f"value doesn't match any pattern of {[xsd for xsd, _ in spec.patterns]!r}"]
    if spec.values and value not in spec.values:
        return [f"value must be one of {list(spec.values)!r}"]
    return []


def _collapse(value: str) -> str:
    return _SPACES.sub(" ", value).strip(" ")


def _standard(name: str) -> None:
    if name.startswith(_STANDARD):
        raise NeedsProcessor(name)


def _path(root: Any, element: Any) -> str:
    """The XPath of `element`, as xmlschema writes it: a position among the siblings of
    the same name when there are several, and the prefixes the root declares (it writes
    the path once validation is over, when only those are in scope)."""
    chain = [element]
    while chain[-1] is not root:
        chain.append(chain[-1].getparent())
    namespaces = {prefix or "": uri for prefix, uri in root.nsmap.items()}
    parts = [""]
    for parent, node in zip([None, *reversed(chain)], reversed(chain)):
        name = _prefixed(node.tag, namespaces)
        if parent is not None:
            same = [sibling for sibling in parent if sibling.tag == node.tag]
            if len(same) > 1:
                name += f"[{next(i for i, s in enumerate(same, 1) if s is node)}]"
        parts.append(name)
    return "/".join(parts)


def _prefixed(tag: str, namespaces: dict[str, str]) -> str:
    if not tag.startswith("{") or not namespaces:
        return tag
    uri, local = tag[1:].split("}", 1)
    prefixes = [prefix for prefix, bound in namespaces.items() if bound == uri]
    if not prefixes:
        return tag
    if prefixes[0]:
        return f"{prefixes[0]}:{local}"
    # the default namespace: a named prefix of the same URI, if any, is preferred
    return f"{prefixes[1]}:{local}" if len(prefixes) > 1 else local


__all__ = ["NeedsProcessor", "check", "typed_elements"]
