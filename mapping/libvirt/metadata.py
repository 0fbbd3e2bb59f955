"""`<metadata>`: applications' own blocks, one per namespace (formatdomain "General metadata").

libvirt stores each block as it was given and never reads it. The model does the same:
`blocks` keeps each one as XML text, in document order, and an application reads or
replaces its own block as a typed entity of its own class (`get`, `set`, `remove`),
e.g. oVirt's `ovirt-vm:vm`.
"""
from __future__ import annotations

from typing import Any, TypeVar

from lxml import etree

from ..core import element, from_xml, parse_document, raw_elements, to_element

T = TypeVar("T")


@element()
class Metadata:
    """The blocks under `<metadata>`, as written; typed access through a block's class."""

    blocks: list[str] = raw_elements()

    def _tags(self) -> list[str]:
        return [parse_document(block).tag for block in self.blocks]

    def namespaces(self) -> list[str | None]:
        """The namespace URI of each block, in document order."""
        return [etree.QName(tag).namespace for tag in self._tags()]

    def raw(self, tag: str) -> str | None:
        """The block whose root is `tag` (Clark notation: `{uri}local`) as XML text."""
        tags = self._tags()
        return self.blocks[tags.index(tag)] if tag in tags else None

    def get(self, cls: type[T], **parse: Any) -> T | None:
        """The block of `cls`'s root tag parsed into a `cls` entity, or None."""
        text = self.raw(_tag_of(cls))
        return None if text is None else from_xml(text, cls, **parse)

    def set(self, entity: Any) -> None:
        """Put `entity` in as its block: in place of the old one, or after the others."""
        # (in the form a block read from a document has: lxml's, which equality compares)
        tag = _tag_of(type(entity))
        block = etree.tostring(to_element(entity), encoding="unicode")
        tags = self._tags()
        if tag in tags:
            self.blocks[tags.index(tag)] = block
        else:
            self.blocks.append(block)

    def remove(self, cls_or_tag: type | str) -> bool:
        """Drop the block of a class (or a `{uri}local` tag); False when there was none."""
        tag = cls_or_tag if isinstance(cls_or_tag, str) else _tag_of(cls_or_tag)
        tags = self._tags()
        if tag not in tags:
            return False
        del self.blocks[tags.index(tag)]
        return True


def _tag_of(cls: type) -> str:
    from ..core import describe   # (the view is imported on first use)
    tag = describe(cls).tag
    if tag is None:
        raise TypeError(f"{cls.__name__} has no @element tag to find its metadata block by")
    return tag
