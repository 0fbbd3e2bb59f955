"""Where a document fails libvirt's RelaxNG schema: the innermost element that fails.

libvirt's grammar puts a domain's children in an interleave, so libxml2 reports one bad
attribute of a disk's `<seclabel>` as "Extra element devices in interleave" at the
domain. An element's subtree can be checked alone: a grammar that includes the schema
and starts at the pattern the element may be (a define that is one element,
`<define name="devSeclabel"><element name="seclabel">`, or an element declared in
place) accepts it or says why not. From the root down, each child is checked against
every pattern its parent's patterns may hold it as; the first that all of them refuse
is gone into, until none of an element's children is refused: that element is the
fault, reported with its line, its path and what its check says. A child that may be
an element of any name, or of another grammar (a snapshot's `<domain>`), is not judged.

Soundness is tested: on both corpora no document libvirt accepts has an element refused
this way. Each pattern's grammar is compiled once per process (~10 ms); a walk stops
after `BUDGET` subtree checks.
"""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from .core import Problem

RNG = "http://relaxng.org/ns/structure/1.0"
BUDGET = 400
MAX_DEPTH = 64   # (libvirt's documents nest a few levels; a backing chain goes deeper)


@dataclass(frozen=True)
class Located:
    """The innermost failing element: its line, path and the messages of its check."""

    line: int | None
    path: str
    messages: tuple[str, ...]


class Grammar:
    """A grammar's defines, and what an element's content may hold.

    A context is where an element's children are declared: a define that is one element
    (by name), or an element declared in place in a pattern (its RNG node). `children`
    gives, for a child's tag, the contexts it may be declared by there."""

    def __init__(self, patterns: dict[str, list[Any]], starts: list[Any]):
        self.patterns, self.starts = patterns, starts
        self.tags: dict[str, str] = {}
        for name, defines in patterns.items():
            content = [node for define in defines for node in define if _is_rng(node, None)]
            if len(content) == 1 and _is_rng(content[0], "element") and content[0].get("name"):
                self.tags[name] = content[0].get("name", "")
        self._below: dict[str, dict[str, list[Any]]] = {}

    def roots(self, tag: str) -> list[Any]:
        """The contexts a root `tag` may be: what the grammar's start reaches (a define,
        or an element declared in the start), else every define of that tag."""
        reached = self._walk([child for start in self.starts for child in start]).get(tag)
        return reached or [name for name, own in self.tags.items() if own == tag]

    def children(self, contexts: list[Any], tag: str) -> tuple[list[str], list[Any]]:
        """(defines, elements declared in place) a `tag` child may be, in `contexts`."""
        defines: dict[str, None] = {}
        inline: list[Any] = []
        for context in contexts:
            content = self._content_of(context)
            inline += content.get("*", ())   # (an element of any name: never judged)
            for item in content.get(tag, ()):
                if isinstance(item, str):
                    defines[item] = None
                else:
                    inline.append(item)
        return list(defines), inline

    def _content_of(self, context: Any) -> dict[str, list[Any]]:
        if isinstance(context, str):
            found = self._below.get(context)
            if found is None:
                found = self._below[context] = self._walk(
                    [child for define in self.patterns.get(context, ())
                     for node in define if _is_rng(node, "element") for child in node])
            return found
        return self._walk(list(context))

    def _walk(self, todo: list[Any]) -> dict[str, list[Any]]:
        """The element defines and in-place elements a content pattern reaches, by tag
        (through the defines that are patterns, not into elements)."""
        found: dict[str, list[Any]] = {}
        visited: set[str] = set()
        while todo:
            node = todo.pop()
            if not _is_rng(node, None):
                continue
            if _is_rng(node, "element"):
                found.setdefault(node.get("name") or "*", []).append(node)
            elif any(_is_rng(node, kind) for kind in ("grammar", "externalRef", "parentRef")):
                # Another grammar's elements (a snapshot's <domain>): not judged here.
                found.setdefault("*", []).append(node)
            elif _is_rng(node, "ref"):
                target = node.get("name", "")
                if target in self.tags:
                    found.setdefault(self.tags[target], []).append(target)
                elif target not in visited:
                    visited.add(target)
                    todo += [child for define in self.patterns.get(target, ())
                             for child in define]
            else:
                todo += list(node)
        return found


