"""Regenerate `roundtrip_corpus/json/`: the JSON (`to_dict`) of every document of
`roundtrip_corpus/`, as `json/<folder>/<name>.json`, indented as `domxml parse --json`
writes it and in the model's field order.

    python -m tests.regenerate_json

Review the diff (`git diff roundtrip_corpus/json/`) before committing it: a change there
is a change in the JSON form, which is promised stable (`tests/test_json_golden.py`).
"""
from __future__ import annotations

import json
from pathlib import Path

from mapping import from_xml, to_dict
from tests.conftest import PROJECT

CORPUS = PROJECT / "roundtrip_corpus"
GOLDEN = CORPUS / "json"


def documents() -> list[Path]:
    """The XML documents that have a golden JSON file."""
    return sorted(path for path in CORPUS.rglob("*.xml") if GOLDEN not in path.parents)


def golden_path(document: Path) -> Path:
    return GOLDEN / document.relative_to(CORPUS).with_suffix(".json")


def json_text(document: Path) -> str:
    """The golden text of a document: to_dict's JSON, two-space indented."""
    data = to_dict(from_xml(document.read_bytes()))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    for document in documents():
        target = golden_path(document)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json_text(document), encoding="utf-8")
        print(target.relative_to(PROJECT))


if __name__ == "__main__":
    main()
