"""Run by tests/core/test_threads.py in a fresh interpreter: map documents, print digests.

    python -m tests.core.thread_worker single|threads N FILE...

`single`: every document in turn on the main thread. `threads`: N threads wait at a
barrier, so that their first calls into the library (compiling plans, generating readers
and writers) happen at once, then each maps its own share of the documents; afterwards
the main thread maps them all again on its own, which shows whether what the threads
left behind in the caches was sound. Prints one JSON object: {"first": {file: digest},
"after": {file: digest}}, the digest covering to_xml, to_dict and from_xml of the output.
"""
from __future__ import annotations

import hashlib
import json
import sys
import threading


def digest(data: bytes) -> str:
    from mapping import from_xml
    from tests.xmlassert import to_xml
    from mapping.core import to_dict
    try:
        entity = from_xml(data)
        xml = to_xml(entity)
        again = from_xml(xml)
        shown = json.dumps(to_dict(entity), sort_keys=True)
        result = f"{xml}\n{shown}\n{again == entity}"
    except Exception as error:   # the digest of a failure is its type and message
        result = f"{type(error).__name__}: {error}"
    return hashlib.sha256(result.encode("utf-8", "surrogatepass")).hexdigest()


def main(mode: str, count: int, files: list[str]) -> None:
    documents = {name: open(name, "rb").read() for name in files}
    first: dict[str, str] = {}
    if mode == "single":
        for name, data in documents.items():
            first[name] = digest(data)
    else:
        # Switch threads often: the window between a plan's creation and its completion
        # is short, and the default interval (5 ms) would mostly run one thread at a time.
        sys.setswitchinterval(1e-6)
        barrier = threading.Barrier(count)
        names = list(documents)

        def work(index: int) -> None:
            barrier.wait()
            for name in names[index::count]:
                first[name] = digest(documents[name])

        threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        sys.setswitchinterval(0.005)
    after = {name: digest(data) for name, data in documents.items()}
    json.dump({"first": first, "after": after}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
