"""`<metadata>`: applications' own blocks, one per namespace (formatdomain "General metadata").

libvirt stores each block as it was given and never reads it. The model does the same:
blocks are kept as written, in place, and an application reads or replaces its own block
as a typed entity of its own class (`get`, `set`, `remove`), e.g. oVirt's `ovirt-vm:vm`.
"""
from __future__ import annotations

from typing import Any, TypeVar

from lxml import etree

from ..core import Extras, element, from_xml, parse_document, plan_for, to_xml
from ..core.extras import ELEMENT, UNKNOWN

T = TypeVar("T")


@element()
class Metadata:
    """The blocks under `<metadata>`, kept as written; typed access through a block's class."""

    def _blocks(self) -> list[tuple[int, Any]]:
        """(index in the kept nodes, parsed element) for each element block."""
        if self.extras is None:
            return []
        return [(index, parse_document(payload))
                for index, (kind, payload) in enumerate(self.extras.nodes) if kind == ELEMENT]

    def namespaces(self) -> list[str | None]:
        """The namespace URI of each block, in document order."""
        return [etree.QName(block).namespace for _, block in self._blocks()]

    def raw(self, tag: str) -> str | None:
        """The block whose root is `tag` (Clark notation: `{uri}local`) as XML text."""
        for index, block in self._blocks():
            if block.tag == tag:
                return self.extras.nodes[index][1]
        return None

    def get(self, cls: type[T], **parse: Any) -> T | None:
        """The block of `cls`'s root tag parsed into a `cls` entity, or None."""
        text = self.raw(_tag_of(cls))
        return None if text is None else from_xml(text, cls, **parse)

    def set(self, entity: Any) -> None:
        """Put `entity` in as its block: in place of the old one, or after the others."""
        tag = _tag_of(type(entity))
        payload = (ELEMENT, to_xml(entity, pretty=False))
        for index, block in self._blocks():
            if block.tag == tag:
                self.extras.nodes[index] = payload
                return
        if self.extras is None:
            self.extras = Extras()
        self.extras.nodes.append(payload)
        if self.extras.order is not None:
            self.extras.order.append((UNKNOWN, len(self.extras.nodes) - 1))

    def remove(self, cls_or_tag: type | str) -> bool:
        """Drop the block of a class (or a `{uri}local` tag); False when there was none."""
        tag = cls_or_tag if isinstance(cls_or_tag, str) else _tag_of(cls_or_tag)
        for index, block in self._blocks():
            if block.tag == tag:
                self._drop(index)
                return True
        return False

    def _drop(self, index: int) -> None:
        extras = self.extras
        del extras.nodes[index]
        if extras.order is not None:
            renumbered = []
            for key, position in extras.order:
                if key == UNKNOWN:
                    if position == index:
                        continue
                    position -= position > index
                renumbered.append((key, position))
            extras.order = renumbered


def _tag_of(cls: type) -> str:
    tag = plan_for(cls).tag
    if tag is None:
        raise TypeError(f"{cls.__name__} has no @element tag to find its metadata block by")
    return tag
