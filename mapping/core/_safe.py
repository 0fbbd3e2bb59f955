"""The one lxml parser configuration used for untrusted XML."""
from __future__ import annotations

import threading

from lxml import etree

_per_thread = threading.local()


def safe_parser() -> etree.XMLParser:
    """No entity expansion, no DTD loading, no network, no unbounded trees.

    One parser per thread, made once: making it costs about as much as parsing a small
    domain, and lxml parsers must not be shared between threads.
    """
    parser = getattr(_per_thread, "parser", None)
    if parser is None:
        parser = _per_thread.parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
            huge_tree=False)
    return parser
