"""Plans and generated functions kept between processes (`core/_plancache.py`).

Each test runs fresh interpreters against a cache folder of its own: what one process
wrote and the next one read is the subject.
"""
from __future__ import annotations

import textwrap

from tests.conftest import PROJECT, run_fresh

EXAMPLE = PROJECT / "examples" / "server-vm.xml"

THING = """\
from mapping.core import attr, child, element

@element()
class Part:
    name: str | None = attr("name")

@element("thing")
class Thing:
    name: str | None = attr("name")
    part: Part | None = child("{urn:test:part}part")
"""


def _run(code: str, cache, *, path=None, **env: str | None) -> tuple[object, str]:
    """Run `code` in a fresh interpreter that keeps its plans in `cache` (and writes them:
    no PYTHONDONTWRITEBYTECODE unless `env` sets it); it prints a JSON value. Returns that
    value and what the process wrote on stderr."""
    settings = {"DOMXML_CODE_CACHE": str(cache), "PYTHONDONTWRITEBYTECODE": None, **env}
    return run_fresh(textwrap.dedent(code), path=path, **settings)


DOMAIN_JOB = f"""
import json
from mapping import from_xml, to_xml
from mapping.core import _plan, _plancache
from mapping.libvirt import Domain
text = to_xml(from_xml(open({str(EXAMPLE)!r}, 'rb').read()))
plan = _plan._plans[Domain]
print(json.dumps([text, _plancache._changed, plan.read.__class__.__name__]))
"""


def _plan_files(cache) -> list:
    return sorted(cache.glob("plans-*.pickle"))


def test_the_next_process_loads_the_model_instead_of_compiling_it(tmp_path):
    cache = tmp_path / "cache"
    (first, changed, _), _ = _run(DOMAIN_JOB, cache)
    assert changed is True
    [kept] = _plan_files(cache)
    stamp = kept.stat().st_mtime_ns
    (second, changed, reader), errors = _run(DOMAIN_JOB, cache)
    assert second == first
    # Nothing compiled or generated: the reader came from the file, and the file stands.
    assert changed is False and reader == "function" and not errors
    assert kept.stat().st_mtime_ns == stamp


def test_generated_source_and_tracebacks_of_loaded_code_show_its_lines(tmp_path):
    cache = tmp_path / "cache"
    job = f"""
    import json, linecache
    from mapping import from_xml, generated_source
    from mapping.libvirt import Domain
    from mapping.core import _plan
    from_xml(open({str(EXAMPLE)!r}, 'rb').read())
    reader = _plan._plans[Domain].read
    lines = linecache.getlines(reader.__code__.co_filename)
    print(json.dumps([generated_source(Domain, "read"), "".join(lines),
                      reader.__code__.co_filename]))
    """
    fresh, _ = _run(job, cache)
    loaded, _ = _run(job, cache)
    assert loaded == fresh
    assert loaded[0].startswith("def read(") and loaded[1] == loaded[0]
    assert loaded[2] == "<mapping reader mapping.libvirt.domain.Domain>"


def test_a_changed_model_module_is_compiled_again(tmp_path):
    cache, models = tmp_path / "cache", tmp_path / "models"
    models.mkdir()
    (models / "thing.py").write_text(THING)
    job = """
    import json
    from mapping import from_xml
    from thing import Thing
    thing = from_xml("<thing name='a' size='3'/>", Thing)
    print(json.dumps([thing.name, getattr(thing, 'size', 'not mapped')]))
    """
    assert _run(job, cache, path=models)[0] == ["a", "not mapped"]
    assert _plan_files(cache)
    (models / "thing.py").write_text(
        THING + '    size: int | None = attr("size")\n')
    assert _run(job, cache, path=models)[0] == ["a", 3]


def test_a_registered_prefix_is_part_of_what_the_file_was_made_from(tmp_path):
    cache, models = tmp_path / "cache", tmp_path / "models"
    models.mkdir()
    (models / "thing.py").write_text(THING)
    job = """
    import json, sys
    from mapping import from_xml, to_xml
    from mapping.core import register_prefix
    if len(sys.argv) > 1:
        register_prefix("urn:test:part", sys.argv[1])
    from thing import Thing
    print(json.dumps(to_xml(Thing(name="a", part=__import__("thing").Part(name="b")),
                            style="libvirt")))
    """
    plain, _ = _run(job, cache, path=models)
    assert _run(job, cache, path=models)[0] == plain
    prefixed, _ = _run(job.replace("len(sys.argv) > 1", "True").replace("sys.argv[1]",
                                                                      "'pt'"), cache,
                       path=models)
    assert "<pt:part" in prefixed and "<pt:part" not in plain