def _is_rng(node: Any, name: str | None) -> bool:
    if not isinstance(node.tag, str):
        return False
    return node.tag == f"{{{RNG}}}{name}" if name else node.tag.startswith(f"{{{RNG}}}")


@functools.lru_cache(maxsize=16)
def grammar(main: Path) -> Grammar:
    """The defines of `main`'s grammar, its includes' too."""
    patterns: dict[str, list[Any]] = {}
    starts: list[Any] = []
    seen: set[Path] = set()
    todo = [main]
    while todo:
        path = todo.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        tree = etree.parse(str(path))
        for include in tree.iter(f"{{{RNG}}}include"):
            todo.append(path.parent / include.get("href", ""))
        for define in tree.iter(f"{{{RNG}}}define"):
            patterns.setdefault(define.get("name", ""), []).append(define)
        if path == main:
            starts += tree.getroot().findall(f"{{{RNG}}}start")
    return Grammar(patterns, starts)


def _start_of(candidate: Any) -> str:
    """A define as a reference to it; an element declared in place as its pattern."""
    if isinstance(candidate, str):
        return f'<ref name="{candidate}"/>'
    text: str = etree.tostring(candidate, encoding="unicode", with_tail=False)
    return text


@functools.lru_cache(maxsize=256)
def start_schema(main: Path, start: str) -> etree.RelaxNG | None:
    """`main`'s grammar started at the pattern `start` (None when libxml2 will not
    compile it)."""
    grammar = (f'<grammar xmlns="{RNG}" datatypeLibrary='
               '"http://www.w3.org/2001/XMLSchema-datatypes">'
               f'<include href="{main.as_uri()}"><start>{start}</start></include></grammar>')
    try:
        return etree.RelaxNG(etree.fromstring(grammar))
    except (etree.RelaxNGParseError, etree.XMLSyntaxError):
        return None


class _Judge:
    """Checks of one element's subtree against the patterns it may be, counted."""

    def __init__(self, main: Path):
        self.main = main
        self.grammar = grammar(main)
        self.left = BUDGET

    def refusals(self, node: Any, candidates: list[Any]) -> tuple[str, ...] | None:
        """Why every one of `candidates` refuses `node`; () when one accepts it; None
        when none can judge it (none compiles, or the budget is spent)."""
        messages: list[str] = []
        alone = None   # (the subtree as a document of its own, made once for all candidates)
        for candidate in candidates:
            schema = start_schema(self.main, _start_of(candidate))
            if schema is None:
                continue
            if self.left <= 0:
                return None
            self.left -= 1
            if alone is None:
                alone = copy.deepcopy(node)
                alone.tail = None
            if schema.validate(etree.ElementTree(alone)):
                return ()
            messages += [entry.message for entry in schema.error_log]
        return tuple(dict.fromkeys(messages)) if alone is not None else None


def locate(root: Any, main: Path) -> Located | None:
    """The innermost element of `root` that `main`'s grammar refuses, below the root
    (None: the fault is the root's own, or no element below it can be judged)."""
    judge = _Judge(main)
    found = _refused_below(judge, root, judge.grammar.roots(root.tag), 0)
    if found is None:
        return None
    node, why = found
    return Located(node.sourceline, root.getroottree().getpath(node), why)


def _refused_below(judge: _Judge, node: Any, contexts: list[Any],
                   depth: int) -> tuple[Any, tuple[str, ...]] | None:
    """The deepest element below `node` that every pattern it may be refuses (a child
    that may be an element of any name is not judged, nor searched)."""
    if depth >= MAX_DEPTH:
        return None
    for child in node:
        if not isinstance(child.tag, str):
            continue   # (comments, PIs)
        defines, inline = judge.grammar.children(contexts, child.tag)
        candidates = [*defines, *inline]
        if not candidates or any(not _is_rng(item, "element") or item.get("name") is None
                                 for item in inline):
            continue
        why = judge.refusals(child, candidates)
        if why:
            deeper = _refused_below(judge, child, candidates, depth + 1)
            return deeper or (child, why)
    return None


def located_problems(root: Any, main: Path) -> list[Problem]:
    """The innermost failing element as a problem (its line, path and what its define's
    check says), or none when the root itself is at fault."""
    found = locate(root, main)
    if found is None:
        return []
    return [Problem("; ".join(found.messages), found.line, found.path)]
