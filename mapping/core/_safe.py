"""The one lxml parser configuration used for untrusted XML."""
from __future__ import annotations

from lxml import etree


def safe_parser() -> etree.XMLParser:
    """No entity expansion, no DTD loading, no network, no unbounded trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False)


