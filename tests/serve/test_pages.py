"""A page and its command give the same result: the follow-up list's rows are status's rows,
the page's draft is `drafter answer`'s .docx (cell by cell), mark as sent is `drafter sent`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from docx2python import docx2python

from tests.serve.server import example_project
from tests.serve.test_security import csrf_of, signed_in, snapshot


class Rows(HTMLParser):
    """The follow-up table's rows as the page shows them: (zittingsjaar, number, minister, state, due)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-state" in a:
            self.rows.append((a["data-year"] or None, int(a["data-number"]) if a["data-number"] else None,
                              a["data-minister"] or None, a["data-state"], a["data-due"] or None))


def page_rows(html: str):
    parser = Rows()
    parser.feed(html)
    return parser.rows


def drafter(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *args, "--lang", "en", "--project", str(project)],
                          capture_output=True,
                          text=True, timeout=300)


def status_rows(project: Path, *args: str):
    done = drafter(project, "status", "--format", "json", *args)
    rows = json.loads(done.stdout)["questions"] if done.stdout.strip().startswith("{") else json.loads(done.stdout)
    return [(r["zittingsjaar"], r["number"], r["minister"], r["state"], r["due"]) for r in rows]


def test_the_followup_rows_are_status_rows_with_the_same_filters(server, project):
    client = signed_in(server)
    assert page_rows(client.get("/").text) == status_rows(project)
    assert page_rows(client.get("/?year=2019-2020").text) == status_rows(project, "--year", "2019-2020")
    assert page_rows(client.get("/?late=1").text) == status_rows(project, "--late")
    found = page_rows(client.get("/?search=kredieten").text)
    assert found and all("kredieten" in t.casefold() for t in re.findall(
        r'<a href="/q/[^"]+">([^<]+)</a>', client.get("/?search=kredieten").text))


def test_a_draft_from_the_page_is_the_draft_of_drafter_answer(server, project, tmp_path):
    client = signed_in(server)
    response = client.post("/q/2019-2020/4/draft", data={"csrf": csrf_of(client), "minister": "N.N."},
                           headers={"origin": server.base})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    from_page = tmp_path / "page.docx"
    from_page.write_bytes(response.content)
    other = example_project(tmp_path / "cli")
    done = drafter(other, "answer", "-q", "4")
    assert done.returncode == 0, done.stderr
    from_cli = next((other / "output").glob("*.docx"))
    with docx2python(str(from_page)) as a, docx2python(str(from_cli)) as b:
        assert a.body == b.body and a.footnotes == b.footnotes
        assert "VAK budget" in a.text and "Circa 45% van de steun" in a.text  # the table and the texts, not an empty shell
    # the page wrote the answer where drafter answer writes it
    assert (project / "output" / from_cli.name).read_bytes() == response.content


def test_mark_as_sent_writes_what_drafter_sent_writes_and_the_list_changes(server, project, tmp_path):
    client = signed_in(server)
    before = dict(((r[1], r[3]) for r in page_rows(client.get("/").text)))
    assert before[5] == "no draft"
    response = client.post("/q/2019-2020/5/sent", data={"csrf": csrf_of(client, "/q/2019-2020/5"), "minister": "N.N.",
                                                        "date": "2020-06-01"}, headers={"origin": server.base})
    # the day shown as the project's locale (nl_BE) writes it, whatever the form it was typed in
    assert response.status_code == 200 and "Recorded as sent on 01/06/2020." in response.text
    other = example_project(tmp_path / "cli")
    assert drafter(other, "sent", "-q", "5", "--date", "2020-06-01").returncode == 0
    assert (project / "data/questions.yaml").read_bytes() == (other / "data/questions.yaml").read_bytes()
    after = dict(((r[1], r[3]) for r in page_rows(client.get("/").text)))
    assert after[5] == "sent"


def test_a_mistake_is_shown_with_its_place_and_nothing_is_written(server, project):
    client = signed_in(server)
    before = snapshot(project)
    response = client.post("/q/2019-2020/5/sent", data={"csrf": csrf_of(client, "/q/2019-2020/5"), "minister": "N.N.",
                                                        "date": "2999-01-01"}, headers={"origin": server.base})
    assert response.status_code == 400
    assert "questions.yaml" in response.text and "2999-01-01" in response.text and "Traceback" not in response.text
    # the register named as the command line names it in the project's folder, not by its full path
    assert "data/questions.yaml" in response.text.replace("\\", "/") and str(project) not in response.text
    assert client.get("/q/2019-2020/999").status_code == 400
    assert snapshot(project) == before


