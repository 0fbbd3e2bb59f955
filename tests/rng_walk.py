"""What a RelaxNG grammar defines and what a model declares, as paths from the root.

The grammar's side is a set of paths such as `devices/disk[type=file]/source/@file`:
element steps and `@attribute` leaves. A step carries a qualifier, `[attr=value]`,
when what is below it depends on the value of that element's attribute: a `<choice>`
whose branches fix the attribute's value (what all branches share stays unqualified).
Elements of any name (`<anyName>`) are open content: noted, not expanded.

The model's side is a graph (`ModelGraph`) read through `describe`: a node per element
content, an edge per declared child or attribute, where a union's edges carry the
variant key as a qualifier (`on=`: on the child, `by=`: on the parent). A grammar path
is *modelled* when it can be followed in the graph with compatible qualifiers (one
missing on either side matches any value: a plain field takes a child for every type).

The grammar walk memoizes each define and element, so it is linear in the paths it
produces; a define met again inside itself (backingStore in backingStore) adds nothing
and is not walked again, and what was walked below such a cut is memoized only once the
walk is back where the cycle was entered. The model graph follows cycles as often as a
path goes round them.

    python -m tests.rng_walk            # the figures and the paths not modelled
"""
from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from mapping.namespaces import PREFIXES

# libvirt 11.3's schemas, beside the project as the corpus is (tests/conftest.py)
SCHEMAS = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / \
    "libvirt-11.3" / "schemas"
OPEN = "*"

# An item is (qualifier of the element being walked, steps below it); a qualifier is a
# sorted tuple of (attribute, value) pairs.
Qual = tuple[tuple[str, str], ...]
Item = tuple[Qual, tuple[str, ...]]


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _shown_name(uri: str | None, local: str) -> str:
    if not uri:
        return local
    prefix = PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else f"{{{uri}}}{local}"


def clark_to_step(name: str) -> str:
    """`{uri}local` as a path step (`qemu:commandline`)."""
    if name.startswith("{"):
        uri, local = name[1:].split("}", 1)
        return _shown_name(uri, local)
    return name


def step(name: str, qual: Qual) -> str:
    if not qual:
        return name
    return f"{name}[{','.join(f'{a}={v}' for a, v in qual)}]"


def _merge(outer: Qual, inner: Qual) -> Qual | None:
    """Both qualifiers at once, or None when they disagree on an attribute."""
    merged = dict(outer)
    for attr, value in inner:
        if merged.setdefault(attr, value) != value:
            return None
    return tuple(sorted(merged.items()))


def _wrap(name: str, items: Iterable[Item]) -> set[Item]:
    """Content items of an element called `name` as items of its parent."""
    out: set[Item] = {((), (name,))}
    for qual, steps in items:
        out.add(((), (step(name, qual),) + steps))
    return out


class _Memo:
    """Results by key, each computed once. A key met again while it is computed (a
    cycle) is cut there; what was computed below such a cut depends on where the walk
    entered the cycle, so it is kept only when the cut is at the key itself."""

    def __init__(self) -> None:
        self.done: dict = {}
        self.depth: dict = {}      # keys being computed -> their depth
        self.low: list[int] = []   # per key being computed: the shallowest cut below it

    def get(self, key, compute, cut):
        found = self.done.get(key)
        if found is not None:
            return found
        depth = self.depth.get(key)
        if depth is not None:      # a cycle: cut here
            self.low[-1] = min(self.low[-1], depth)
            return cut()
        depth = self.depth[key] = len(self.low)
        self.low.append(depth)
        try:
            result = compute()
        finally:
            low = self.low.pop()
            del self.depth[key]
        if low >= depth:
            self.done[key] = result
        if self.low:
            self.low[-1] = min(self.low[-1], low)
        return result


# -- the grammar ---------------------------------------------------------------------

class Grammar:
    """A RelaxNG grammar with its includes resolved: defines by name (combined as their
    `combine` says, overridden by an `<include>`'s own defines) and the start."""

    def __init__(self, main: Path):
        self.defines: dict[str, list[etree._Element]] = {}
        self.combine: dict[str, str] = {}
        self.start: list[etree._Element] = []
        self._load(main, overridden=frozenset())

    def _load(self, path: Path, overridden: frozenset[str]) -> None:
        root = etree.parse(str(path)).getroot()
        for node in root:
            kind = _local(node)
            if kind == "include":
                own = [child for child in node if _local(child) == "define"]
                names = frozenset(child.get("name") for child in own)
                self._load(path.parent / node.get("href"), overridden | names)
                for child in own:   # an include's defines replace the included ones
                    self.defines[child.get("name")] = [child]
            elif kind == "define":
                name = node.get("name")
                if name in overridden:
                    continue
                if node.get("combine"):
                    self.combine[name] = node.get("combine")
                    self.defines.setdefault(name, []).append(node)
                elif name in self.defines and self.combine.get(name):
                    self.defines[name].insert(0, node)
                else:
                    self.defines[name] = [node]
            elif kind == "start":
                self.start = [node]


