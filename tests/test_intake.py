"""`drafter intake`: a question from the parliament's open data (served by a local HTTP server
from recorded responses), from a saved record, and from .docx, .pdf and .txt question documents
made here; every field of the new register entry is compared with the source, then
`drafter answer` drafts the new question. Bad input: one message naming the source, exit 1,
the register unchanged."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import socket
import subprocess
import threading
import time
from pathlib import Path

import docx
import pytest

from drafter.errors import DataError
from drafter.intake.entry import ANSWER_PLACEHOLDER
from drafter.load.register import load_register
from drafter.load.yamlfile import load_yaml
from tests.conftest import ROOT, need_libreoffice, run_cli, validate_docx

RECORDS = ROOT / "tests" / "opendata"
DOCUMENT_HOST = "https://docs.vlaamsparlement.be"

#: The question of the test documents and of the recorded record schv-1234567.
QUESTION = {
    "number": 147,
    "date": dt.date(2024, 2, 26),
    "zittingsjaar": "2023-2024",
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


def header_lines(q: dict) -> list[str]:
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
              "oktober", "november", "december"]
    date = f"{q['date'].day} {months[q['date'].month - 1]} {q['date'].year}"
    return ["SCHRIFTELIJKE VRAAG", f"nr. {q['number']}", f"van {q['asker']}", f"datum: {date}",
            f"aan {q['minister']}", q["minister_title"]]


def make_docx(path: Path, q: dict = QUESTION, header: list[str] | None = None) -> Path:
    """A question document in the official layout, as the parliament publishes it."""
    document = docx.Document()
    for line in header or header_lines(q):
        document.add_paragraph(line)
    document.add_paragraph(q["title"]).runs[0].bold = True
    for paragraph in q["introduction"]:
        document.add_paragraph(paragraph)
    for n, text in q["subquestions"].items():
        document.add_paragraph(f"{n}. {text}")
    document.save(path)
    return path


def make_txt(path: Path, q: dict = QUESTION) -> Path:
    """As a cabinet mails it: the header in one block, paragraphs wrapped at 70 characters."""
    import textwrap

    blocks = ["\n".join(header_lines(q)), q["title"]]
    blocks += [textwrap.fill(p, 70) for p in q["introduction"]]
    blocks.append("\n".join(textwrap.fill(f"{n}. {t}", 70) for n, t in q["subquestions"].items()))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def question_pdf(tmp_path_factory) -> Path:
    """A real PDF with a text layer: the .docx rendered by LibreOffice."""
    exe = need_libreoffice()
    folder = tmp_path_factory.mktemp("pdf")
    source = make_docx(folder / "vraag-147.docx")
    subprocess.run([exe, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=False, capture_output=True, timeout=180)
    pdf = folder / "vraag-147.pdf"
    assert pdf.exists(), "LibreOffice made no PDF"
    return pdf


class Service:
    """The open-data service on 127.0.0.1: recorded records, the question document, errors."""

    def __init__(self, document: bytes) -> None:
        self.document = document
        self.requests: list[str] = []
        self.accept: list[str | None] = []
        service = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - the library's name
                service.requests.append(self.path)
                service.accept.append(self.headers.get("Accept"))
                status, body, kind = service.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # a client that gave up waiting: quiet
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"{self.base}/e/opendata"

    def answer(self, path: str) -> tuple[int, bytes, str]:
        if path.startswith("/e/opendata/schv/"):
            record = path.rsplit("/", 1)[1]
            if record == "500":
                return 500, b"<html>Internal Server Error</html>", "text/html"
            if record == "777":
                time.sleep(1.5)
            if record == "888":
                return 200, b"<?xml version='1.0'?><schv><vraagnummer>1</vraagnummer></schv>", "application/xml"
            if record == "666":
                return 200, b'{"id": 666, "vraagnummer": "1", "titel": ', "application/json"
            found = [p for p in RECORDS.glob(f"*-{record}.json")]
            if not found:
                return 404, b'{"message": "not found"}', "application/json"
            text = found[0].read_text(encoding="utf-8").replace(DOCUMENT_HOST, self.base)
            return 200, text.encode("utf-8"), "application/json;charset=UTF-8"
        if path.startswith("/pfile"):
            return 200, self.document, "application/octet-stream"
        return 404, b"", "text/plain"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def service(tmp_path):
    running = Service(make_docx(tmp_path / "served.docx").read_bytes())
    yield running
    running.close()


def intake(project: Path, *args: str):
    return run_cli("intake", *args, "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"))


def new_question(project: Path, number: int = 147, year: str = "2023-2024"):
    return load_register(project / "data" / "questions.yaml").find(number, year)


def assert_entry_matches(project: Path, *, asker: str, minister: str, title: str, opendata: int | None = None):
    """Every field of the new entry, compared with the question it was read from."""
    q = new_question(project)
    assert q.zittingsjaar == QUESTION["zittingsjaar"]
    assert q.number == QUESTION["number"]
    assert q.date == QUESTION["date"]
    assert q.asker == asker
    assert q.minister.name == minister
    assert q.minister.title == QUESTION["minister_title"]
    assert q.title == title
    assert q.template == "algemeen.docx"
    assert q.introduction == tuple(QUESTION["introduction"])
    assert q.subquestions == QUESTION["subquestions"]
    # one answer part per sub-question, saying visibly that it is still to be written
    assert [(part.numbers, [b.text for b in part.blocks]) for part in q.parts] == [
        ((n,), [ANSWER_PLACEHOLDER]) for n in QUESTION["subquestions"]]
    assert q.tables == {} and q.data == {}
    raw = load_yaml(project / "data" / "questions.yaml")["questions"][-1]
    assert raw.get("opendata") == opendata
    return q


def assert_register_kept(project: Path, before: str) -> None:
    """The old register is the start of the new one, byte for byte: comments, order and layout kept."""
    after = (project / "data" / "questions.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n\n  - zittingsjaar: ")


def test_a_question_document_as_docx(project, tmp_path):
    before = (project / "data" / "questions.yaml").read_text(encoding="utf-8")
    result = intake(project, str(make_docx(tmp_path / "vraag.docx")))
    assert result.exit_code == 0, result.output
    assert "added question 147 (2023-2024)" in result.stdout
    assert "due 2024-03-25 (legal: 20 working days), 2024-03-18 (internal)" in result.stdout
    assert_entry_matches(project, asker=QUESTION["asker"], minister=QUESTION["minister"], title=QUESTION["title"])
    assert_register_kept(project, before)


def test_a_question_document_as_txt(project, tmp_path):
    before = (project / "data" / "questions.yaml").read_text(encoding="utf-8")
    result = intake(project, str(make_txt(tmp_path / "vraag.txt")))
    assert result.exit_code == 0, result.output
    assert_entry_matches(project, asker=QUESTION["asker"], minister=QUESTION["minister"], title=QUESTION["title"])
    assert_register_kept(project, before)


def test_a_question_document_as_pdf(project, question_pdf):
    result = intake(project, str(question_pdf))
    assert result.exit_code == 0, result.output
    assert_entry_matches(project, asker=QUESTION["asker"], minister=QUESTION["minister"], title=QUESTION["title"])


def test_the_open_data_record_by_id_with_its_document(project, service):
    before = (project / "data" / "questions.yaml").read_text(encoding="utf-8")
    result = intake(project, "1234567", "--service", service.url)
    assert result.exit_code == 0, result.output
    assert service.requests == ["/e/opendata/schv/1234567", "/pfile?id=7654321"]
    assert service.accept[0] == "application/json;charset=UTF-8"  # the service answers XML otherwise
    # the record's names (first name and name), the document's texts and the minister's title
    assert_entry_matches(project, asker="Jan Peeters", minister="Jo Brouns",
                         title="Clusterbeleid - Evaluatie van de speerpuntclusters", opendata=1234567)
    assert_register_kept(project, before)


def test_the_open_data_record_by_url_and_from_the_environment(project, service, monkeypatch):
    monkeypatch.setenv("DRAFTER_OPENDATA_URL", service.url)
    result = intake(project, "1234567", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "--dry-run: nothing written" in result.stdout and "number: 147" in result.stdout
    assert new_question(project, 4, "2019-2020")  # the register is as it was: no 147 yet
    with pytest.raises(DataError, match="there is no question 147"):
        new_question(project)
    result = intake(project, f"{service.url}/schv/1234567")
    assert result.exit_code == 0, result.output
    assert_entry_matches(project, asker="Jan Peeters", minister="Jo Brouns",
                         title="Clusterbeleid - Evaluatie van de speerpuntclusters", opendata=1234567)


def test_a_saved_record_without_document_leaves_the_texts_visibly_unknown(project):
    result = intake(project, str(RECORDS / "schv-2345678.json"))
    assert result.exit_code == 0, result.output
    q = new_question(project, 12, "2024-2025")
    assert (q.number, q.zittingsjaar, q.date) == (12, "2024-2025", dt.date(2024, 10, 3))
    assert (q.asker, q.minister.name, q.title) == ("An Van den Bossche", "Caroline Gennez", "Kinderopvang - Wachtlijsten")
    assert q.minister.title == "N.N." and q.introduction == () and q.subquestions == {} and q.parts == ()
    assert "left unknown (N.N. or empty): minister's title, introduction, sub-questions" in result.stdout
    text = (project / "data" / "questions.yaml").read_text(encoding="utf-8")
    assert "title: N.N.  # not in the source: fill in when known" in text


def test_a_saved_record_with_the_document_given(project, tmp_path):
    record = json.loads((RECORDS / "schv-1234567.json").read_text(encoding="utf-8"))
    record["bestand-ordered"] = []
    saved = tmp_path / "vraag.json"
    saved.write_text(json.dumps(record), encoding="utf-8")
    result = intake(project, str(saved), "--document", str(make_txt(tmp_path / "vraag.txt")))
    assert result.exit_code == 0, result.output
    assert_entry_matches(project, asker="Jan Peeters", minister="Jo Brouns",
                         title="Clusterbeleid - Evaluatie van de speerpuntclusters", opendata=1234567)


def test_answer_drafts_the_new_question(project, tmp_path):
    assert intake(project, str(make_docx(tmp_path / "vraag.docx"))).exit_code == 0
    result = run_cli("answer", "-q", "147", "--year", "2023-2024",
                     "--register", str(project / "data" / "questions.yaml"),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
    assert result.exit_code == 0, result.output
    [made] = list((project / "out").glob("*.docx"))
    validate_docx(made)
    texts = [p.text for p in docx.Document(made).paragraphs if p.text.strip()]
    assert texts == ["JO BROUNS", QUESTION["minister_title"], "ANTWOORD",
                     "op vraag nr. 147 van 26 februari 2024 van JAN PEETERS"] + [
                     f"{n}.\t{ANSWER_PLACEHOLDER}" for n in QUESTION["subquestions"]]


def test_the_template_proposed_is_that_of_the_same_subject(project, tmp_path):
    """The latest question on the same subject to the same minister gives its template."""
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    start = text.index("    number: 4\n")
    name = text.index("      name: N.N.\n", start)
    register.write_text(text[:name] + f"      name: {QUESTION['minister']}\n" + text[name + 17:], encoding="utf-8")
    q = dict(QUESTION, title="Bedrijfsclusters - Subsidies in 2023")
    other = dict(q, minister="HILDE CREVITS")
    result = intake(project, str(make_docx(tmp_path / "ander.docx", other)), "--dry-run")
    assert result.exit_code == 0 and "template: algemeen.docx" in result.stdout  # another minister's question
    result = intake(project, str(make_docx(tmp_path / "vraag.docx", q)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "template: bedrijfsclusters.docx" in result.stdout  # question 4's subject
    result = intake(project, str(make_docx(tmp_path / "vraag.docx", q)), "--template", "algemeen.docx")
    assert result.exit_code == 0 and new_question(project).template == "algemeen.docx"


# --- bad input: one message naming the source, exit 1, the register unchanged


def assert_refused_unchanged(result, project: Path, before: bytes, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr, f"{needle!r} not in {result.stderr!r}"
    assert (project / "data" / "questions.yaml").read_bytes() == before
    assert not list((project / "data").glob(".*.part"))


@pytest.fixture
def before(project) -> bytes:
    return (project / "data" / "questions.yaml").read_bytes()


def test_a_question_already_in_the_register_is_not_overwritten(project, tmp_path):
    assert intake(project, str(make_docx(tmp_path / "vraag.docx"))).exit_code == 0
    kept = (project / "data" / "questions.yaml").read_bytes()
    lines = kept.decode("utf-8").splitlines()
    entry = next(n for n, line in enumerate(lines, 1) if line == "    number: 147") - 1  # its '- zittingsjaar:' line
    changed = dict(QUESTION, title="Clusterbeleid - Een andere titel", asker="AN DE VOS")
    result = intake(project, str(make_docx(tmp_path / "nieuw.docx", changed)))
    assert_refused_unchanged(result, project, kept, f"questions.yaml, line {entry}: question 147 of 2023-2024",
                             "is already in the register",
                             "asker: 'JAN PEETERS' in the register, 'AN DE VOS' in the source",
                             "title: 'Clusterbeleid - Evaluatie van de speerpuntclusters' in the register",
                             "drafter never overwrites an entry")
    result = intake(project, str(make_docx(tmp_path / "vraag.docx")))
    assert_refused_unchanged(result, project, kept, "the source says the same")


def test_a_document_that_is_not_a_written_question(project, tmp_path, before):
    letter = tmp_path / "brief.txt"
    letter.write_text("Beste collega,\n\nHierbij de cijfers voor 2023.\n", encoding="utf-8")
    assert_refused_unchanged(intake(project, str(letter)), project, before,
                             "brief.txt: this is not a written question: it has no heading 'SCHRIFTELIJKE VRAAG'")


def test_a_record_that_is_not_a_written_question(project, service, before):
    assert_refused_unchanged(intake(project, str(RECORDS / "vi-3456789.json")), project, before,
                             "vi-3456789.json: this is not the record of a written question")
    assert_refused_unchanged(intake(project, "3456789", "--service", service.url), project, before,
                             f"{service.url}/schv/3456789: this is not the record of a written question")


def test_malformed_json_saved_and_served(project, service, tmp_path, before):
    saved = tmp_path / "kapot.json"
    saved.write_text('{"id": 1, "vraagnummer": "3",\n  "titel": }', encoding="utf-8")
    assert_refused_unchanged(intake(project, str(saved)), project, before,
                             "kapot.json, line 2, column 12: the record is not valid JSON")
    assert_refused_unchanged(intake(project, "666", "--service", service.url), project, before,
                             f"{service.url}/schv/666, line 1, column 42: the record is not valid JSON")
    assert_refused_unchanged(intake(project, "888", "--service", service.url), project, before,
                             f"{service.url}/schv/888: the record is not JSON but XML or a web page")


def test_a_malformed_pdf(project, tmp_path, before):
    broken = tmp_path / "vraag.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj <<\n this is no PDF at all")
    assert_refused_unchanged(intake(project, str(broken)), project, before, "vraag.pdf: this is not a PDF that can be read")
    not_word = tmp_path / "vraag.docx"
    not_word.write_bytes(b"just text")
    assert_refused_unchanged(intake(project, str(not_word)), project, before,
                             "vraag.docx: this is not a Word document that can be read")


@pytest.mark.parametrize("date, needle", [
    ("morgen", "the date 'morgen' cannot be read"),
    ("31 februari 2024", "the date '31 februari 2024' cannot be read"),
    ("26 febr. 2024", "the date '26 febr. 2024' cannot be read"),
])
def test_a_date_that_cannot_be_read(project, tmp_path, before, date, needle):
    header = header_lines(QUESTION)
    header[3] = f"datum: {date}"
    source = make_docx(tmp_path / "vraag.docx", header=header)
    assert_refused_unchanged(intake(project, str(source)), project, before, f"vraag.docx, paragraph 4: {needle}")


def test_a_record_date_that_cannot_be_read(project, tmp_path, before):
    record = json.loads((RECORDS / "schv-2345678.json").read_text(encoding="utf-8"))
    record["procedureverloop"][0]["datum"] = "3 okt"
    saved = tmp_path / "vraag.json"
    saved.write_text(json.dumps(record), encoding="utf-8")
    assert_refused_unchanged(intake(project, str(saved)), project, before,
                             "vraag.json, procedureverloop 1, 'datum': the date '3 okt' cannot be read")


def test_the_service_cannot_be_reached(project, before):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    url = f"http://127.0.0.1:{port}/e/opendata"
    assert_refused_unchanged(intake(project, "1234567", "--service", url), project, before,
                             f"{url}/schv/1234567: the parliament's open-data service cannot be reached",
                             "save the record as .json")


def test_the_service_answers_an_error(project, service, before):
    assert_refused_unchanged(intake(project, "500", "--service", service.url), project, before,
                             f"{service.url}/schv/500: the parliament's open-data service cannot be reached: "
                             "it answered with an error (HTTP 500)")
    assert service.requests.count("/e/opendata/schv/500") == 3  # tried three times
    assert_refused_unchanged(intake(project, "999", "--service", service.url), project, before,
                             f"{service.url}/schv/999: the parliament's open-data service has no such written "
                             "question (HTTP 404)")


def test_the_question_document_of_a_record_cannot_be_fetched(project, service, before):
    original = service.answer

    def no_document(path):
        return (404, b"", "text/plain") if path.startswith("/pfile") else original(path)

    service.answer = no_document
    assert_refused_unchanged(intake(project, "1234567", "--service", service.url), project, before,
                             "the question document of this record cannot be fetched", "--document FILE")


def test_a_missing_file_and_an_unknown_kind(project, tmp_path, before):
    assert_refused_unchanged(intake(project, str(tmp_path / "geen.docx")), project, before,
                             "geen.docx: question document not found")
    other = tmp_path / "vraag.odt"
    other.write_bytes(b"x")
    assert_refused_unchanged(intake(project, str(other)), project, before,
                             "vraag.odt: drafter cannot read .odt as a question")


def test_an_unknown_template(project, tmp_path, before):
    assert_refused_unchanged(intake(project, str(make_docx(tmp_path / "vraag.docx")), "--template", "nieuw.docx"),
                             project, before, "there is no template 'nieuw.docx'")


def test_windows_line_endings_and_a_byte_order_mark_are_kept(project, tmp_path):
    register = project / "data" / "questions.yaml"
    original = b"\xef\xbb\xbf" + register.read_bytes().replace(b"\n", b"\r\n")
    register.write_bytes(original)
    assert intake(project, str(make_txt(tmp_path / "vraag.txt"))).exit_code == 0
    after = register.read_bytes()
    assert after.startswith(original.rstrip(b"\r\n") + b"\r\n\r\n  - zittingsjaar: 2023-2024\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")  # every line ends as in the file: CRLF
    assert_entry_matches(project, asker=QUESTION["asker"], minister=QUESTION["minister"], title=QUESTION["title"])


def test_a_register_whose_questions_are_not_last_keeps_its_comments_and_entries(project, tmp_path):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    settings = "locale: nl_BE\nnotes: notes.yaml            # note texts, by key\n"
    assert settings in text
    register.write_text(text.replace(settings, "") + "\n" + settings, encoding="utf-8")
    before_questions = load_register(register).questions
    comments = [line.strip() for line in register.read_text(encoding="utf-8").splitlines() if line.strip().startswith("#")]
    assert intake(project, str(make_docx(tmp_path / "vraag.docx"))).exit_code == 0
    after_text = register.read_text(encoding="utf-8")
    assert all(comment in after_text for comment in comments)
    after = load_register(register)
    assert [(q.number, q.title, q.introduction, q.parts) for q in after.questions[:-1]] == [
        (q.number, q.title, q.introduction, q.parts) for q in before_questions]
    assert after.notes == "notes.yaml" and after.style.locale == "nl_BE"
    assert_entry_matches(project, asker=QUESTION["asker"], minister=QUESTION["minister"], title=QUESTION["title"])


def test_a_register_a_colleague_saves_meanwhile_keeps_their_change_and_gets_the_entry(project, tmp_path,
                                                                                     monkeypatch):
    """A person saving the register by hand takes no lock: drafter sees the file changed under it
    and adds the entry again to what they saved."""
    from drafter.write import register as editor

    register = project / "data" / "questions.yaml"
    real = editor.appended
    saves = []

    def colleague_saves_once(text, entry, **kwargs):
        result = real(text, entry, **kwargs)
        if not saves:
            saves.append(True)
            register.write_text(register.read_text(encoding="utf-8") + "# a colleague's line\n", encoding="utf-8")
        return result

    monkeypatch.setattr(editor, "appended", colleague_saves_once)
    result = intake(project, str(make_docx(tmp_path / "vraag.docx")))
    assert result.exit_code == 0, result.output
    text = register.read_text(encoding="utf-8")
    assert text.count("# a colleague's line\n") == 1
    assert_entry_matches(project, asker=QUESTION["asker"], minister=QUESTION["minister"], title=QUESTION["title"])
    assert not list((project / "data").glob(".*.part"))


def test_a_published_question_with_its_answer_reads_only_the_question(project, tmp_path):
    published = make_txt(tmp_path / "gepubliceerd.txt")
    published.write_text(published.read_text(encoding="utf-8") + "\n\nJO BROUNS\n" + QUESTION["minister_title"]
                         + "\n\nANTWOORD\n\nop vraag nr. 147 van 26 februari 2024 van JAN PEETERS\n\n"
                         "1. In 2023 namen 1.204 ondernemingen deel.\n\n2. De evaluatie volgt in 2025.\n",
                         encoding="utf-8")
    assert intake(project, str(published)).exit_code == 0
    q = assert_entry_matches(project, asker=QUESTION["asker"], minister=QUESTION["minister"], title=QUESTION["title"])
    assert "JO BROUNS" not in q.subquestions[3]


def test_a_service_that_does_not_answer_in_time(project, service, before, monkeypatch):
    from drafter.intake import opendata

    monkeypatch.setattr(opendata, "TIMEOUT_SECONDS", 0.3)
    assert_refused_unchanged(intake(project, "777", "--service", service.url), project, before,
                             f"{service.url}/schv/777: the parliament's open-data service cannot be reached: "
                             "no answer within 0.3 seconds", "after 3 attempts")
    assert service.requests.count("/e/opendata/schv/777") == 3


def test_the_record_with_its_document_served_as_pdf(project, service, question_pdf):
    service.document = question_pdf.read_bytes()
    result = intake(project, "1234567", "--service", service.url)
    assert result.exit_code == 0, result.output
    assert_entry_matches(project, asker="Jan Peeters", minister="Jo Brouns",
                         title="Clusterbeleid - Evaluatie van de speerpuntclusters", opendata=1234567)


def test_document_goes_only_with_a_record(project, tmp_path, before):
    source = str(make_docx(tmp_path / "vraag.docx"))
    assert_refused_unchanged(intake(project, source, "--document", source), project, before,
                             "--document goes with an open-data record")


def _without_date(path: Path, q: dict = QUESTION) -> Path:
    """A question document whose header gives no date (as a cabinet sometimes receives it)."""
    return make_docx(path, q, [line for line in header_lines(q) if not line.startswith("datum:")])


def test_a_question_without_a_date_and_the_date_given_with_an_option(project, tmp_path, before):
    document = _without_date(tmp_path / "vraag.docx")
    refused = intake(project, str(document), "--lang", "nl")
    assert_refused_unchanged(refused, project, before, "de bron geeft noch het zittingsjaar noch de datum van de vraag",
                             "Geef de datum van de vraag met --date")
    result = intake(project, str(document), "--date", "26/02/2024")  # day first, as a Belgian types it
    assert result.exit_code == 0, result.output
    assert "due 2024-03-25 (legal: 20 working days)" in result.stdout
    assert_entry_matches(project, asker=QUESTION["asker"], minister=QUESTION["minister"], title=QUESTION["title"])


def test_a_question_without_a_date_is_taken_in_with_its_date_unknown(project, tmp_path):
    result = intake(project, str(_without_date(tmp_path / "vraag.docx")), "--year", "2023-2024", "--lang", "nl")
    assert result.exit_code == 0, result.output
    q = new_question(project)
    assert (q.date, q.zittingsjaar, q.asker, q.minister.name) == (None, "2023-2024", "JAN PEETERS", "JO BROUNS")
    line = next(n for n, text in enumerate((project / "data" / "questions.yaml").read_text(encoding="utf-8")
                                           .splitlines(), 1) if text == "    number: 147") - 1
    assert result.stderr.splitlines() == [
        f"waarschuwing: data/questions.yaml, regel {line}: de datum van vraag 147 is onbekend, dus haar termijnen "
        "kunnen pas berekend worden als de datum ingevuld is. Vul 'date:' in het item in zodra de datum bekend is, "
        "of neem de vraag op met --date."]
    assert "niet in de bron, onbekend gelaten (N.N. of leeg): datum (date)" in result.stdout


def test_a_question_dated_after_today_is_taken_in_with_a_warning(project, tmp_path):
    later = dt.date.today() + dt.timedelta(days=3)
    result = intake(project, str(make_docx(tmp_path / "vraag.docx", dict(QUESTION, date=later))))
    assert result.exit_code == 0, result.output
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("warning: data/questions.yaml, line ")
    assert f": question 147 is dated {later.isoformat()}, after today ({dt.date.today().isoformat()})" in warning


def test_intake_names_the_fields_in_the_language_in_use(project, tmp_path):
    bare = dict(QUESTION, introduction=[])
    added = intake(project, str(make_docx(tmp_path / "vraag.docx", bare)), "--lang", "nl")
    assert added.exit_code == 0, added.output
    assert "niet in de bron, onbekend gelaten (N.N. of leeg): inleiding (introduction)" in added.stdout
    kept = (project / "data" / "questions.yaml").read_bytes()
    other = dict(QUESTION, asker="AN DE VOS", date=dt.date(2024, 2, 27))
    result = intake(project, str(make_docx(tmp_path / "nieuw.docx", other)), "--lang", "nl")
    assert_refused_unchanged(result, project, kept, "datum (date): '26/02/2024' in het register, '27/02/2024' in de bron",
                             "vraagsteller (asker): 'JAN PEETERS' in het register, 'AN DE VOS' in de bron",
                             "inleiding (introduction): '' in het register, 'In 2016")
