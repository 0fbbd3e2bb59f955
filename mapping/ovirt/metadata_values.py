"""How the values of the `ovirt-vm` metadata are spelled: VDSM's type hints.

VDSM keeps each block as a flat dict per level and writes a value that is not a string
with a `type` attribute saying how to read it back: `<x type="int">3</x>`,
`<x type="float">1.0</x>`, `<x type="bool">True</x>`. Strings carry no hint, and neither
do the values the engine writes as plain text (`<launchPaused>false</launchPaused>`).
A value read without its hint is written back without one.
"""
from __future__ import annotations

from typing import Any

from ..core import BoolCodec, FloatCodec, IntCodec, path
from ..libvirt.basictypes import Facets
from ..namespaces import OVIRT_VM


class VdsmInt(IntCodec):
    """An int as VDSM writes it: `<x type="int">3</x>`."""

    hints = {"type": "int"}


class VdsmFloat(FloatCodec):
    """A float as VDSM writes it (Python's `str(float)`): `<x type="float">1.0</x>`."""

    hints = {"type": "float"}

    def format(self, value: Any) -> str:
        super().format(value)   # the type check
        return repr(float(value))


class VdsmBool(BoolCodec):
    """A bool as VDSM writes it (Python's `str(bool)`): `<x type="bool">True</x>`.

    VDSM reads a bool without regard to case, and the engine writes some in lower case
    (`<managed type="bool">true</managed>`): both spellings are read. What is written is
    VDSM's.
    """

    hints = {"type": "bool"}
    facets = Facets("VdsmBool", values=("True", "False", "true", "false"))

    def parse(self, text: str) -> bool:
        if text in ("True", "true"):
            return True
        if text in ("False", "false"):
            return False
        return super().parse(text)   # (refuses it, naming what is expected)


INT, FLOAT, BOOL = VdsmInt(), VdsmFloat(), VdsmBool("True", "False")


def vm_leaf(name: str, codec: Any = None) -> Any:
    """A field for the leaf `name` of the ovirt-vm namespace: its text, by `codec`."""
    return path(name, ns=OVIRT_VM, codec=codec)


__all__ = ["BOOL", "FLOAT", "INT", "VdsmBool", "VdsmFloat", "VdsmInt", "vm_leaf"]
