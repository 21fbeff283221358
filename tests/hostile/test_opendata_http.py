"""The open-data service as a slow, broken or hostile server (a local HTTP server): every fetch
ends within its deadline, follows a bounded number of redirects to web addresses only, and
counts the body on the wire and while it inflates. Each refusal: exit 1, one message naming
the URL, no Python in it, and the project exactly as it was."""

from __future__ import annotations

import gzip
import json
import time
import zlib

import pytest

from drafter.intake import opendata
from tests.hostile.intake_support import (Server, answer, assert_refused, drip, intake, make_docx, record,
                                          snapshot)


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


@pytest.fixture
def quick(monkeypatch):
    """Limits a test can reach in a second or two: each wait 1 s, the whole fetch 2 s, two attempts."""
    monkeypatch.setattr(opendata, "TIMEOUT_SECONDS", 1.0)
    monkeypatch.setattr(opendata, "DEADLINE_SECONDS", 2.0)
    monkeypatch.setattr(opendata, "ATTEMPTS", 2)


def service(server: Server) -> str:
    return f"{server.base}/e/opendata"


def url(server: Server, record_id: str = "1") -> str:
    return f"{service(server)}/schv/{record_id}"


def fetch(project, server: Server, record_id: str = "1"):
    return intake(project, record_id, "--service", service(server))


RECORD = json.dumps(record(**{"bestand-ordered": []})).encode("utf-8")


def test_a_server_that_drips_its_body_is_given_up_on_at_the_deadline(project, server, quick):
    server.routes["/e/opendata/schv/1"] = lambda h: drip(h, RECORD, every=0.1)  # each read in time
    before = snapshot(project)
    started = time.monotonic()
    result = fetch(project, server)
    assert time.monotonic() - started < 6  # 2 s allowed; without a deadline: 0.1 s x 600 bytes
    assert_refused(result, project, before, f"{url(server)}: the parliament's open-data service cannot be reached: "
                   "it did not answer in full within 2 seconds")


def test_a_server_that_drips_its_headers_is_given_up_on_at_the_deadline(project, server, quick):
    def slow_headers(h):
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: " + b"x" * 200:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(0.1)

    server.routes["/e/opendata/schv/1"] = slow_headers
    before = snapshot(project)
    started = time.monotonic()
    result = fetch(project, server)
    assert time.monotonic() - started < 6
    assert_refused(result, project, before, "did not answer in full within 2 seconds")


def test_a_server_that_does_not_answer_at_all_is_tried_again_then_refused(project, server, quick):
    server.routes["/e/opendata/schv/1"] = lambda h: time.sleep(1.5)
    before = snapshot(project)
    result = fetch(project, server)
    assert_refused(result, project, before, f"{url(server)}: the parliament's open-data service cannot be reached")
    assert "within" in result.stderr


def test_a_redirect_loop_ends(project, server):
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 302, b"", {"Location": "/e/opendata/schv/2"})
    server.routes["/e/opendata/schv/2"] = lambda h: answer(h, 301, b"", {"Location": url(server, "1")})
    before = snapshot(project)
    result = fetch(project, server)
    assert_refused(result, project, before, "it sends drafter from address to address (more than 5 redirects)")
    assert len(server.requests) <= 3 * 6  # three attempts of at most six requests each


def test_a_redirect_to_a_local_file_is_not_followed(project, server):
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 302, b"", {"Location": "file:///etc/passwd"})
    before = snapshot(project)
    result = fetch(project, server)
    assert_refused(result, project, before, "'file:///etc/passwd' is not a web address that can be fetched")


def test_redirects_within_the_limit_are_followed(project, server):
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 301, b"", {"Location": "/a"})
    server.routes["/a"] = lambda h: answer(h, 307, b"", {"Location": "/b"})
    server.routes["/b"] = lambda h: answer(h, 200, RECORD)
    result = fetch(project, server)
    assert result.exit_code == 0, result.output
    assert server.requests == ["/e/opendata/schv/1", "/a", "/b"]


def test_a_gzip_bomb_is_stopped_while_it_inflates(project, server, monkeypatch):
    monkeypatch.setattr(opendata, "MAX_RECORD_BYTES", 1024 * 1024)
    bomb = gzip.compress(b"{" + b" " * (64 * 1024 * 1024), compresslevel=9)  # 64 MB in some 64 KB
    assert len(bomb) < 1024 * 1024  # on the wire it is within the limit
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 200, bomb, {"Content-Encoding": "gzip"})
    before = snapshot(project)
    result = fetch(project, server)
    assert_refused(result, project, before, f"{url(server)}: the written question is larger than 1 MB: it unpacks "
                   "to more than 1 MB")


def test_a_deflate_bomb_is_stopped_too(project, server, monkeypatch):
    monkeypatch.setattr(opendata, "MAX_RECORD_BYTES", 1024 * 1024)
    bomb = zlib.compress(b" " * (32 * 1024 * 1024), 9)
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 200, bomb, {"Content-Encoding": "deflate"})
    before = snapshot(project)
    assert_refused(fetch(project, server), project, before, "it unpacks to more than 1 MB")


def test_a_gzip_body_that_is_no_gzip(project, server):
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 200, RECORD, {"Content-Encoding": "gzip"})
    before = snapshot(project)
    assert_refused(fetch(project, server), project, before,
                   f"{url(server)}: the written question cannot be read as the service sent it: its compression is "
                   "damaged")


