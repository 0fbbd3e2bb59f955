"""Hostile and bad input: refused with ParseError, quickly, never expanded or fetched."""
from __future__ import annotations

import http.server
import threading

import pytest

from mapping import ParseError, from_xml
from tests.xmlassert import to_xml
from mapping.compare import first_difference

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE domain [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<domain type="kvm"><name>&lol9;</name></domain>"""


def test_billion_laughs_is_refused():
    with pytest.raises(ParseError, match="DOCTYPE declarations are not accepted"):
        from_xml(BILLION_LAUGHS)


def test_external_file_entity_is_refused_and_not_read(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:SECRET")
    document = (f'<!DOCTYPE domain [<!ENTITY x SYSTEM "file://{secret}">]>'
                '<domain type="kvm"><name>&x;</name></domain>')
    with pytest.raises(ParseError) as caught:
        from_xml(document)
    assert "SECRET" not in str(caught.value)


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<!ENTITY x 'FETCHED'>")

    def log_message(self, *args):
        pass


@pytest.fixture
def local_http_server():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.hits.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_external_http_entity_and_dtd_are_never_fetched(local_http_server):
    for document in [
        f'<!DOCTYPE domain [<!ENTITY x SYSTEM "{local_http_server}/e">]>'
        '<domain><name>&x;</name></domain>',
        f'<!DOCTYPE domain SYSTEM "{local_http_server}/d.dtd"><domain><name>n</name></domain>',
        f'<!DOCTYPE domain [<!ENTITY % p SYSTEM "{local_http_server}/p"> %p;]><domain/>',
    ]:
        with pytest.raises(ParseError):
            from_xml(document)
    assert _Recorder.hits == []


def test_xinclude_is_not_processed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    document = ('<domain xmlns:xi="http://www.w3.org/2001/XInclude"><name>n</name>'
                f'<xi:include href="file://{secret}" parse="text"/></domain>')
    written = to_xml(from_xml(document))
    assert "SECRET" not in written and "xi:include" in written


@pytest.mark.parametrize("document, words", [
    ("", "empty document"),
    ("<domain><name>x</domain>", "malformed XML"),
    ("<domain", "malformed XML"),
    ("\x00\x01", "malformed XML"),
    ("<other/>", "no model for root element <other>"),
    ("<domain id='two'><name>n</name></domain>", "line 1, /domain/@id, field Domain.id"),
    ("<domain><memory unit='KiB'>12MB</memory></domain>", "/domain/memory"),
])
def test_bad_documents_raise_parse_error_with_a_place(document, words):
    with pytest.raises(ParseError) as caught:
        from_xml(document)
    assert words in str(caught.value)


def test_a_document_over_the_size_limit_is_refused_before_parsing():
    huge = "<domain><name>" + "x" * (64 * 1024 * 1024) + "</name></domain>"
    with pytest.raises(ParseError, match="over the .*-byte limit"):
        from_xml(huge)


def test_excessive_nesting_is_refused():
    deep = "<domain>" + "<a>" * 5000 + "</a>" * 5000 + "</domain>"
    with pytest.raises(ParseError, match="malformed XML"):
        from_xml(deep)


def test_deep_unknown_xml_within_limits_is_kept_losslessly():
    deep = "<domain><name>n</name>" + "<a x='1'>" * 200 + "t" + "</a>" * 200 + "</domain>"
    assert first_difference(deep, to_xml(from_xml(deep))) is None


def test_many_unknown_elements_are_kept():
    document = "<domain><name>n</name>" + "<z/>" * 20000 + "</domain>"
    domain = from_xml(document)
    assert len(domain.extras.nodes) == 20000
    assert first_difference(document, to_xml(domain)) is None
