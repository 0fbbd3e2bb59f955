"""The edits a host agent makes to a VM's XML before restoring or receiving it.

A hibernated VM is restored, and a migrating one arrives, on a host where the same volumes
have other paths, the displays listen on another address, and other CPUs and NUMA nodes
are free. VDSM rewrites the saved or incoming domain XML for that; these are the same
edits on the typed domain, each returning what it changed:

- `retarget_volumes`: every disk, and every layer of its backing chain, pointed at the
  destination's path of the same volume (storage domain, image and volume ids, which the
  disk's `ovirt-vm:device` entry records); the entry's volume chain follows.
- `set_graphics_listen`: the address every display listens on.
- `repin`: vCPU and emulator pinning, and the host NUMA nodes of guest memory.
- `migratable`: a running domain as `virsh dumpxml --migratable` writes it.
"""
from __future__ import annotations

import copy
from typing import Any, cast

from ..core import MappingError
from ..libvirt.tuning import CpuSetPin, CpuTune, NumaMemNode, NumaMemory, NumaTune, VcpuPin
from .metadata import set_vm_metadata, vm_metadata

Volume = tuple[str, str, str]   # (storage domain id, image id, volume id)


def _source_path(source: Any) -> tuple[str | None, str | None]:
    """(the attribute that holds a disk source's path, the path), or (None, None)."""
    for name in ("file", "dev"):
        value = getattr(source, name, None)
        if isinstance(value, str):
            return name, value
    return None, None


def retarget_volumes(domain: Any, volumes: dict[Volume, str]) -> list[tuple[str, str, str]]:
    """Point each disk the VM metadata knows (and the layers of its backing chain) at the
    path `volumes` gives its volume on this host. Returns (disk, old path, new path) for
    each path changed. Raises MappingError naming each volume of such a disk that
    `volumes` has no path for, and changes nothing then."""
    vm = vm_metadata(domain)
    disks = [] if domain.devices is None else domain.devices.disks
    # (source, attribute, old path, new path, chain node, dev)
    plan: list[tuple[Any, str, str, str, Any, str | None]] = []
    missing: list[str] = []
    for disk in disks:
        dev = disk.target.dev if disk.target is not None else None
        entry = vm.disk(dev) if vm is not None and dev else None
        if entry is None:
            continue
        # path -> (its volume's ids, its chain node); an id the metadata lacks is None
        known: dict[str, tuple[tuple[str | None, ...] | None, Any]] = {}
        chain = entry.volume_chain.nodes if entry.volume_chain is not None else []
        for link in chain:
            if link.path:
                known[link.path] = ((link.domain_id, link.image_id, link.volume_id), link)
        top = (entry.domain_id, entry.image_id, entry.volume_id)
        layer, depth = disk, 0
        while layer is not None and layer.source is not None:
            attr, old = _source_path(layer.source)
            if attr is not None and old is not None:   # (both set, or neither)
                ids, node = known.get(old, (top if depth == 0 else None, None))
                if ids is None or None in ids:
                    pass   # a layer the metadata does not name: left as it is
                elif (volume := cast(Volume, ids)) not in volumes:   # (each id set)
                    missing.append(f"disk {dev}: volume {'/'.join(volume)}")
                else:
                    plan.append((layer.source, attr, old, volumes[volume], node, dev))
            layer, depth = layer.backing_store, depth + 1
    if missing:
        raise MappingError("no path on this host for " + "; ".join(missing))
    done = []
    chain_moved = False
    for source, attr, old, new, node, dev in plan:
        setattr(source, attr, new)
        if node is not None and node.path != new:
            node.path = new
            chain_moved = True
        if old != new:
            done.append((f"disk {dev}", old, new))
    if chain_moved:   # (the metadata block is read from the domain's XML: written back)
        assert vm is not None   # (a chain node moved: it is the metadata's)
        set_vm_metadata(domain, vm)
    return done


def set_graphics_listen(domain: Any, address: str) -> int:
    """Make every display listen on `address` (its `listen` attribute and its `<listen
    type="address">` elements). Returns how many displays changed."""
    changed = 0
    for device in [] if domain.devices is None else domain.devices.items:
        if device.__xml__.tag != "graphics":
            continue
        before = (device.listen, [listen.address for listen in device.listens])
        if device.listen is not None:
            device.listen = address
        for listen in device.listens:
            if listen.type == "address":
                listen.address = address
        changed += before != (device.listen, [listen.address for listen in device.listens])
    return changed