def test_bundle_from_the_page_is_drafter_bundle(server, project, tmp_path):
    client = signed_in(server)
    csrf = csrf_of(client)
    for number in (4, 5):
        assert client.post(f"/q/2019-2020/{number}/draft", data={"csrf": csrf, "minister": "N.N."},
                           headers={"origin": server.base}).status_code == 200
        assert client.post(f"/q/2019-2020/{number}/sent", data={"csrf": csrf, "minister": "N.N.", "date": "2020-06-01"},
                           headers={"origin": server.base}).status_code == 200
    response = client.post("/bundle", data={"csrf": csrf, "date": "2020-06-01"}, headers={"origin": server.base})
    assert response.status_code == 200, response.text[:2000]
    from_page = tmp_path / "bundle.docx"
    from_page.write_bytes(response.content)
    other = example_project(tmp_path / "cli")
    for number in ("4", "5"):
        assert drafter(other, "answer", "-q", number).returncode == 0
        assert drafter(other, "sent", "-q", number, "--date", "2020-06-01").returncode == 0
    done = drafter(other, "bundle", "--date", "2020-06-01")
    assert done.returncode == 0, done.stderr
    from_cli = next((other / "output").rglob("bundel*.docx"), None) or next(
        p for p in (other / "output").rglob("*.docx") if p.parent != other / "output")
    with docx2python(str(from_page)) as a, docx2python(str(from_cli)) as b:
        assert a.body == b.body
        assert "Bedrijfsclusters - Subsidies" in a.text and "Clusterbeleid - Opsplitsing van de clustersteun" in a.text


