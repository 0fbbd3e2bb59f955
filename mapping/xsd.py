"""XML Schema (XSD 1.1) generated from the mapping declarations themselves.

One schema document per namespace. What the model declares is typed (an integer field
takes decimal or 0x hex, a yes/no field takes yes or no, a closed enum its values);
what the model keeps as unknown XML is allowed by lax wildcards, so any document the
library reads losslessly validates, and a wrong value in a typed place does not.
A union picked by the element's own attribute (`<address type=...>`) and one picked by
the parent's attribute (`<disk type=...><source/>`) become XSD 1.1 type alternatives.

One schema per kind of document `from_xml` reads (`schema_sets`): the domain's, each
other format's, and the documents that are or embed part of a domain (snapshots, device
documents), which include domain.xsd and declare their own roots on top of it.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ._xsd_builder import SchemaBuilder, split_tag
from .core.errors import ModelError
from .core.view import describe


def generate(*roots: type) -> dict[str, str]:
    """XSD documents (file name -> text) for the given root classes."""
    builder = SchemaBuilder()
    for cls in roots:
        builder.root(cls)
    return builder.documents()


class SchemaSet(NamedTuple):
    """The schema of one kind of document: its global elements (`roots`), written to
    `<name>.xsd` (with the namespaces' documents), on top of the schema `extends` names."""

    name: str
    roots: tuple[type, ...]
    extends: str | None = None


def tag_of(cls: type) -> str:
    """The root tag (Clark notation) a class's documents have."""
    return describe(cls).tag


def format_roots() -> list[type]:
    """libvirt's other formats that stand alone, a schema each (`network.xsd`, ...)."""
    from . import libvirt as lv
    return [lv.Network, lv.NetworkPort, lv.Secret, lv.Pool, lv.Volume,
            lv.StoragePoolCapabilities, lv.DomainBackup, lv.FilterBinding, lv.NetworkFilter,
            lv.Capabilities, lv.DomainCapabilities, lv.NodeDevice, lv.HostInterface]


def schema_sets() -> dict[str, SchemaSet]:
    """Every document `from_xml` reads by its root, by schema. A document that embeds a
    domain (a snapshot, a checkpoint) or is a part of one (a device alone, as hotplug
    sends it; oVirt's hotplug payloads) includes domain.xsd rather than a copy of it;
    virNetworkUpdate's `<interface dev=..>` builds on network.xsd."""
    from .libvirt import DomainCheckpoint, DomainSnapshot
    from .libvirt.devices import DEVICE_CLASSES
    from .libvirt.network import ForwardInterfaceUpdate
    from .ovirt import Hotplug, Hotunplug
    sets = [SchemaSet("domain", tuple(default_roots()))]
    sets += [SchemaSet(split_tag(tag_of(cls))[1], (cls,)) for cls in format_roots()]
    sets += [SchemaSet("domainsnapshot", (DomainSnapshot,), "domain"),
             SchemaSet("domaincheckpoint", (DomainCheckpoint,), "domain"),
             # (DEVICE_CLASSES[0] is the emulator, which is no device document)
             SchemaSet("domaindevice", tuple(DEVICE_CLASSES[1:]), "domain"),
             SchemaSet("hotplug", (Hotplug, Hotunplug), "domain"),
             SchemaSet("networkupdate", (ForwardInterfaceUpdate,), "network")]
    return {entry.name: entry for entry in sets}


def schema_builder(name: str, sets: Mapping[str, SchemaSet] | None = None,
                   built: dict[str, SchemaBuilder] | None = None) -> SchemaBuilder:
    """The builder of schema `name` (and of the schemas it builds on), roots declared."""
    sets = schema_sets() if sets is None else sets
    built = {} if built is None else built
    if name not in built:
        entry = sets[name]
        base = None if entry.extends is None else schema_builder(entry.extends, sets, built)
        builder = SchemaBuilder(base=name, extends=base)
        for other in sets.values():   # (the elements the schemas built on it declare)
            if other.extends == name:
                builder.reserved.update(split_tag(tag_of(cls)) for cls in other.roots)
        for cls in entry.roots:
            builder.root(cls)
        built[name] = builder
    return built[name]


def schema_documents(name: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The documents schema `name` is made of (file name -> text, those it builds on
    included), and the facets of each libvirt value type named in them."""
    sets, built = schema_sets(), dict[str, SchemaBuilder]()
    documents: dict[str, str] = {}
    entry: str | None = name
    while entry is not None:
        documents.update(schema_builder(entry, sets, built).documents())
        entry = sets[entry].extends
    return documents, dict(built[name].facets)


def generate_all() -> dict[str, str]:
    """Every schema document `domxml schema` writes: one set of documents per schema of
    `schema_sets`, named by its root or kind (`network.xsd`). A namespace two of them use
    is one file, the same text from each (ModelError if not)."""
    sets, built = schema_sets(), dict[str, SchemaBuilder]()
    documents: dict[str, str] = {}
    for name in sets:
        for filename, text in schema_builder(name, sets, built).documents().items():
            if documents.setdefault(filename, text) != text:
                raise ModelError(f"{filename}: schema {name}'s text would differ from the "
                                 "one already written")
    return documents


def default_roots() -> list[type]:
    """The libvirt domain, and the oVirt metadata blocks that may sit in it."""
    from .libvirt import Domain
    from .ovirt import TuneQos, VmMetadata
    return [Domain, VmMetadata, TuneQos]


__all__ = ["SchemaBuilder", "SchemaSet", "default_roots", "format_roots", "generate", "generate_all",
           "schema_builder", "schema_documents", "schema_sets", "tag_of"]