def repin(domain: Any, *, vcpus: dict[int, str] | None = None, emulator: str | None = None,
          memory_nodes: str | None = None, cell_nodes: dict[int, str] | None = None) -> int:
    """Pin on this host's CPUs and NUMA nodes: `vcpus` (vCPU -> cpuset), the emulator
    threads, guest memory as a whole (`memory_nodes`) and per guest cell (`cell_nodes`:
    cell id -> host nodeset). Entries the domain does not have yet are added; the rest is
    left as it is. Returns how many values changed."""
    changed = 0
    if vcpus or emulator is not None:
        tune = domain.cputune = domain.cputune or CpuTune()
        changed += _set_each(tune.vcpupins, "vcpu", "cpuset", vcpus or {},
                             lambda vcpu, cpuset: VcpuPin(vcpu=vcpu, cpuset=cpuset))
        if emulator is not None:
            if tune.emulatorpin is None:
                tune.emulatorpin = CpuSetPin()
            changed += tune.emulatorpin.cpuset != emulator
            tune.emulatorpin.cpuset = emulator
    if memory_nodes is not None or cell_nodes:
        numa = domain.numatune = domain.numatune or NumaTune()
        if memory_nodes is not None:
            if numa.memory is None:
                numa.memory = NumaMemory()
            changed += numa.memory.nodeset != memory_nodes
            numa.memory.nodeset = memory_nodes
        changed += _set_each(numa.memnodes, "cellid", "nodeset", cell_nodes or {},
                             lambda cell, nodeset: NumaMemNode(cellid=cell, nodeset=nodeset))
    return changed


def _set_each(entries: list[Any], key: str, field: str, wanted: dict[int, str],
              make: Any) -> int:
    """Set `field` of the entry whose `key` is each key of `wanted` (an entry made by
    `make` when there is none); returns how many changed."""
    by_key = {getattr(entry, key): entry for entry in entries}
    changed = 0
    for name, value in sorted(wanted.items()):
        entry = by_key.get(name)
        if entry is None:
            entries.append(make(name, value))
        elif getattr(entry, field) == value:
            continue
        else:
            setattr(entry, field, value)
        changed += 1
    return changed


def migratable(domain: Any) -> Any:
    """A copy of a running domain as libvirt writes it for migration (`virsh dumpxml
    --migratable`, VIR_DOMAIN_XML_MIGRATABLE), worked out from its live XML.

    Left out: what the run decided, which the destination decides again (the domain's
    `id`, disk sources' `index`, channel `state`, aliases libvirt gave, the port of an
    autoport display, dynamic security labels and the DAC driver's implicit label), and
    the devices libvirt adds to every pc domain that older libvirt does not expect (the
    implicit piix3 USB controller, `pci-root`, the PS/2 keyboard, the `none` audio
    backend). User aliases (`ua-...`) stay. Not undone: the CPU definition, which the live
    XML gives as QEMU expanded it (keep the one the engine sent)."""
    result = copy.deepcopy(domain)
    result.id = None
    items = [] if result.devices is None else result.devices.items
    kept = []
    for device in items:
        if _implicit(device, result):
            continue
        alias = getattr(device, "alias", None)
        if alias is not None and not alias.startswith("ua-"):
            device.alias = None
        kind = device.__xml__.tag
        if kind == "disk":
            layer = device
            while layer is not None:
                if layer.source is not None and hasattr(layer.source, "index"):
                    layer.source.index = None
                if layer is not device:
                    layer.index = None
                layer = layer.backing_store
        elif kind == "channel" and device.target is not None:
            device.target.state = None
        elif kind == "graphics" and device.autoport:
            for name in ("port", "tls_port"):
                if getattr(device, name, None) is not None:
                    setattr(device, name, -1)
        kept.append(device)
    if result.devices is not None:
        result.devices.items = kept
    result.seclabels = [label for label in result.seclabels if not _runtime_label(label)]
    for label in result.seclabels:
        if label.type == "dynamic":
            label.label = label.imagelabel = None
    return result


def _implicit(device: Any, domain: Any) -> bool:
    """A device libvirt adds to a pc domain by itself, left out of migratable XML."""
    kind = device.__xml__.tag
    machine = domain.os.type.machine if domain.os is not None and domain.os.type else None
    x86_pc = machine is None or "q35" not in str(machine)
    if kind == "controller":
        model = str(getattr(device.model, "value", device.model))
        kind_of = str(getattr(device.type, "value", device.type))
        if kind_of == "pci" and device.index == 0 and model == "pci-root":
            return True
        if kind_of == "usb" and device.index == 0 and model == "piix3-uhci" and x86_pc:
            address = device.address
            return address is None or (getattr(address, "slot", None) == 1
                                       and getattr(address, "function", None) == 2)
        return False
    if kind == "input":
        return (str(getattr(device.type, "value", device.type)) == "keyboard"
                and str(getattr(device.bus, "value", device.bus)) == "ps2")
    if kind == "audio":
        audios = [d for d in domain.devices.items if d.__xml__.tag == "audio"]
        return device.type == "none" and len(audios) == 1 and device.id == 1
    return False


def _runtime_label(label: Any) -> bool:
    """The DAC driver's implicit dynamic label of a running domain (`+0:+0` and the like)."""
    return label.type == "dynamic" and label.model == "dac" and label.relabel is not False


__all__ = ["migratable", "repin", "retarget_volumes", "set_graphics_listen"]
