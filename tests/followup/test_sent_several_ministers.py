"""`drafter sent` for a question put to several ministers: each minister's answer goes out on
its own day, so each copy's `answered:` is its own -- the entry's for the entry's minister, the
item of `other_ministers:` for another -- and `status` shows each copy as it is."""

from __future__ import annotations

import json

from tests.followup.helpers import drafter

REGISTER = "data/several-ministers.yaml"


def _status() -> dict[int, tuple[str, str | None]]:
    result = drafter("status", "--format", "json", "--today", "2024-03-04", "--register", REGISTER,
                     "--templates", "answer_templates", "--output", "out")
    assert result.exit_code == 0, result.output
    return {r["number"]: (r["state"], r["sent"]) for r in json.loads(result.stdout)["questions"]}


def _sent(number: int, date: str):
    return drafter("sent", "-q", str(number), "--date", date, "--register", REGISTER)


def test_each_minister_s_copy_is_sent_on_its_own(project):
    register = project / REGISTER
    text = register.read_text(encoding="utf-8").replace("    date: null\n", "    date: 2024-02-12\n", 1)
    register.write_text(text, encoding="utf-8")
    lines = text.splitlines(keepends=True)
    below_312 = next(n for n, line in enumerate(lines, 1) if line.strip().startswith("number: 312"))

    result = _sent(312, "2024-03-01")
    assert result.exit_code == 0, result.output
    # one line added under that minister's number, in its indent; every other byte as it was
    assert register.read_text(encoding="utf-8") == "".join(
        lines[:below_312] + ["        answered: 2024-03-01\n"] + lines[below_312:])
    assert _status() == {11: ("no draft", None), 87: ("no draft", None), 312: ("sent", "2024-03-01")}

    after_312 = register.read_text(encoding="utf-8")
    result = _sent(11, "2024-03-04")  # the entry's own minister: answered: on the entry, below its date
    assert result.exit_code == 0, result.output
    now = register.read_text(encoding="utf-8").splitlines(keepends=True)
    date_line = next(n for n, line in enumerate(now, 1) if line == "    date: 2024-02-12\n")
    assert now[date_line] == "    answered: 2024-03-04\n"
    assert "".join(now[:date_line] + now[date_line + 1:]) == after_312
    assert _status() == {11: ("sent", "2024-03-04"), 87: ("no draft", None), 312: ("sent", "2024-03-01")}

    # a second date for a copy already sent: refused at that copy's line, nothing changed
    before = register.read_bytes()
    refused = _sent(312, "2024-03-02")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    answered_312 = below_312 + 2  # below its number, and the entry's own answered: added above it
    assert refused.stderr == (
        f"error: data/several-ministers.yaml, line {answered_312}: question 312 (2019-2020) is recorded as sent on "
        "2024-03-01 already, not on 2024-03-02. If the date in the register is wrong, correct 'answered:' there "
        "by hand.\n")
    assert register.read_bytes() == before