class _NotAllowed(Exception):
    """A pattern that matches nothing (`<notAllowed/>`, or a group that needs one)."""


class GrammarWalk:
    """The paths a grammar defines below its start element."""

    def __init__(self, grammar: Grammar):
        self.grammar = grammar
        self._memo = _Memo()
        self.open: set[str] = set()   # filled by paths()

    # Patterns -> items of the element whose content they are.
    def pattern(self, node: etree._Element) -> frozenset[Item]:
        kind = _local(node)
        if kind == "element":
            return self.element(node)
        if kind == "attribute":
            return frozenset({((), (f"@{self._attribute_name(node)}",))})
        if kind == "ref":
            return self.ref(node.get("name"))
        if kind in ("group", "interleave", "oneOrMore", "mixed", "define", "start"):
            return self.group(node)
        if kind in ("optional", "zeroOrMore"):
            try:
                return self.group(node)
            except _NotAllowed:
                return frozenset()
        if kind == "choice":
            return self.choice(node)
        if kind == "notAllowed":
            raise _NotAllowed
        return frozenset()   # text, data, value, empty, list, param: no paths

    def group(self, node: etree._Element) -> frozenset[Item]:
        items: set[Item] = set()
        for child in node:
            if isinstance(child.tag, str):
                items |= self.pattern(child)
        return frozenset(items)

    def ref(self, name: str) -> frozenset[Item]:
        # A define met inside itself (RelaxNG puts an element on every such cycle:
        # backingStore in backingStore) adds nothing the first round did not list.
        return self._memo.get(("define", name), lambda: self._define(name), frozenset)

    def _define(self, name: str) -> frozenset[Item]:
        nodes = self.grammar.defines[name]
        if self.grammar.combine.get(name) == "choice" and len(nodes) > 1:
            return self._branches(nodes)
        return frozenset().union(*(self.group(node) for node in nodes))

    def choice(self, node: etree._Element) -> frozenset[Item]:
        return self._branches([child for child in node if isinstance(child.tag, str)])

    def _branches(self, branches: list[etree._Element]) -> frozenset[Item]:
        walked = []
        for branch in branches:
            try:
                walked.append((branch, self.pattern(branch)))
            except _NotAllowed:
                continue
        if not walked:
            raise _NotAllowed
        attr = self._discriminator([branch for branch, _ in walked])
        if attr is None:
            return frozenset().union(*(items for _, items in walked))
        common = frozenset.intersection(*(items for _, items in walked))
        out: set[Item] = set(common)
        for branch, items in walked:
            values = self.fixed(branch).get(attr, ())
            for qual, steps in items - common:
                if not values or any(a == attr for a, _ in qual):
                    out.add((qual, steps))
                    continue
                for value in values:
                    merged = _merge(((attr, value),), qual)
                    if merged is not None:
                        out.add((merged, steps))
        return frozenset(out)

    def _discriminator(self, branches: list[etree._Element]) -> str | None:
        """The attribute whose fixed value tells two or more branches apart."""
        counts: dict[str, int] = defaultdict(int)
        for branch in branches:
            for attr in self.fixed(branch):
                counts[attr] += 1
        candidates = [attr for attr, count in counts.items() if count >= 2]
        if not candidates:
            return None
        return "type" if "type" in candidates else max(candidates, key=lambda a: counts[a])

    def fixed(self, node: etree._Element, seen: frozenset[str] = frozenset()
              ) -> dict[str, tuple[str, ...]]:
        """The attributes of the current element whose values a pattern fixes."""
        kind = _local(node)
        if kind == "attribute":
            values = self._values(node, seen)
            return {self._attribute_name(node): values} if values else {}
        if kind == "ref":
            name = node.get("name")
            if name in seen:
                return {}
            out: dict[str, tuple[str, ...]] = {}
            for define in self.grammar.defines.get(name, ()):
                for attr, values in self.fixed(define, seen | {name}).items():
                    out[attr] = tuple(dict.fromkeys(out.get(attr, ()) + values))
            return out
        if kind in ("group", "interleave", "optional", "define", "choice"):
            out = {}
            for child in node:
                if isinstance(child.tag, str):
                    for attr, values in self.fixed(child, seen).items():
                        out[attr] = tuple(dict.fromkeys(out.get(attr, ()) + values))
            return out
        return {}

    def _values(self, node: etree._Element, seen: frozenset[str]) -> tuple[str, ...]:
        """The values an attribute's content allows, when it is only a set of values."""
        values: list[str] = []
        for child in node:
            kind = _local(child) if isinstance(child.tag, str) else ""
            if kind == "value":
                values.append((child.text or "").strip())
            elif kind == "choice":
                inner = self._values(child, seen)
                if not inner:
                    return ()
                values.extend(inner)
            elif kind == "ref" and child.get("name") not in seen:
                for define in self.grammar.defines.get(child.get("name"), ()):
                    inner = self._values(define, seen | {child.get("name")})
                    if not inner:
                        return ()
                    values.extend(inner)
            elif kind in ("name", "anyName", "nsName", ""):
                continue
            else:
                return ()
        return tuple(values)

    # Elements.
    def element(self, node: etree._Element) -> frozenset[Item]:
        names, content = self._element_names(node)
        if names is None:
            return frozenset({((), (OPEN,))})

        def walk() -> frozenset[Item]:
            items: set[Item] = set()
            for child in content:
                items |= self.pattern(child)
            return frozenset().union(*(_wrap(name, items) for name in names))

        # inside itself: listed, not entered again
        return self._memo.get(node, walk, lambda: frozenset(((), (name,)) for name in names))

    def _element_names(self, node: etree._Element):
        """The names an element may have (None: any name) and its content patterns."""
        uri = self._ns(node)
        if node.get("name") is not None:
            return [_shown_name(uri, node.get("name"))], self._kids(node)
        first, *content = self._kids(node)
        choices = [first] if _local(first) != "choice" else self._kids(first)
        names = []
        for name_node in choices:
            if _local(name_node) != "name":   # anyName, nsName: open content
                return None, content
            names.append(_shown_name(name_node.get("ns", uri), name_node.text.strip()))
        return names, content

    @staticmethod
    def _kids(node: etree._Element) -> list[etree._Element]:
        return [child for child in node if isinstance(child.tag, str)]

    @staticmethod
    def _ns(node: etree._Element) -> str | None:
        """The namespace of an element's name: its own `ns`, or the nearest enclosing
        one in the schema document (RelaxNG inherits `ns` lexically)."""
        for here in (node, *node.iterancestors()):
            if here.get("ns") is not None:
                return here.get("ns") or None
        return None

    def _attribute_name(self, node: etree._Element) -> str:
        name = node.get("name")
        if name is None:
            first = self._kids(node)[0]
            name = first.text.strip() if _local(first) == "name" else OPEN
        return _shown_name(node.get("ns"), name)

    def paths(self, root: str) -> set[str]:
        """Every path below the start element `root` (itself left out)."""
        items = self.group(self.grammar.start[0])
        out = set()
        for _, steps in items:
            if steps[0] != root:   # (a qualified root would need qualified model roots)
                raise ValueError(f"the start element is {steps[0]!r}, not {root!r}")
            if len(steps) == 1:
                continue
            if steps[-1] == OPEN:
                self.open.add("/".join(steps[1:-1]))
            else:
                out.add("/".join(steps[1:]))
        return out


