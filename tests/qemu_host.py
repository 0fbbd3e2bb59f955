"""A real libvirtd with the QEMU driver, for tests that need a running domain.

DEVELOPERS.md "Real parts, not mocks": libvirtd and virtlogd run as root, QEMU runs as
root without a security driver or cgroups (a container has neither), and a `type='qemu'`
(TCG) domain starts without KVM. The daemons are started once and left running: later
tests and sessions reuse them.

Also a command, for regenerating dumps by hand::

    python -m tests.qemu_host --dump IN.xml OUT.xml
"""
from __future__ import annotations

import argparse
import grp
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

URI = "qemu:///system"
QEMU_CONF = Path("/etc/libvirt/qemu.conf")
# Only these keys are set; anything else in qemu.conf is left as it was.
QEMU_SETTINGS = {
    "user": '"root"',
    "group": '"root"',
    "security_driver": '"none"',
    "cgroup_controllers": "[ ]",
}
DAEMONS = ("virtlogd", "libvirtd")
TOOLS = ("libvirtd", "virtlogd", "qemu-system-x86_64", "qemu-img")
LOGS = (Path("/var/log/libvirt/libvirtd.log"), Path("/var/log/libvirt/virtlogd.log"))


class HostUnavailable(RuntimeError):
    """libvirtd with QEMU cannot run here; the message says what is missing."""


def missing_tools() -> list[str]:
    """The programs this host needs that are not installed."""
    return [tool for tool in TOOLS if not shutil.which(tool, path=_sbin_path())]


def _sbin_path() -> str:
    return os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])


def ensure_account() -> None:
    """The QEMU driver looks up a `libvirt-qemu` user and group, even to run QEMU as root."""
    try:
        grp.getgrnam("libvirt-qemu")
    except KeyError:
        subprocess.run(["groupadd", "-r", "libvirt-qemu"], check=True)
    try:
        pwd.getpwnam("libvirt-qemu")
    except KeyError:
        subprocess.run(["useradd", "-r", "-g", "libvirt-qemu", "-d", "/var/lib/libvirt",
                        "-s", "/usr/sbin/nologin", "libvirt-qemu"], check=True)


def configure(conf: Path = QEMU_CONF) -> bool:
    """Set QEMU_SETTINGS in qemu.conf, keeping its other lines; True when it changed."""
    lines = conf.read_text().splitlines() if conf.exists() else []
    kept = [line for line in lines if line.split("=")[0].strip() not in QEMU_SETTINGS]
    wanted = kept + [f"{key} = {value}" for key, value in QEMU_SETTINGS.items()]
    if wanted == lines:
        return False
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text("\n".join(wanted) + "\n")
    return True


def _pids(daemon: str) -> list[int]:
    """Processes named `daemon`, read from /proc (pgrep is not on every minimal image)."""
    pids = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip() == daemon:
                pids.append(int(comm.parent.name))
        except OSError:
            continue   # the process ended while we looked
    return pids


def _running(daemon: str) -> bool:
    return bool(_pids(daemon))


def start_daemons(timeout: float = 30.0) -> None:
    """Start virtlogd and libvirtd unless they run, then wait until qemu:///system answers.

    A libvirtd that was running before qemu.conf changed is restarted so that it reads it.
    """
    if os.geteuid() != 0:
        raise HostUnavailable("libvirtd with the QEMU driver must be started as root")
    missing = missing_tools()
    if missing:
        raise HostUnavailable(f"not installed: {', '.join(missing)} (apt-get install libvirt-daemon"
                              " libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils)")
    ensure_account()
    changed = configure()
    for folder in ("/var/log/libvirt", "/var/lib/libvirt", "/run/libvirt"):
        Path(folder).mkdir(parents=True, exist_ok=True)
    if changed and _running("libvirtd"):
        for pid in _pids("libvirtd"):
            os.kill(pid, signal.SIGTERM)
        _wait(lambda: not _running("libvirtd"), timeout, "libvirtd to stop")
    for daemon in DAEMONS:
        if not _running(daemon):
            subprocess.run([shutil.which(daemon, path=_sbin_path()), "-d"], check=True)
    _wait(_answers, timeout, f"{URI} to answer")


def _answers() -> bool:
    import libvirt
    try:
        libvirt.open(URI).close()
    except libvirt.libvirtError:
        return False
    return True


def _wait(ready, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            tails = "\n".join(f"--- {log}\n{_tail(log)}" for log in LOGS)
            raise HostUnavailable(f"timed out after {timeout:.0f}s waiting for {what}\n{tails}")
        time.sleep(0.2)


def _tail(log: Path, lines: int = 15) -> str:
    if not log.exists():
        return "(no log)"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def connect():
    """An open connection to qemu:///system, errors raised as exceptions only."""
    import libvirt
    libvirt.registerErrorHandler(lambda *_: None, None)
    return libvirt.open(URI)


def make_disk(path: Path, size: str = "16M", fmt: str = "qcow2") -> Path:
    """An empty disk image for a domain to open."""
    subprocess.run(["qemu-img", "create", "-q", "-f", fmt, str(path), size], check=True)
    return path


def run_domain(conn, xml: str, timeout: float = 30.0) -> str:
    """Define and start `xml`, return the running domain's XML, then destroy and undefine it."""
    import libvirt
    domain = conn.defineXML(xml)
    try:
        domain.create()
        _wait(lambda: domain.state()[0] == libvirt.VIR_DOMAIN_RUNNING, timeout,
              f"domain {domain.name()} to run")
        return domain.XMLDesc(0)
    finally:
        if domain.isActive():
            domain.destroy()
        domain.undefine()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.qemu_host",
                                     description="Run a domain under libvirtd + QEMU and save "
                                                 "its running XML.")
    parser.add_argument("--dump", nargs=2, metavar=("IN", "OUT"), required=True,
                        help="domain XML to run, file to write the running XML to")
    args = parser.parse_args(argv)
    import libvirt
    try:
        start_daemons()
        conn = connect()
        running = run_domain(conn, Path(args.dump[0]).read_text())
    except (HostUnavailable, OSError, libvirt.libvirtError) as error:
        print(f"qemu_host: {error}", file=sys.stderr)
        return 2
    Path(args.dump[1]).write_text(running)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
