"""drafter serve in a real browser (Debian's chromium through Playwright), as a civil servant
uses it: take in a question, write two answer parts, see a problem beside its field, draft and
read the .docx back, verify an edited answer, mark it sent, and two people on one entry.

In CI (CI=true) these tests never skip: a missing browser is a failure there."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import docx
import pytest
from docx2python import docx2python

from drafter.load.register import load_register
from tests.serve.server import CHROMIUM, CHROMIUM_ARGS
from tests.serve.test_security import snapshot
from tests.test_intake import make_docx

playwright_api = pytest.importorskip("playwright.sync_api") if not os.environ.get("CI") else \
    __import__("playwright.sync_api", fromlist=["sync_playwright"])
if not os.environ.get("CI") and not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture
def browser():
    with playwright_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_page(browser, server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(server.address)
    assert page.url == server.base + "/"  # the token is gone from the address
    return page


def test_intake_write_two_parts_and_see_a_problem_beside_its_field(browser, server, project, tmp_path):
    page = open_page(browser, server)
    page.click("text=New question")
    page.set_input_files("input[name=file]", str(make_docx(tmp_path / "vraag.docx")))
    page.click("form.intake button[type=submit]")
    page.click("text=Open the question")
    assert "Clusterbeleid - Evaluatie van de speerpuntclusters" in page.inner_text("h1")
    page.fill("#part-0-text", "Het antwoord: zie\thieronder.\nEen tweede alinea.")
    page.fill("#part-1-text", "De evaluatie volgt in 2025.")
    page.fill("#part-2-text", "Zie {{ niet_bestaand }}.")
    page.click("#save")
    assert "Saved in the register." in page.inner_text(".notice")
    q = load_register(project / "data/questions.yaml").find(147, "2023-2024")
    assert [b.text for b in q.parts[0].blocks] == ["Het antwoord: zie\thieronder.", "Een tweede alinea."]
    assert [b.text for b in q.parts[1].blocks] == ["De evaluatie volgt in 2025."]
    problem = page.locator("#part-2 ul.problems li.error")
    assert problem.count() >= 1 and "niet_bestaand" in problem.first.inner_text()
    assert page.locator("#part-0 ul.problems li.error").count() == 0
    page.screenshot(path=str(tmp_path / "question.png"), full_page=True)


def test_draft_verify_an_edited_answer_and_mark_it_sent(browser, server, project, tmp_path):
    page = open_page(browser, server)
    row = page.locator("tr[data-number='4']")
    assert row.get_attribute("data-state") == "no draft"
    page.click("a:text('Bedrijfsclusters - Subsidies')")
    with page.expect_download() as download:
        page.click("#draft")
    drafted = tmp_path / download.value.suggested_filename
    download.value.save_as(drafted)
    with docx2python(str(drafted)) as read:
        table = next(t for t in read.body if len(t) > 3)
        cells = [[" ".join(c).strip() for c in r] for r in table]
    assert cells[0] == ["", "VAK budget", "VEK budget"]
    assert cells[3][:2] == ["2016", "14.250.000\xa0(2)"]  # a note call kept on the line of its figure
    # edited in Word: a figure changed by hand
    document = docx.Document(str(drafted))
    run = next(r for t in document.tables for row_ in t.rows for c in row_.cells for p in c.paragraphs
               for r in p.runs if "14.250.000" in r.text)
    run.text = run.text.replace("14.250.000", "14.999.000")
    edited = tmp_path / "bewerkt.docx"
    document.save(str(edited))
    page.goto(server.base + "/q/2019-2020/4")
    page.set_input_files("input[name=file][accept='.docx']", str(edited))
    page.click("#verify")
    findings = page.inner_text("table.findings")
    assert "14.999.000" in findings and "14.250.000" in findings and "2016" in findings
    page.goto(server.base + "/q/2019-2020/4")
    page.fill("input[name=date]", "01/06/2020")
    page.click("#sent")
    assert "01/06/2020" in page.inner_text(".notice")
    page.goto(server.base + "/")
    assert page.locator("tr[data-number='4']").get_attribute("data-state") == "sent"


def test_two_people_on_one_entry_lose_no_edit(browser, server, project):
    first, second = open_page(browser, server), open_page(browser, server)
    for page in (first, second):
        page.goto(server.base + "/q/2019-2020/4")
    first.fill("#part-1-text", "De tekst van de eerste.")
    first.click("#save")
    assert "Saved in the register." in first.inner_text(".notice")
    second.fill("#part-1-text", "De tekst van de tweede.")
    second.click("#save")
    conflict = second.locator("section.conflict")
    assert conflict.is_visible()
    assert "De tekst van de eerste." in conflict.inner_text() and "De tekst van de tweede." in conflict.inner_text()
    assert conflict.locator("table.versions tbody tr").count() == 1  # only the part that differs, not the others
    register = project / "data/questions.yaml"
    assert "De tekst van de eerste." in register.read_text(encoding="utf-8")
    assert "De tekst van de tweede." not in register.read_text(encoding="utf-8")
    second.click("#keep-mine")
    assert "Saved in the register." in second.inner_text(".notice")
    q = load_register(register).find(4, "2019-2020")
    assert [b.text for b in q.parts[1].blocks] == ["De tekst van de tweede."]


def test_a_page_without_the_token_shows_only_the_sign_in(browser, server, project):
    before = snapshot(project)
    page = browser.new_page()
    page.goto(server.base + "/")
    assert "Sign in" in page.inner_text("h1") and "Bedrijfsclusters" not in page.content()
    page.fill("#token", "wrong")
    page.click("button[type=submit]")
    assert "That is not the password." in page.inner_text("main")
    page.fill("#token", server.token)
    page.click("button[type=submit]")
    assert "Bedrijfsclusters - Subsidies" in page.inner_text("table.followup")
    assert snapshot(project) == before


def test_type_a_part_with_blocks_insert_a_figure_and_a_table_with_the_buttons_and_draft(browser, server, project,
                                                                                         tmp_path):
    page = open_page(browser, server)
    page.goto(server.base + "/q/2019-2020/5")
    page.fill("#part-1-text", "Het totaal voor de clusters bedroeg ")
    page.focus("#part-1-text")
    page.keyboard.press("Control+End")
    page.select_option("#part-1-figure", value='{{ budget.amount("clusters", 2016, "VAK") | num }}')
    page.click("#part-1-insert-figure")
    page.focus("#part-1-text")
    page.keyboard.press("Control+End")
    page.keyboard.type(" euro.")
    page.select_option("#part-1-table", label="bedrijfssteun")
    page.click("#part-1-insert-table")  # on a line of its own
    page.keyboard.type("- O&O projecten\n- clustersteun\nDe steun: zie\thierboven.")
    page.click("#save")
    assert "Saved in the register." in page.inner_text(".notice")
    q = load_register(project / "data/questions.yaml").find(5, "2019-2020")
    assert [(b.kind.value, b.text or b.table or list(b.items)) for b in q.parts[1].blocks] == [
        ("text", 'Het totaal voor de clusters bedroeg {{ budget.amount("clusters", 2016, "VAK") | num }} euro.'),
        ("table", "bedrijfssteun"), ("bullets", ["O&O projecten", "clustersteun"]),
        ("text", "De steun: zie\thierboven.")]
    with page.expect_download() as download:
        page.click("#draft")
    drafted = tmp_path / download.value.suggested_filename
    download.value.save_as(drafted)
    with docx2python(str(drafted)) as read:
        paragraphs = [p.strip() for p in read.text.split("\n") if p.strip()]
    assert "Het totaal voor de clusters bedroeg 14.250.000 euro." in paragraphs
    assert any(p.endswith("O&O projecten") for p in paragraphs) and "De steun: zie\thierboven." in paragraphs
    page.screenshot(path=str(tmp_path / "blocks.png"), full_page=True)


def test_dates_are_typed_day_first_as_the_project_writes_them_in_a_us_browser(browser, server, project):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(server.address)
    page.goto(server.base + "/q/2019-2020/5")
    field = page.locator("#sent-date")
    assert field.get_attribute("placeholder") == "dd/mm/yyyy"
    assert field.input_value() == date.today().strftime("%d/%m/%Y")  # not the browser's mm/dd/yyyy
    before = snapshot(project)
    field.fill("31/02/2020")  # passes the field's pattern, is no day of the calendar
    page.click("#sent")
    problem = page.locator("#sent-date-problem")
    assert "is not a day of the calendar" in problem.inner_text() and "dd/mm/yyyy" in problem.inner_text()
    assert page.locator("#sent-date").input_value() == "31/02/2020"  # what was typed, kept to correct
    assert snapshot(project) == before
    page.fill("#sent-date", "02/01/2020")
    page.click("#sent")
    assert "02/01/2020" in page.inner_text(".notice")
    assert load_register(project / "data/questions.yaml").find(5, "2019-2020").answered == date(2020, 1, 2)
    context.close()
