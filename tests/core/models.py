"""A small model that uses every kind of field, for testing the core on its own."""
from __future__ import annotations

from mapping.core import (HexIntCodec, OnOff, OpenEnum, TrueFalse, attr, child, children,
                          choice, element, entries, flag, path, text, union)

NS = "urn:test:extra"


class Color(OpenEnum):
    RED = "red"
    GREEN = "green"


@element()
class Dims:
    width: int | None = attr("width")
    height: int | None = attr("height")


@element()
class FileSrc:
    file: str | None = attr("file")


@element()
class BlockSrc:
    dev: str | None = attr("dev")
    size: Dims | None = child("size")


@element()
class PciAddr:
    slot: int | None = attr("slot", codec=HexIntCodec(2))
    function: int | None = attr("function", codec=HexIntCodec(1))


@element()
class DriveAddr:
    unit: int | None = attr("unit")


@element()
class Note:
    lang: str | None = attr("lang")
    body: str | None = text()


@element("item")
class Item:
    type: str | None = attr("type")
    color: Color | None = attr("color")
    enabled: bool | None = attr("enabled", codec=OnOff)
    ratio: float | None = attr("ratio")
    label: str | None = child("label")
    source: FileSrc | BlockSrc | None = union(
        "source", {"file": FileSrc, "block": BlockSrc}, by="type", default="file")
    readonly: bool | None = flag("readonly")
    tags: list[str] = children("tag")
    order: int | None = path("boot/@order")
    boot_menu: bool | None = path("boot/menu/@enabled", codec=TrueFalse)
    notes: list[Note] = children("note")
    address: PciAddr | DriveAddr | None = union(
        "address", {"pci": PciAddr, "drive": DriveAddr}, on="type")


@element("gadget")
class Gadget:
    name: str | None = attr("name")
    count: int | None = text()


@element("box", nsmap={"x": NS})
class Box:
    id: int | None = attr("id")
    secure: bool | None = attr("secure")
    owner: str | None = attr("owner", ns=NS)
    title: str | None = child("title")
    dims: Dims | None = child("dims")
    extra: Dims | None = child("extra", ns=NS)
    contents: list[Item | Gadget] = choice(Item, Gadget)
    comment_text: str | None = path("meta/comment")
    custom: dict[str, str] | None = entries("custom", ns=NS)
