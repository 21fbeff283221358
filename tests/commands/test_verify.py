"""verify's comparison, figure by figure, on records made by hand: what the answer shows now,
what drafter wrote, what the data says now (commands/verify.compare)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.commands.verify import (MISMATCHES, AnswerReport, Finding, FindingStatus, carry_over_line,
                                     carry_over_text, compare, json_report, text_report)
from drafter.errors import Problem
from drafter.view.figures import Figure, Source
from drafter.word.places import Place, cell_place, paragraph_place, table_place, within_table
from drafter.word.read_answer import AnswerFigures, Found

S = FindingStatus


def figure(key: str, shown: str, raw: float, *, kind: str = "cell", row_key: str = "clusters",
           column_key: str = "VAK", adds: str = "", row: str = "", sources=None) -> Figure:
    return Figure(number=1, key=key, kind=kind, shown=shown, raw=raw, scale=1,
                  sources=sources or (Source("budget.csv", f"row {len(key)}", ref=key),),
                  table="kredieten", row=row or row_key, column=column_key, row_key=row_key, column_key=column_key,
                  adds=adds)


def found(f: Figure, text: str | None, place: Place | str = "table 1, row 2, column 2",
          drafted_place: Place | None = None) -> Found:
    """A figure found at a place (a text that is no place of a record's form is shown as written)."""
    place = Place.read(place) if isinstance(place, str) else place
    return Found(figure=f, drafted_place=drafted_place or place, text=text, place=place, how="mark" if text else "")


def answer(*items: Found) -> AnswerFigures:
    return AnswerFigures(file="antwoord.docx", properties={}, question="2019-2020/4", locale="nl_BE", record=True,
                         found=list(items))


def statuses(findings: list[Finding]) -> list[str]:
    return [f.status for f in findings]


def test_a_figure_as_drafted_and_as_the_data_still_says():
    f = figure("kredieten: clusters, 2016, VAK", "14.250.000", 14250000)
    (finding,) = compare(answer(found(f, "14.250.000")), answer(found(f, "14.250.000")))
    assert finding.status == S.AS_DRAFTED and not finding.mismatch
    assert finding.describe() == "table 1, row 2, column 2: 14.250.000 as drafted"


def test_spaces_and_the_way_a_number_is_written_are_no_change():
    f = figure("k", "14.250.000", 14250000)
    assert statuses(compare(answer(found(f, " 14.250.000\u00a0")), answer(found(f, "14.250.000")))) == [S.AS_DRAFTED]
    assert statuses(compare(answer(found(f, "14250000")), answer(found(f, "14.250.000")))) == [S.AS_DRAFTED]
    assert statuses(compare(answer(found(f, "14.250.000 euro")), answer(found(f, "14.250.000")))) == [S.BY_HAND]


def test_changed_by_hand_says_from_what_to_what_and_what_the_data_says():
    f = figure("k", "14.250.000", 14250000)
    (finding,) = compare(answer(found(f, "15.000.000")), answer(found(f, "14.250.000")))
    assert (finding.status, finding.drafted, finding.now, finding.data) == (S.BY_HAND, "14.250.000", "15.000.000",
                                                                             "14.250.000")
    assert finding.mismatch
    assert finding.describe() == ("table 1, row 2, column 2: changed by hand from 14.250.000 to 15.000.000; "
                                  "the data says 14.250.000 (budget.csv, row 1)")


def test_the_data_has_changed_since_or_the_hand_followed_it():
    drafted = figure("k", "14.250.000", 14250000)
    now = figure("k", "15.000.000", 15000000)
    assert statuses(compare(answer(found(drafted, "14.250.000")), answer(found(now, "15.000.000")))) == \
        [S.DATA_CHANGED]
    (finding,) = compare(answer(found(drafted, "15.000.000")), answer(found(now, "15.000.000")))
    assert finding.status == S.BY_HAND_AS_DATA and not finding.mismatch


def test_removed_not_in_the_data_and_new_in_the_data():
    kept, gone, new = figure("a", "1.000", 1000), figure("b", "2.000", 2000), figure("c", "3.000", 3000)
    findings = compare(answer(found(kept, None), found(gone, "2.000")), answer(found(kept, "1.000"), found(new, "3.000")))
    assert statuses(findings) == [S.REMOVED, S.NOT_IN_DATA, S.NEW_IN_DATA]
    assert [f.figure for f in findings] == ["a", "b", "c"]
    assert all(f.mismatch for f in findings)


def test_a_figure_that_moved_is_as_drafted_and_says_where_it_was():
    f = figure("k", "1.000", 1000)
    was, now = cell_place(0, within_table("2016", "VAK")), cell_place(1, within_table("2016", "VAK"))
    (finding,) = compare(answer(found(f, "1.000", place=now, drafted_place=was)), answer(found(f, "1.000")))
    assert finding.status == S.AS_DRAFTED and finding.moved_from == was
    assert finding.describe() == 'table 2, row "2016", column "VAK": 1.000 as drafted, moved (it was at table 1, row ' \
                                 '"2016", column "VAK")'
    assert finding.as_dict()["moved_from"] == 'table 1, row "2016", column "VAK"'
    reworded = found(f, "1.000", place=paragraph_place(4, "Circa 1.000 euro"), drafted_place=paragraph_place(4, "Ongeveer"))
    assert compare(answer(reworded), answer(found(f, "1.000")))[0].moved_from is None  # a new wording is no move
    elsewhere = found(f, "1.000", place=paragraph_place(5, "Ongeveer"), drafted_place=paragraph_place(4, "Ongeveer"))
    moved = compare(answer(elsewhere), answer(found(f, "1.000")))[0]
    assert moved.describe() == 'paragraph 5, "Ongeveer": 1.000 as drafted, moved (it was at paragraph 4)'


def test_a_row_total_that_no_longer_adds_up():
    vak = figure("vak", "10", 10, column_key="VAK")
    vek = figure("vek", "20", 20, column_key="VEK")
    total = figure("total", "30", 30, kind="total", column_key="total", adds="row")
    drafted = [found(vak, "10"), found(vek, "20"), found(total, "30")]
    assert S.DOES_NOT_ADD_UP not in statuses(compare(answer(*drafted), answer(*drafted)))
    edited = [found(vak, "15"), found(vek, "20"), found(total, "30")]
    findings = compare(answer(*edited), answer(*drafted))
    (sum_finding,) = [f for f in findings if f.status == S.DOES_NOT_ADD_UP]
    assert sum_finding.figure == "total" and sum_finding.mismatch
    assert sum_finding.detail == ('the figures of row "clusters" add up to 35 now, but 30 is stated: '
                                  'a difference of 5')


def test_a_total_that_did_not_add_up_when_drafted_is_not_verify_s_to_report():
    vak, vek = figure("vak", "10", 10, column_key="VAK"), figure("vek", "20", 20, column_key="VEK")
    total = figure("total", "99", 99, kind="total", column_key="total", adds="row")
    edited = [found(vak, "15"), found(vek, "20"), found(total, "99")]
    assert S.DOES_NOT_ADD_UP not in statuses(compare(answer(*edited), answer(*edited)))


def test_the_statuses_keep_their_words_in_text_and_json():
    assert [s.value for s in FindingStatus] == [
        "as drafted", "changed by hand", "changed by hand, as the data now says", "the data has changed", "removed",
        "not in the data", "new in the data", "does not add up"]
    assert MISMATCHES == {S.BY_HAND, S.DATA_CHANGED, S.REMOVED, S.NOT_IN_DATA, S.NEW_IN_DATA, S.DOES_NOT_ADD_UP}
    report = AnswerReport("antwoord.docx", "question 4 (2019-2020)",
                          findings=[Finding(S.BY_HAND, table_place(1), "k", "1", "2", "1", "budget.csv, row 2")])
    out = json.loads(json_report([report]))
    assert out["ok"] is False and out["answers"][0]["counts"]["changed by hand"] == 1
    assert out["answers"][0]["figures"][0]["status"] == "changed by hand"
    assert text_report([report]).splitlines() == [
        "antwoord.docx, question 4 (2019-2020): 1 figure: 1 changed by hand",
        "  table 1: changed by hand from 1 to 2; the data says 1 (budget.csv, row 2)",
        "drafter verify: 1 answer, 1 with figures to look at"]


def test_quiet_text_lists_only_the_answers_to_look_at():
    fine = AnswerReport("goed.docx", findings=[Finding(S.AS_DRAFTED, table_place(1), "k", "1", "1", "1")])
    broken = AnswerReport("kapot.docx", problems=[Problem("not a Word file", file="kapot.docx")])
    assert text_report([fine, broken], quiet=True).splitlines() == [
        "kapot.docx: not checked", "  error: kapot.docx: not a Word file"]


@pytest.mark.parametrize("status, line", [
    (S.NEW_IN_DATA, "  table 1: new in the data, 3"),
    (S.NOT_IN_DATA, "  table 1: 2 in the edited answer, no longer in the data"),
    (S.REMOVED, "  table 1: removed from the edited answer; the new draft has 3"),
    (S.BY_HAND, "  table 1: 2 in the edited answer, 3 in the new draft"),
])
def test_what_to_carry_over_to_a_new_draft(status, line):
    finding = Finding(status, table_place(1), "k", drafted="1", now="2", data="3")
    assert carry_over_line(finding) == line
    assert carry_over_text(None, [finding]) == ""
    assert carry_over_text(Path("/elders/antwoord.docx"), []) == ""