def test_a_damaged_file_is_passed_over_and_written_again(tmp_path):
    cache = tmp_path / "cache"
    first, _ = _run(DOMAIN_JOB, cache)
    for damage in (b"", b"not a pickle", None):
        [kept] = _plan_files(cache)
        data = kept.read_bytes()
        kept.write_bytes(damage if damage is not None else data[:len(data) // 2])
        (text, changed, _), errors = _run(DOMAIN_JOB, cache)
        assert text == first[0] and changed is True and not errors
        (text, changed, _), _ = _run(DOMAIN_JOB, cache)   # (written again, whole)
        assert text == first[0] and changed is False


LAMBDA_CODEC = """\
from mapping.core import attr, element, StrCodec

class Shouting(StrCodec):
    pass

codec = Shouting()
codec.parse = lambda raw: raw.upper()

@element("thing")
class Thing:
    name: str | None = attr("name", codec=codec)
"""


def test_damaged_code_in_a_file_is_generated_again(tmp_path):
    cache = tmp_path / "cache"
    (first, _, _), _ = _run(DOMAIN_JOB, cache)
    [kept] = _plan_files(cache)
    data = bytearray(kept.read_bytes())
    at = len(b"domxml-plans-1\0")
    for _ in range(2):   # past the header and the plans: the code of the functions
        at += 8 + int.from_bytes(data[at:at + 8], "big")
    size = int.from_bytes(data[at:at + 8], "big")
    data[at + 8:] = bytes(size)
    kept.write_bytes(bytes(data))
    (text, _, _), errors = _run(DOMAIN_JOB, cache)
    assert text == first and not errors


def test_models_pickle_cannot_name_are_not_kept_and_exit_quietly(tmp_path):
    cache, models = tmp_path / "cache", tmp_path / "models"
    models.mkdir()
    (models / "shouting.py").write_text(LAMBDA_CODEC)
    job = """
    import json
    from mapping import from_xml
    from shouting import Thing
    print(json.dumps(from_xml("<thing name='a'/>", Thing).name))
    """
    assert _run(job, cache, path=models) == ("A", "")
    assert not _plan_files(cache)   # (a lambda as a codec's parser)
    in_main = "import json\nfrom mapping import from_xml\n" + LAMBDA_CODEC.replace(
        "codec.parse = lambda raw: raw.upper()", "") + (
        "print(json.dumps(from_xml(\"<thing name='a'/>\", Thing).name))")
    assert _run(in_main, cache) == ("a", "")
    assert not _plan_files(cache)   # (a model defined in __main__)


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path):
    cache = tmp_path / "cache"
    _run(DOMAIN_JOB, cache, PYTHONDONTWRITEBYTECODE="1")
    assert not _plan_files(cache)


def test_threads_share_one_loaded_model(tmp_path):
    cache = tmp_path / "cache"
    job = f"""
    import json, threading
    from mapping import from_xml, to_xml
    text = open({str(EXAMPLE)!r}, 'rb').read()
    found = []
    def work():
        found.append(to_xml(from_xml(text)))
    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    print(json.dumps(sorted(set(found))))
    """
    fresh, _ = _run(job, cache)
    loaded, errors = _run(job, cache)
    assert len(fresh) == 1 and loaded == fresh and not errors


NAMESPACED_ATTR = """\
from mapping.core import attr, element

@element("thing", nsmap={"o": "urn:test:owner"})
class Thing:
    name: str | None = attr("name")
    owner: str | None = attr("owner", ns="urn:test:owner")
"""


def test_a_loaded_writer_serving_two_attributes_replaces_itself_in_both(tmp_path):
    # A class declaring a namespaced attribute has no clean writer of its own: its writer
    # is kept once in the file and stands for both. Loaded, the first call must put the
    # function in both places, not leave one a stand-in that every later call goes through.
    cache, models = tmp_path / "cache", tmp_path / "models"
    models.mkdir()
    (models / "owned.py").write_text(NAMESPACED_ATTR)
    job = """
    import json
    from mapping import to_xml
    from mapping.core import _plan
    from owned import Thing
    text = to_xml(Thing(name="a", owner="me"), style="libvirt")
    plan = _plan.plan_for(Thing)
    print(json.dumps([text, plan.fn.__class__.__name__, plan.clean.__class__.__name__,
                      plan.fn is plan.clean]))
    """
    fresh, _ = _run(job, cache, path=models)
    assert _plan_files(cache)
    loaded, errors = _run(job, cache, path=models)
    assert loaded == fresh == [fresh[0], "function", "function", True] and not errors
    assert "o:owner='me'" in fresh[0]
