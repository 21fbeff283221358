"""What the hostile-input tests of intake, the open data, the shared register and init share:
a project tree's snapshot (every file's bytes, to compare before and after a refusal), the
refusal's checks, question documents and records made here, and a local HTTP server whose
answers a test sets path by path."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import docx

from tests.conftest import ROOT, run_cli

RECORDS = ROOT / "tests" / "opendata"

#: What a message must never show a person: Python's names and objects.
PYTHON = re.compile(r"Traceback|object at 0x|datetime\.|<class |\w+Error:|\w+Exception\b|BytesIO|NoneType")


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file under folder with its bytes (a symbolic link: where it leads), hidden ones too."""
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "-> " + str(path.readlink())
        elif path.is_file():
            out[rel] = path.read_bytes()
    return out


def assert_refused(result, folder: Path, before: dict, *needles: str, code: int = 1) -> None:
    """Exit code 1, every needle in the message, no Python in it, and not a byte changed under folder."""
    assert result.exit_code == code, result.output
    message = result.stderr
    for needle in needles:
        assert needle in message, f"{needle!r} not in {message!r}"
    assert not PYTHON.search(result.output), result.output
    assert snapshot(folder) == before, "files were written or changed"


def intake(project: Path, *args: str):
    return run_cli("intake", *args, "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"))


#: The question of the documents made here, as the parliament's documents put it.
QUESTION = {
    "number": 147,
    "date": dt.date(2024, 2, 26),
    "asker": "JAN PEETERS",
    "minister": "JO BROUNS",
    "minister_title": "VLAAMS MINISTER VAN ECONOMIE, INNOVATIE, WERK, SOCIALE ECONOMIE EN LANDBOUW",
    "title": "Clusterbeleid - Evaluatie van de speerpuntclusters",
    "introduction": [
        "In 2016 werden zes speerpuntclusters opgestart. Zij ontvangen subsidies om samenwerkingsprojecten "
        "op te zetten tussen grote, middelgrote en kleine ondernemingen en kennisinstellingen in Vlaanderen.",
        "Het Agentschap Innoveren en Ondernemen (VLAIO) volgt de clusters op met jaarlijkse rapporten.",
    ],
    "subquestions": {
        1: "Hoeveel ondernemingen namen in 2023 deel aan de projecten van elke speerpuntcluster?",
        2: "Welke evaluatie van de speerpuntclusters is gepland, en door wie wordt ze uitgevoerd? "
           "Wanneer worden de resultaten verwacht?",
        3: "Overweegt de minister het aantal speerpuntclusters aan te passen na die evaluatie?",
    },
}
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def header_lines(q: dict = QUESTION) -> list[str]:
    date = f"{q['date'].day} {MONTHS[q['date'].month - 1]} {q['date'].year}"
    return ["SCHRIFTELIJKE VRAAG", f"nr. {q['number']}", f"van {q['asker']}", f"datum: {date}",
            f"aan {q['minister']}", q["minister_title"]]


def make_docx(path: Path, q: dict = QUESTION) -> Path:
    document = docx.Document()
    for line in header_lines(q):
        document.add_paragraph(line)
    document.add_paragraph(q["title"])
    for paragraph in q["introduction"]:
        document.add_paragraph(paragraph)
    for n, text in q["subquestions"].items():
        document.add_paragraph(f"{n}. {text}")
    document.save(path)
    return path


def record(**changes) -> dict:
    """The recorded record of question 147 (tests/opendata/schv-1234567.json), changed."""
    data = json.loads((RECORDS / "schv-1234567.json").read_text(encoding="utf-8"))
    data.update(changes)
    return data


class Server:
    """An HTTP server on 127.0.0.1; `routes` maps a path to a handler that writes the answer
    itself (so that a test can drip, loop, lie about sizes or break off)."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]] = {}
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - the library's name
                server.requests.append(self.path)
                handler = server.routes.get(self.path.split("?")[0])
                if handler is None:
                    answer(self, 404, b'{"message": "not found"}')
                    return
                try:
                    handler(self)
                except (BrokenPipeError, ConnectionResetError):  # drafter gave up: what the test wants
                    pass

        class Threading(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):  # a client that gave up: quiet
                pass

        self.server = Threading(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def answer(handler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    fields = {"Content-Type": "application/json", "Content-Length": str(len(body))} | (headers or {})
    for key, value in fields.items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)


def drip(handler, body: bytes, every: float) -> None:
    """The body a byte at a time, `every` seconds apart: each read in time, the whole never."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    for byte in body:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(every)
