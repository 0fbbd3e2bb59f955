"""The one lxml parser configuration used for untrusted XML, and the checks made on the
text before libxml2 sees it (each one pass, linear in the input)."""
from __future__ import annotations

import re
import threading

from lxml import etree

from .errors import ParseError, Problem

_per_thread = threading.local()

# The repetition is possessive (`*+`): once a node is matched it is never tried another
# way, so the scan is linear (each lazy `.*?` stops at its node's end). Backtracking
# into it, the former expression took exponential time on a few dozen PIs.
_DOCTYPE_IN_PROLOG = re.compile(
    rb"(?:\xef\xbb\xbf)?(?:[ \t\r\n]++|<\?.*?\?>|<!--.*?-->)*+<!DOCTYPE", re.DOTALL)
_TEXT_DECLARATION = re.compile(r"\ufeff?[ \t\r\n]*<\?xml[ \t\r\n]")


def safe_parser(*, layout: bool = True) -> etree.XMLParser:
    """No entity expansion, no DTD loading, no network, no unbounded trees.
    `layout=False`: blank text between elements is dropped (to compare two texts of one
    document).

    One parser per thread and kind, made once: making it costs about as much as parsing
    a small domain, and lxml parsers must not be shared between threads.
    """
    name = "parser" if layout else "layout_free"
    parser: etree.XMLParser | None = getattr(_per_thread, name, None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
            huge_tree=False, remove_blank_text=not layout)
        setattr(_per_thread, name, parser)
    return parser


def doctype_in_prolog(data: bytes) -> bool:
    """Whether a DOCTYPE comes after nothing but a BOM, blanks, comments and PIs."""
    return _DOCTYPE_IN_PROLOG.match(data) is not None


def utf8_of_text(text: str) -> bytes:
    """A document given as str, as UTF-8 for libxml2.

    The text is decoded already, so its XML declaration (which may name another encoding)
    and a BOM are dropped; the declaration's lines are kept as blank lines, so that lines
    in errors are the caller's. A lone surrogate is no character: ParseError.
    """
    found = _TEXT_DECLARATION.match(text)
    if found is not None:
        end = text.find("?>", found.end())
        if end != -1:   # (unterminated: libxml2 reports it)
            text = "\n" * text.count("\n", 0, end) + text[end + 2:]
    elif text.startswith("\ufeff"):
        text = text[1:]
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:
        line = text.count("\n", 0, err.start) + 1
        raise ParseError(Problem(f"malformed XML: U+{ord(text[err.start]):04X} (a lone "
                                 "surrogate) is not a character", line)) from None


def utf8_of_wide(data: bytes) -> bytes:
    """A UTF-16 or UTF-32 document (with or without a BOM) as UTF-8, so that the prolog
    scan and the attribute count read it as they read any other; other bytes as they are.

    Such a document starts with a BOM or has a NUL among its first four bytes (its first
    character is ASCII: `<` or a blank).
    """
    head = data[:4]
    if 0 not in head and not head.startswith((b"\xfe\xff", b"\xff\xfe")):
        return data
    if head.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        codec = "utf-32"
    elif head.startswith((b"\xfe\xff", b"\xff\xfe")):
        codec = "utf-16"
    elif head[:1] == b"\x00":
        codec = "utf-32-be" if head[1:2] == b"\x00" else "utf-16-be"
    elif head[1:2] == b"\x00":
        codec = "utf-32-le" if head[2:4] == b"\x00\x00" else "utf-16-le"
    else:
        return data   # a NUL further on: libxml2 reports it
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        line = data[:err.start].decode(codec, "replace").count("\n") + 1
        raise ParseError(Problem(f"malformed XML: not {codec.upper()} at byte {err.start}"
                                 f" ({err.reason})", line)) from None
    return utf8_of_text(text)