def test_a_text_typed_in_the_page_goes_through_the_registers_sandbox(server, project):
    client = signed_in(server)
    page = client.get("/q/2019-2020/4").text
    csrf = csrf_of(client)
    shown = re.search(r'name="entry_hash" value="([^"]+)"', page).group(1)
    fields = {name: value for name, value in re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>',
                                                        page)}
    fields = {k: v.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&") for k, v in fields.items()}
    fields["part-3-text"] = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    saved = client.post("/q/2019-2020/4/save", data={**fields, "csrf": csrf, "minister": "N.N.", "entry_hash": shown},
                        headers={"origin": server.base})
    assert saved.status_code == 200
    assert "__subclasses__" in (project / "data/questions.yaml").read_text(encoding="utf-8")
    before = snapshot(project)
    drafted = client.post("/q/2019-2020/4/draft", data={"csrf": csrf, "minister": "N.N."},
                          headers={"origin": server.base})
    assert drafted.status_code == 400 and "Traceback" not in drafted.text and "questions.yaml" in drafted.text
    assert "may not use" in drafted.text and "&lt;class" not in drafted.text  # refused, not rendered
    assert snapshot(project) == before  # no answer written
    # and the problem is shown beside the part it is in
    again = client.get("/q/2019-2020/4").text
    part = again.split('id="part-3"', 1)[1].split("</fieldset>", 1)[0]
    assert 'class="error"' in part
    assert str(project) not in again and str(project) not in client.get("/problems").text


def test_update_from_the_page_is_drafter_update(server, project, tmp_path):
    client = signed_in(server)
    csrf = csrf_of(client)
    other = example_project(tmp_path / "cli")
    assert client.post("/q/2019-2020/4/draft", data={"csrf": csrf, "minister": "N.N."},
                       headers={"origin": server.base}).status_code == 200
    assert drafter(other, "answer", "-q", "4").returncode == 0
    for folder in (project, other):  # the data changed since the draft
        budget = folder / "data/budget.csv"
        budget.write_text(budget.read_text(encoding="utf-8").replace("14250000", "14750000"), encoding="utf-8")
    response = client.post("/q/2019-2020/4/update", data={"csrf": csrf, "minister": "N.N."},
                           headers={"origin": server.base})
    assert response.status_code == 200, response.text[:2000]
    done = drafter(other, "update", "-q", "4")
    assert done.returncode == 0, done.stderr
    changed = [line.strip() for line in done.stdout.splitlines() if line.startswith("  ")]
    assert changed and all(line in response.text.replace("&#39;", "'").replace("&#34;", '"') for line in changed)
    downloaded = client.get("/q/2019-2020/4/answer")
    assert downloaded.status_code == 200
    name = project / "output" / re.search(r"filename\*=UTF-8''(.+)$", downloaded.headers["content-disposition"]).group(1)
    assert downloaded.content == name.read_bytes()  # the answer itself, not the backup update kept beside it
    with docx2python(str(name)) as a, docx2python(str(other / "output" / name.name)) as b:
        assert a.body == b.body


def in_process(project: Path, page_size: int, language: str = "en"):
    """The page's app in this process (no server), with pages of `page_size` rows."""
    from starlette.testclient import TestClient

    from drafter import paths
    from drafter.serve.app import make_app
    from drafter.serve.security import Guard

    app = make_app(paths.find_project(project), Guard("token", "127.0.0.1", 80), language=language,
                   page_size=page_size)
    client = TestClient(app, base_url="http://127.0.0.1")
    assert client.get("/?token=token").status_code == 200  # signed in, sent on to the list
    return client


def every_page(client, query: str = ""):
    """The rows of every page of the list, in order, following the page's own next links."""
    rows, url = [], "/" + (f"?{query}" if query else "")
    while url:
        html = client.get(url).text
        rows += page_rows(html)
        found = re.search(r'<a href="([^"]+)" rel="next">', html)
        url = found.group(1).replace("&amp;", "&") if found else None
    return rows


def test_the_list_in_pages_is_status_rows_over_all_the_pages(project):
    client = in_process(project, page_size=2)
    first = client.get("/").text
    total = len(status_rows(project))
    assert total > 4 and len(page_rows(first)) == 2
    assert f"{total} questions" in first  # counted over every row, not the page
    assert every_page(client) == status_rows(project)
    assert every_page(client, "year=2019-2020") == status_rows(project, "--year", "2019-2020")
    # a page past the last shows the last one, with the filters kept
    last = client.get("/?year=2019-2020&page=999").text
    assert page_rows(last) == status_rows(project, "--year", "2019-2020")[-len(page_rows(last)):]


def test_the_list_follows_an_answer_written_beside_the_page(project):
    client = in_process(project, page_size=100)
    assert dict((r[1], r[3]) for r in page_rows(client.get("/").text))[5] == "no draft"
    done = drafter(project, "answer", "-q", "5")  # by the command line, while the page runs
    assert done.returncode == 0, done.stderr
    assert page_rows(client.get("/").text) == status_rows(project)
    assert dict((r[1], r[3]) for r in page_rows(client.get("/").text))[5] != "no draft"


def test_the_page_names_files_from_the_project_and_never_a_folder_outside_it(tmp_path, monkeypatch):
    from drafter.errors import display_path, paths_shown_from

    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the server started in another folder than the project's
    register = project / "data" / "questions.yaml"
    assert display_path(register) == str(register)  # a command names it as it can
    with paths_shown_from(project):
        assert Path(display_path(register)) == Path("data/questions.yaml")
        assert Path(display_path(display_path(register))) == Path("data/questions.yaml")  # named twice
        assert display_path(tmp_path / "upload" / "antwoord.docx") == "antwoord.docx"
        assert display_path("https://www.vlaamsparlement.be/x") == "https://www.vlaamsparlement.be/x"
    assert display_path(register) == str(register)  # and as before, once the page's work is done


def test_a_problem_is_shown_beside_its_part_in_dutch_too(project):
    register = project / "data/questions.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace('          text: "{{ evaluation.text }}"', '          text: "Zie {{ niet_bestaand }}."'),
                        encoding="utf-8")
    page = in_process(project, page_size=100, language="nl").get("/q/2019-2020/4").text
    part = page.split('id="part-3"', 1)[1].split("</fieldset>", 1)[0]
    assert 'class="error"' in part and "niet_bestaand" in part
    assert "niet_bestaand" not in page.split('id="part-3"', 1)[0]  # not at the top as well


def test_verify_from_the_page_names_the_places_in_dutch(project):
    from tests.i18n.test_places_in_dutch import ANSWER4, edited_answer

    answer = edited_answer(project, "output")
    client = in_process(project, page_size=100, language="nl")
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/q/2019-2020/4").text).group(1)
    response = client.post("/q/2019-2020/4/verify", headers={"origin": "http://127.0.0.1"},
                           files={"file": (ANSWER4, answer.read_bytes())}, data={"csrf": csrf, "minister": "N.N."})
    assert response.status_code == 200, response.text[:2000]
    page = response.text.replace("&#34;", '"').replace("&#39;", "'").replace("&quot;", '"')
    cells = re.findall(r"<td>(.*?)</td>", page)
    assert 'tabel 1, rij "2016", kolom "VAK budget"' in cells
    assert 'alinea 13, "3. Circa 45% ..."' in cells
    found = cells[cells.index('tabel 1, rij "2016", kolom "VAK budget"') + 1]
    assert found.startswith("met de hand gewijzigd van 14.250.000 in 14.350.000")
    assert "table 1" not in page and "paragraph 1" not in page
