"""What a fresh process imports and compiles: only what the job needs, and once.

Each test runs a fresh interpreter: what one process has imported or compiled is the
subject, and the test process has imported everything.
"""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import PROJECT, run_fresh

EXAMPLE = PROJECT / "examples" / "server-vm.xml"
NETWORK = "<network><name>n</name><bridge name='virbr9'/></network>"


def _fresh(code: str, **env: str | None) -> Any:
    """Run `code` in a fresh interpreter; it prints a JSON value, returned here."""
    return run_fresh(code, **env)[0]


def test_reading_and_writing_a_domain_imports_neither_json_support_nor_other_formats():
    loaded = _fresh(f"""
import json, sys
from mapping import from_xml, to_xml
to_xml(from_xml(open({str(EXAMPLE)!r}, 'rb').read()))
print(json.dumps(sorted(m for m in sys.modules
                        if m.startswith(('dataclasses_json', 'marshmallow', 'mapping.libvirt.',
                                         'mapping.core._json', 'mapping.core.jsonio',
                                         'mapping.core._restyle')))))
""")
    assert not [name for name in loaded if name.startswith(("dataclasses_json", "marshmallow"))]
    # The library's own JSON is imported on first use too; so is the layout of edits.
    assert not [name for name in loaded if name.startswith(("mapping.core._json",
                                                            "mapping.core.jsonio"))]
    assert "mapping.core._restyle" not in loaded
    assert "mapping.libvirt.domain" in loaded
    for lazy in ("network", "networkport", "secret", "storage_pool", "storage_volume",
                 "storage_caps"):
        assert f"mapping.libvirt.{lazy}" not in loaded


def test_json_methods_and_other_formats_work_when_first_used():
    found = _fresh(f"""
import json, sys
from mapping import from_xml, to_xml, to_dict, from_dict
import mapping.libvirt as libvirt
domain = from_xml(open({str(EXAMPLE)!r}, 'rb').read())
network = from_xml({NETWORK!r})
data = domain.to_dict()
print(json.dumps([type(network).__name__, libvirt.Pool.__name__,
                  from_dict(to_dict(domain), libvirt.Domain) == domain,
                  libvirt.Domain.from_json(domain.to_json()) == domain,
                  type(libvirt.Domain.schema()).__name__, data["name"],
                  "dataclasses_json" in sys.modules]))
""")
    assert found == ["Network", "Pool", True, True, "DomainSchema", "server-vm", True]


def test_an_unknown_root_names_the_roots_not_imported_yet():
    message = _fresh("""
import json
from mapping import from_xml, ParseError
try:
    from_xml("<nothing/>")
except ParseError as err:
    print(json.dumps(str(err)))
""")
    assert "<domain>" in message and "<network>" in message and "<volume>" in message


def test_compiled_readers_and_writers_are_kept_between_processes(tmp_path):
    code = f"""
import json
from mapping import from_xml, to_xml
print(json.dumps(to_xml(from_xml(open({str(EXAMPLE)!r}, 'rb').read()))))
"""
    cache = tmp_path / "code"
    first = _fresh(code, DOMXML_CODE_CACHE=str(cache), PYTHONDONTWRITEBYTECODE=None)
    kept = sorted(cache.glob("*.code"))
    assert len(kept) > 5
    stamps = [path.stat().st_mtime_ns for path in kept]
    assert _fresh(code, DOMXML_CODE_CACHE=str(cache), PYTHONDONTWRITEBYTECODE=None) == first
    assert [path.stat().st_mtime_ns for path in kept] == stamps   # read, not written again
    for path in kept:   # damaged files are compiled again, not trusted
        path.write_bytes(b"not a code object")
    assert _fresh(code, DOMXML_CODE_CACHE=str(cache), PYTHONDONTWRITEBYTECODE=None) == first


@pytest.mark.parametrize("env", [{"DOMXML_CODE_CACHE": "off"}, {"PYTHONDONTWRITEBYTECODE": "1"}])
def test_nothing_is_written_when_caching_is_off_or_python_writes_no_bytecode(tmp_path, env):
    home = tmp_path / "home"
    settings = {"XDG_CACHE_HOME": str(home), "DOMXML_CODE_CACHE": None,
                "PYTHONDONTWRITEBYTECODE": None, **env}
    assert _fresh(f"""
import json
from mapping import from_xml, to_xml
print(json.dumps(len(to_xml(from_xml(open({str(EXAMPLE)!r}, 'rb').read()))) > 0))
""", **settings) is True
    assert not home.exists() or not list(home.rglob("*.code"))


def test_importing_the_model_leaves_the_garbage_collector_as_it_found_it():
    # (the import pauses it: it makes many objects and no garbage)
    found = _fresh("""
import gc, json
import mapping.libvirt
enabled = gc.isenabled()
gc.disable()
import mapping.libvirt.devices.disk, importlib
importlib.reload(mapping.libvirt)
print(json.dumps([enabled, gc.isenabled()]))
""")
    assert found == [True, False]
