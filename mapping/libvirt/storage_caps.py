"""The `<storagepoolCapabilities>` root: which pool types this libvirt supports and the
formats each offers (formatstoragecaps "Element and attribute overview")."""
from __future__ import annotations

from ..core import YesNo, attr, child, children, element
from ..core import path as leaf
from .storage_pool import PoolFormat, PoolType
from .storage_volume import VolumeFormat


@element()
class CapsEnum:
    """`<enum name=..>` and its `<value>`s: `sourceFormatType` lists the pool source
    formats, `targetFormatType` the volume formats."""

    name: str | None = attr("name")
    values: list[str] = children("value")


@element()
class PoolOptions:
    """`<poolOptions>`: the pool source's default format and the formats allowed."""

    default_format: PoolFormat | None = leaf("defaultFormat/@type")
    enums: list[CapsEnum] = children("enum")


@element()
class VolOptions:
    """`<volOptions>`: the default volume format and the formats allowed."""

    default_format: VolumeFormat | None = leaf("defaultFormat/@type")
    enums: list[CapsEnum] = children("enum")


@element()
class PoolCapability:
    """`<pool type=.. supported=..>`: one pool backend and its options."""

    type: PoolType | None = attr("type")
    supported: bool | None = attr("supported", codec=YesNo)
    pool_options: PoolOptions | None = child("poolOptions")
    vol_options: VolOptions | None = child("volOptions")


@element("storagepoolCapabilities")
class StoragePoolCapabilities:
    """Every pool backend libvirt knows, supported here or not (formatstoragecaps
    "Element and attribute overview"; the `poolOptions`/`volOptions` subelements are
    described there too)."""

    pools: list[PoolCapability] = children("pool")
