"""What reaches a user's type checker (issue #19): the package says it is typed,
`from_xml(data, Cls)` is typed as a `Cls`, sizes build their own class, device views are
typed lists."""
from __future__ import annotations

import tomllib
import typing

import mapping
from mapping.libvirt import Devices, Disk, devices
from mapping.libvirt.devices.views import DeviceList, KindView
from mapping.libvirt.memory import Memory
from tests.conftest import PROJECT


def test_the_package_ships_py_typed():
    assert (PROJECT / "mapping" / "py.typed").exists()
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text())
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["mapping"]


def test_from_xml_given_a_class_is_typed_as_its_instance():
    typed, untyped = typing.get_overloads(mapping.from_xml)
    hints = typing.get_type_hints(typed)
    assert hints["return"] is typing.get_args(hints["cls"])[0]


def test_a_size_constructor_returns_its_own_class():
    assert typing.get_type_hints(Memory.of)["return"] is typing.Self
    assert type(Memory.of(8, "GiB")) is Memory


def test_device_views_are_typed_by_their_kind():
    assert isinstance(Devices.__dict__["disks"], KindView)
    assert Devices.__dict__["disks"].kind is Disk
    assert isinstance(Devices().disks, DeviceList)


def test_every_device_class_is_exported_by_name():
    # (`__all__` is spelled out for type checkers: it must name each kind there is)
    assert devices.__all__ == ["ADDRESS_VARIANTS", "Address", "DEVICE_CLASSES", "Device",
                               "Devices", "Emulator",
                               *(cls.__name__ for cls in devices.DEVICE_CLASSES[1:])]


def test_what_building_a_vm_takes_is_given_by_mapping_libvirt():
    import mapping.libvirt as libvirt
    for name in libvirt._BUILDING:
        assert name in libvirt.__all__ and isinstance(getattr(libvirt, name), type), name
