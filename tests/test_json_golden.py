"""The JSON of `roundtrip_corpus/` is held as reviewed golden files
(`roundtrip_corpus/json/`, written by `python -m tests.regenerate_json` and read by a
person before they were committed): the form is promised stable, so `to_dict` of each
document must give its file exactly (keys in the same order too), and the entity
`from_dict` makes of the file must be the document's, writing the document's XML."""
from __future__ import annotations

import json

import pytest

from mapping import from_dict, from_xml, to_xml
from tests.regenerate_json import CORPUS, GOLDEN, documents, golden_path, json_text

DOCUMENTS = documents()
IDS = [path.relative_to(CORPUS).as_posix() for path in DOCUMENTS]
# Documents in the writer's own style (built in code): the XML from JSON is theirs, byte
# for byte. The running dumps are libvirt's (its attribute order in places): from JSON,
# they are written as the writer writes the entity read from them.
WRITER_STYLE = ("engine", "edits")


def test_every_document_has_its_golden_file_and_no_file_is_left_over():
    assert len(DOCUMENTS) >= 20
    expected = {golden_path(path) for path in DOCUMENTS}
    assert set(GOLDEN.rglob("*.json")) == expected


@pytest.mark.parametrize("document", DOCUMENTS, ids=IDS)
def test_to_dict_gives_the_golden_file(document):
    golden = golden_path(document).read_text(encoding="utf-8")
    assert json_text(document) == golden


@pytest.mark.parametrize("document", DOCUMENTS, ids=IDS)
def test_the_golden_file_builds_the_document(document):
    entity = from_xml(document.read_bytes())
    data = json.loads(golden_path(document).read_text(encoding="utf-8"))
    built = from_dict(data, type(entity))
    assert built == entity
    written = to_xml(built)
    assert written == to_xml(entity, style="libvirt")
    if document.relative_to(CORPUS).parts[0] in WRITER_STYLE:
        assert written == document.read_text(encoding="utf-8")


def test_golden_files_hold_no_internal_bookkeeping():
    """What issue #24 found in the old form: order tokens, nulls and empty lists. These
    documents are fully known, in libvirt's order."""
    for path in GOLDEN.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert "extras" not in text and "null" not in text and "[]" not in text, path
