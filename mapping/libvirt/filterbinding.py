"""The `<filterbinding>` root (formatnwfilter "Filter bindings"): a network filter bound
to one guest interface's host port, as virNWFilterBindingCreateXML takes it and libvirt
keeps it while the guest runs."""
from __future__ import annotations

from ..core import child, element, path
from .basictypes import UUID
from .devices.interface import FilterRef


@element()
class BindingOwner:
    """`<owner>`: the domain whose interface the filter guards, by name and UUID."""

    name: str | None = child("name")
    uuid: str | None = child("uuid", codec=UUID)


@element("filterbinding")
class FilterBinding:
    """`<filterbinding>`: the filter (`filterref`, with its parameters) on the host port
    `portdev` (and `linkdev` for macvtap) of the interface with address `mac`."""

    owner: BindingOwner | None = child("owner")
    portdev: str | None = path("portdev/@name")
    linkdev: str | None = path("linkdev/@name")
    mac: str | None = path("mac/@address")
    filterref: FilterRef | None = child("filterref")
