"""Every document of both shared corpora and of roundtrip_corpus survives JSON: the
entity `from_dict` makes of `to_dict`'s JSON text equals the one `from_xml` made, holds
values of the same types, and writes the same XML (issue #24's round-trip target); the
JSON holds no null and no empty list."""
from __future__ import annotations

import json

import pytest

from mapping import ParseError, from_dict, from_xml, to_dict
from tests.conftest import (CORPUS, FORMATS, PROJECT, corpus_files, formats_path, formats_rows,
                            require_corpus, require_formats)
from tests.xmlassert import to_xml

OWN = PROJECT / "roundtrip_corpus"
DOCUMENTS = ([("corpus", path) for path in corpus_files()]
             + [("formats", formats_path(row)) for row in formats_rows()]
             + [("own", path) for path in sorted(OWN.rglob("*.xml"))])
BASES = {"corpus": CORPUS, "formats": FORMATS, "own": OWN}
# One test per folder: 2,700 tests of a few milliseconds each spent more in pytest than
# in the library.
FOLDERS: dict[tuple[str, str], list] = {}
for _kind, _path in DOCUMENTS:
    FOLDERS.setdefault((_kind, _path.parent.relative_to(BASES[_kind]).as_posix()),
                       []).append(_path)


def _types(data: object) -> object:
    """The type of every value of to_dict(..., encode=False), in its place."""
    if isinstance(data, dict):
        return {key: _types(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_types(value) for value in data]
    return type(data)


def _absences(data: object, path: str = "") -> list[str]:
    """Where the JSON holds a null or an empty list (the form leaves both out)."""
    if data is None or data == []:
        return [path]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _absences(value, f"{path}.{key}")]
    if isinstance(data, list):
        return [found for index, value in enumerate(data)
                for found in _absences(value, f"{path}[{index}]")]
    return []


def _survives(path) -> str | None:
    """What goes wrong with the document through JSON, or None."""
    try:
        entity = from_xml(path.read_bytes())
    except ParseError:
        return None   # a document the model refuses (its own tests say why)
    data = to_dict(entity)
    if _absences(data):
        return f"null or [] at {_absences(data)[0]}"
    back = from_dict(json.loads(json.dumps(data)), type(entity))
    if back != entity:
        return "from_dict(to_dict(e)) != e"
    if _types(to_dict(back, encode=False)) != _types(to_dict(entity, encode=False)):
        return "values of other types"
    if to_xml(back) != to_xml(entity):
        return "other XML"
    return None


@pytest.mark.corpus
@pytest.mark.parametrize("folder", sorted(FOLDERS), ids=["/".join(key) for key in sorted(FOLDERS)])
def test_every_document_of_the_folder_survives_json(folder):
    kind = folder[0]
    {"corpus": require_corpus, "formats": require_formats}.get(kind, lambda: None)()
    failed = [f"{path.name}: {what}" for path in FOLDERS[folder]
              if (what := _survives(path)) is not None]
    assert not failed, "\n".join(failed)


def test_the_corpora_are_all_there():
    if corpus_files() or formats_rows():
        assert len(DOCUMENTS) > 2600