# -- the model -----------------------------------------------------------------------

_LEAF = "leaf"   # an element with nothing below it
_ANY = "any"     # an element whose content is open: anything below it


class ModelGraph:
    """A mapped class's declarations as a graph, read through
    `mapping.core.view.describe`: one node per element content (a class's, or that of
    an element reached by a path), one edge per child or attribute it declares. A
    path is declared when it can be followed from the root; a recursive class (a
    backing store in a backing store) is a cycle in the graph, followed as often as a
    path goes round it.

    An edge carries the qualifier it puts on its parent (a `by=` union: the parent's
    attribute picks the child's class) or on its child (an `on=` union: the child's
    own attribute picks it, and that attribute is the child's too)."""

    def __init__(self, root_cls: type) -> None:
        from mapping.core.view import describe
        self.describe = describe
        self.root = describe(root_cls).content
        self._tables: dict[int, tuple[dict, bool]] = {}

    def table(self, content) -> tuple[dict, bool]:
        """The edges of an element content by step name, and whether it is open
        (raw elements: any child)."""
        found = self._tables.get(id(content))
        if found is None:
            found = self._tables[id(content)] = self._table(content)
        return found

    def _table(self, content) -> tuple[dict, bool]:
        edges: dict[str, list] = defaultdict(list)
        for name in [value.name for value in content.attributes] + list(content.hints):
            edges[f"@{clark_to_step(name)}"].append(({}, {}, _LEAF, ()))
        is_open = False
        for child in content.children:
            kind, tag = child.kind, clark_to_step(child.tags[0]) if child.tags else None
            if kind in ("child", "children", "choice"):
                for name, cls in child.classes.items():
                    edges[clark_to_step(name)].append(({}, {}, self.describe(cls).content, ()))
            elif kind == "element":
                edges[tag].append(({}, {}, child.content, ()))
            elif kind in ("values", "flag"):
                edges[tag].append(({}, {}, _LEAF, ()))
            elif kind == "entries":
                edges[tag].append(({}, {}, _ANY, ()))
            elif kind == "raw":
                is_open = True
            elif kind == "union" and child.on is not None:
                on = clark_to_step(child.on)
                for key, cls in child.classes.items():
                    edges[tag].append(({}, {on: key}, self.describe(cls).content, (on,)))
            elif kind == "union":
                by = clark_to_step(child.by)
                for key, cls in child.classes.items():
                    edges[tag].append(({by: key}, {}, self.describe(cls).content, ()))
            else:
                raise TypeError(f"no paths for a {kind} child")
        return dict(edges), is_open

    def has(self, path: str) -> bool:
        """Whether the model declares `path` (qualifiers compatible at every step)."""
        states = {(id(self.root), ()): self.root}   # (node, extra attributes) -> node
        parent: dict[str, str] = {}
        for name, qual in _parse(path):
            states = self._step(states, name, parent, qual)
            if not states:
                return False
            parent = qual
        return True

    def _step(self, states: dict, name: str, parent: dict, qual: dict) -> dict:
        after: dict = {}
        for (_, extra), node in states.items():
            if node is _ANY:
                after[(_ANY, ())] = _ANY
                continue
            if node is _LEAF:
                continue
            if name.startswith("@") and name[1:] in extra:   # an on= union's key
                after[(_LEAF, ())] = _LEAF
            edges, is_open = self.table(node)
            if is_open and name not in edges and not name.startswith("@"):
                after[(_ANY, ())] = _ANY   # (raw elements take what no field takes)
            for on_parent, on_child, target, more in edges.get(name, ()):
                if _compatible(on_parent, parent) and _compatible(on_child, qual):
                    key = target if isinstance(target, str) else id(target)
                    after[(key, more)] = target
        return after


