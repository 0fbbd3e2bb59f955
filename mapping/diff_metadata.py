"""`domxml diff` inside `<metadata>`: oVirt's blocks field by field, the others whole.

    metadata ovirt-vm: clusterVersion: 4.7 -> 4.8
    metadata ovirt-vm: device vda: volumeID: 2b6f...0a01 -> 2b6f...0a09
    metadata ovirt-vm: device 56:6f:21:8a:00:01: custom/queues: 2 -> 4
    metadata ovirt-vm: device vdb: added <ovirt-vm:device devtype="disk" name="vdb">...

A block is named by its namespace's preferred prefix; a key by its XML name. The typed
blocks are `mapping.ovirt`'s `VmMetadata` (`ovirt-vm:vm`, its device entries paired by
their keys: a disk's name, a nic's MAC, a mediated device's UUID) and `TuneQos`
(`ovirt-tune:qos`); a block of any other application is compared as its XML.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from .core import describe, is_mapped, parse_document, to_xml
from .namespaces import OVIRT_TUNE, OVIRT_VM, PREFIXES

_SEGMENT = re.compile(r"([^.\[]+)((?:\[\d+\])*)")


def metadata_changes(before: Any, after: Any, compare: Callable[..., list[Any]],
                     change: Callable[[str, Any, Any], Any], absent: Any) -> list[Any]:
    """The changes between two domains' `<metadata>` (`Metadata` entities or None):
    `compare` and `change` are the diff's own (`diff.compare`, `diff.Change`), `absent`
    its mark of a side that has none."""
    old_blocks, new_blocks = _blocks(before), _blocks(after)
    found: list[Any] = []
    for tag in dict.fromkeys([*old_blocks, *new_blocks]):
        old, new = old_blocks.get(tag, absent), new_blocks.get(tag, absent)
        if old == new:
            continue   # (the same text: the poll's common case, without reading it)
        where = f"metadata {_block_name(tag, old if old is not absent else new)}"
        typed = _typed_class(tag)
        if old is absent or new is absent or typed is None:
            found.append(change(where, old, new))
            continue
        found += _typed_changes(typed(old), typed(new), where, compare, change, absent)
    rest_before, rest_after = _rest(before), _rest(after)   # (comments, text, attributes)
    found += compare(rest_before, rest_after, "metadata")
    return found


def _blocks(metadata: Any) -> dict[str, str]:
    if metadata is None:
        return {}
    found: dict[str, str] = {}
    for block in metadata.blocks:
        found.setdefault(parse_document(block).tag, block)   # (libvirt keeps one per tag)
    return found


def _rest(metadata: Any) -> Any:
    if metadata is None:
        return None
    rest = copy.copy(metadata)
    rest.blocks = []
    return rest


def _block_name(tag: str, block: str) -> str:
    """oVirt's prefix for its blocks, else the block's own prefix (or tag)."""
    name = etree.QName(tag)
    return PREFIXES.get(name.namespace or "") or parse_document(block).prefix or name.localname


def _typed_class(tag: str) -> Callable[[str], Any] | None:
    """A reader of the block into its typed entity, for oVirt's two blocks."""
    namespace = etree.QName(tag).namespace
    if namespace not in (OVIRT_VM, OVIRT_TUNE):
        return None
    from .core import from_xml
    from .ovirt import TuneQos, VmMetadata
    cls = VmMetadata if tag == f"{{{OVIRT_VM}}}vm" else (
        TuneQos if tag == f"{{{OVIRT_TUNE}}}qos" else None)
    if cls is None:
        return None
    return lambda text: from_xml(text, cls)


def _typed_changes(old: Any, new: Any, where: str, compare: Callable[..., list[Any]],
                   change: Callable[[str, Any, Any], Any], absent: Any) -> list[Any]:
    found: list[Any] = []
    old_devices, new_devices = _devices_by_key(old), _devices_by_key(new)
    if old_devices is not None and new_devices is not None:
        old, new = copy.copy(old), copy.copy(new)
        old.devices = new.devices = []
    found += _renamed(old, compare(old, new), where, change)
    for key in dict.fromkeys([*(old_devices or {}), *(new_devices or {})]):
        before = (old_devices or {}).get(key, absent)
        after = (new_devices or {}).get(key, absent)
        at = f"{where}: device {' '.join(key[1:])}"
        if before is absent or after is absent:
            found.append(change(at, _shown(before, absent), _shown(after, absent)))
        else:
            found += _renamed(before, compare(before, after), at, change)
    return found


def _devices_by_key(block: Any) -> dict[tuple[str, ...], Any] | None:
    """A block's device entries by their keys; None when two share a key (they are
    compared as a list then, in order)."""
    devices = getattr(block, "devices", None)
    if devices is None:
        return None
    found: dict[tuple[str, ...], Any] = {}
    for device in devices:
        key = _device_key(device)
        if key in found:
            return None
        found[key] = device
    return found


def _device_key(device: Any) -> tuple[str, ...]:
    if device.devtype == "disk" and device.name:
        return ("disk", device.name)
    if device.mac_address:
        return ("nic", device.mac_address.lower())
    if device.uuid:
        return ("uuid", device.devtype or "device", device.uuid)
    return ("other", device.devtype or "device", device.name or device.alias or "")


def _shown(device: Any, absent: Any) -> Any:
    return device if device is absent else to_xml(device, pretty=False, style="libvirt")


def _renamed(entity: Any, changes: list[Any], where: str,
             change: Callable[[str, Any, Any], Any]) -> list[Any]:
    """The changes with their Python paths (`volume_id`) as the block's XML names
    (`volumeID`), under `where`."""
    return [change(f"{where}: {_xml_path(entity, item.where)}", item.before, item.after)
            for item in changes]


def _xml_path(entity: Any, path: str) -> str:
    """`volume_chain.nodes[0].volume_id` -> `volumeChain/volumeChainNode[1]/volumeID`, as
    far as the fields are the model's (a dict's keys are the XML's already)."""
    steps, value = [], entity
    for name, indices in _SEGMENT.findall(path):
        xml_name = name
        if value is not None and is_mapped(type(value)):
            try:
                view = describe(type(value)).field(name)
            except KeyError:
                value = None
            else:
                xml_name = view.xml.rpartition("}")[2] or name
                value = getattr(value, name)
        elif isinstance(value, dict):
            value = value.get(name)
        else:
            value = None
        for index in re.findall(r"\d+", indices):
            value = value[int(index)] if isinstance(value, list) and int(index) < len(
                value) else None
        steps.append(xml_name + "".join(f"[{int(i) + 1}]" for i in re.findall(r"\d+", indices)))
    return "/".join(steps)