def test_a_gzip_body_cut_short(project, server):
    packed = gzip.compress(RECORD)
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 200, packed[:len(packed) // 2],
                                                           {"Content-Encoding": "gzip"})
    before = snapshot(project)
    assert_refused(fetch(project, server), project, before, "its compressed body ends before its end")


def test_an_encoding_drafter_cannot_read(project, server):
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 200, RECORD, {"Content-Encoding": "br"})
    before = snapshot(project)
    assert_refused(fetch(project, server), project, before, "encoded as 'br', which drafter cannot read")


def test_a_declared_size_above_the_limit_is_refused_before_reading(project, server, monkeypatch):
    monkeypatch.setattr(opendata, "MAX_RECORD_BYTES", 1024 * 1024)

    def huge(h):
        h.send_response(200)
        h.send_header("Content-Length", str(11 * 1024 * 1024))
        h.end_headers()
        h.wfile.write(b"{")  # and no more: drafter must not wait for the rest

    server.routes["/e/opendata/schv/1"] = huge
    before = snapshot(project)
    started = time.monotonic()
    result = fetch(project, server)
    assert time.monotonic() - started < 5
    assert_refused(result, project, before, "the written question is larger than 1 MB: it is 11 MB")


def test_an_undeclared_body_above_the_limit_is_cut_on_the_wire(project, server, monkeypatch):
    monkeypatch.setattr(opendata, "MAX_RECORD_BYTES", 256 * 1024)

    def endless(h):
        h.send_response(200)
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b" " * 65536
        for _ in range(64):  # 4 MB in chunks, with no size given beforehand
            h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        h.wfile.write(b"0\r\n\r\n")

    server.routes["/e/opendata/schv/1"] = endless
    before = snapshot(project)
    assert_refused(fetch(project, server), project, before, "the written question is larger than 256 KB: it is larger "
                   "than 256 KB")


def test_a_server_that_breaks_off_its_answer(project, server, quick):
    def broken(h):
        h.send_response(200)
        h.send_header("Content-Length", "1000")
        h.end_headers()
        h.wfile.write(b'{"vraagnummer": ')
        h.close_connection = True

    server.routes["/e/opendata/schv/1"] = broken
    before = snapshot(project)
    result = fetch(project, server)
    assert_refused(result, project, before, "the parliament's open-data service cannot be reached: it broke off its "
                   "answer")
    assert server.requests.count("/e/opendata/schv/1") == 2  # tried again (ATTEMPTS is 2 here)


def test_the_question_document_as_a_gzip_bomb(project, server, monkeypatch, tmp_path):
    from drafter.intake import document

    monkeypatch.setattr(opendata, "MAX_DOCUMENT_BYTES", 1024 * 1024)
    monkeypatch.setattr(document, "MAX_DOCUMENT_BYTES", 1024 * 1024)
    data = json.dumps(record(**{"bestand-ordered": [{"URL": f"{server.base}/pfile?id=1"}]})).encode()
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 200, data)
    bomb = gzip.compress(b"\0" * (16 * 1024 * 1024), compresslevel=9)
    server.routes["/pfile"] = lambda h: answer(h, 200, bomb, {"Content-Encoding": "gzip",
                                                              "Content-Type": "application/pdf"})
    before = snapshot(project)
    assert_refused(fetch(project, server), project, before,
                   f"{server.base}/pfile?id=1: the question document of this record cannot be fetched: the question "
                   "document is larger than 1 MB: it unpacks to more than 1 MB", "--document FILE")


def test_a_gzip_encoded_record_and_document_are_read(project, server, tmp_path):
    data = json.dumps(record(**{"bestand-ordered": [{"URL": f"{server.base}/pfile?id=1"}]})).encode()
    document = make_docx(tmp_path / "vraag.docx").read_bytes()
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 200, gzip.compress(data), {"Content-Encoding": "gzip"})
    server.routes["/pfile"] = lambda h: answer(h, 200, gzip.compress(document) + gzip.compress(b""),
                                               {"Content-Encoding": "gzip"})  # two gzip members
    result = fetch(project, server)
    assert result.exit_code == 0, result.output
    assert "added question 147 (2023-2024)" in result.stdout


@pytest.fixture
def https_server(tmp_path):
    """The server over TLS, with a certificate of its own (made with openssl) for 127.0.0.1."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    running = Server()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    running.server.socket = context.wrap_socket(running.server.socket, server_side=True)
    running.base = running.base.replace("http://", "https://")
    yield running, cert
    running.close()


def test_a_certificate_drafter_cannot_verify(project, https_server):
    server, _cert = https_server
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 200, RECORD)
    before = snapshot(project)
    assert_refused(fetch(project, server), project, before,
                   f"{url(server)}: the parliament's open-data service cannot be reached: its certificate cannot be "
                   "verified")


def test_a_certificate_the_system_trusts_is_accepted(project, https_server, monkeypatch):
    server, cert = https_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # as a company's certificate installed on the computer
    server.routes["/e/opendata/schv/1"] = lambda h: answer(h, 200, RECORD)
    result = fetch(project, server)
    assert result.exit_code == 0, result.output
    assert "added question 147 (2023-2024)" in result.stdout