# -- comparing ---------------------------------------------------------------------

def _parse(path: str) -> list[tuple[str, dict[str, str]]]:
    out = []
    for part in _split(path):
        if part.endswith("]") and "[" in part:
            name, quals = part[:-1].split("[", 1)
            out.append((name, dict(q.split("=", 1) for q in quals.split(","))))
        else:
            out.append((part, {}))
    return out


def _split(path: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in path:
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        if char == "/" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _compatible(a: dict[str, str], b: dict[str, str]) -> bool:
    return all(b.get(attr, value) == value for attr, value in a.items())


def compare(root_cls: type | None = None, schema: Path | None = None
            ) -> tuple[set[str], set[str], set[str]]:
    """The grammar's paths below `<domain>`, the modelled ones among them, and the
    elements whose content the grammar leaves open."""
    if root_cls is None:
        from mapping.libvirt import Domain as root_cls
    walk = GrammarWalk(Grammar(schema or SCHEMAS / "domain.rng"))
    defined = walk.paths("domain")
    model = ModelGraph(root_cls)
    modelled = {path for path in defined if model.has(path)}
    return defined, modelled, walk.open


def report(defined: set[str], modelled: set[str], out=sys.stdout) -> None:
    missing = sorted(defined - modelled)
    print(f"libvirt 11.3 domain schema: {len(defined)} paths, {len(modelled)} modelled, "
          f"{len(missing)} not modelled", file=out)
    families: dict[str, int] = defaultdict(int)
    for path in missing:
        parts = _split(path)
        families["/".join(parts[:2]) if parts[0] == "devices" else parts[0]] += 1
    for family, count in sorted(families.items()):
        print(f"  {count:5d}  {family}", file=out)
    for path in missing:
        print(path, file=out)


if __name__ == "__main__":
    report(*compare()[:2])
