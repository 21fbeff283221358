"""Every request is checked: the session, the Host, and for a change its Origin, CSRF token and
size. Each refusal changes nothing in the project (compared byte for byte)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import httpx
import pytest

from drafter.serve.security import MAX_UPLOAD


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def signed_in(server) -> httpx.Client:
    client = httpx.Client(base_url=server.base, timeout=60)
    response = client.get(f"/?token={server.token}")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    return client


def csrf_of(client: httpx.Client, path: str = "/q/2019-2020/4") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).text).group(1)


def test_without_the_token_nothing_is_shown(server):
    for path in ("/", "/problems", "/q/2019-2020/4", "/intake", "/static/../drafter.toml", "/?token=wrong"):
        response = httpx.get(server.base + path, timeout=60)
        assert response.status_code == 401, path
        assert "Bedrijfsclusters" not in response.text
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_the_token_opens_a_session_and_every_response_has_a_strict_policy(server):
    client = signed_in(server)
    for path in ("/", "/problems", "/q/2019-2020/4", "/intake", "/static/drafter.css", "/static/drafter.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
    page = client.get("/").text
    assert "<script>" not in page and " on" + "click=" not in page and "Bedrijfsclusters - Subsidies" in page


def test_a_foreign_host_is_refused_even_with_the_session(server):
    client = signed_in(server)
    response = client.get("/", headers={"host": f"evil.example:{server.port}"})
    assert response.status_code == 421 and "Bedrijfsclusters" not in response.text


def test_changes_from_another_origin_without_csrf_or_too_large_are_refused(server, project):
    client = signed_in(server)
    csrf = csrf_of(client)
    before = snapshot(project)
    sent = {"csrf": csrf, "minister": "N.N.", "date": "2020-01-01"}
    refused = [
        client.post("/q/2019-2020/4/sent", data=sent, headers={"origin": "http://evil.example"}),
        client.post("/q/2019-2020/4/sent", data=sent),  # no Origin at all
        client.post("/q/2019-2020/4/sent", data={**sent, "csrf": "forged"}, headers={"origin": server.base}),
        client.post("/q/2019-2020/4/sent", data={"minister": "N.N."}, headers={"origin": server.base}),
        httpx.post(server.base + "/q/2019-2020/4/sent", data=sent, headers={"origin": server.base}, timeout=60),
        client.post("/q/2019-2020/4/verify", headers={"origin": server.base},
                    files={"file": ("big.docx", b"0" * (MAX_UPLOAD + 10))}, data={"csrf": csrf}),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403, 403, 401, 413]
    assert snapshot(project) == before


def test_hostile_uploads_are_refused_with_a_message_and_nothing_is_written(server, project):
    client = signed_in(server)
    csrf = csrf_of(client)
    before = snapshot(project)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"a" * (200 * 1024 * 1024))  # 200 MB unpacked from a small file
    cases = [("bomb.docx", bomb.getvalue()), ("macro.docm", b"PK\x03\x04"), ("not-a-zip.docx", b"hello"),
             ("../../drafter.toml.docx", b"PK\x05\x06" + b"\0" * 18)]
    for name, data in cases:
        response = client.post("/q/2019-2020/4/verify", headers={"origin": server.base},
                               files={"file": (name, data)}, data={"csrf": csrf, "minister": "N.N."})
        assert response.status_code in (200, 400), name
        assert "error" in response.text.lower(), name
        assert "Traceback" not in response.text
    assert snapshot(project) == before


@pytest.mark.parametrize("path", ["/static/../drafter.toml", "/static/%2e%2e/drafter.toml", "/static/..%2fdrafter.toml",
                                  "/q/..%2f..%2fdrafter.toml/4", "/static/../../data/questions.yaml"])
def test_no_path_outside_the_page_is_served(server, path):
    client = signed_in(server)
    response = client.get(path)
    assert response.status_code in (400, 404), path
    assert "[paths]" not in response.text and "questions:" not in response.text


def test_served_to_the_network_the_page_says_so_and_answers_only_to_its_names(project):
    import socket

    from tests.serve.server import start

    server = start(project, "--host", "0.0.0.0")
    try:
        name = f"{socket.gethostname()}:{server.port}"
        local = httpx.get(f"http://127.0.0.1:{server.port}/?token={server.token}", timeout=60)
        assert local.status_code == 421  # not a name it is served under
        client = httpx.Client(base_url=f"http://127.0.0.1:{server.port}", headers={"host": name}, timeout=60)
        assert client.get("/").status_code == 401  # the password is required
        opened = client.get(f"/?token={server.token}")
        assert opened.status_code == 303
        page = client.get("/")
        assert page.status_code == 200 and "served to the network" in page.text
    finally:
        server.stop()
