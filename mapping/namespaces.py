"""XML namespace URIs, in one place, with the prefixes we prefer when writing."""

QEMU = "http://libvirt.org/schemas/domain/qemu/1.0"
LXC = "http://libvirt.org/schemas/domain/lxc/1.0"
BHYVE = "http://libvirt.org/schemas/domain/bhyve/1.0"
VMWARE = "http://libvirt.org/schemas/domain/vmware/1.0"
XEN = "http://libvirt.org/schemas/domain/xen/1.0"
LIBOSINFO = "http://libosinfo.org/xmlns/libvirt/domain/1.0"
OVIRT_VM = "http://ovirt.org/vm/1.0"
OVIRT_TUNE = "http://ovirt.org/vm/tune/1.0"

PREFIXES = {
    QEMU: "qemu",
    LXC: "lxc",
    BHYVE: "bhyve",
    VMWARE: "vmware",
    XEN: "xen",
    LIBOSINFO: "libosinfo",
    OVIRT_VM: "ovirt-vm",
    OVIRT_TUNE: "ovirt-tune",
}
