"""drafter's record in an answer: its question and the fingerprint that tells an edit."""

from __future__ import annotations

import pytest

from drafter.oxml import opc
from drafter.word import finish, fingerprint

from .helpers import answer, question


def finished() -> dict[str, bytes]:
    a = answer("<w:p><w:r><w:t>tekst</w:t></w:r></w:p>")
    for run_pass in finish.PASSES:
        run_pass(a)
    return a.package.parts()


def test_an_answer_drafter_made_is_unchanged_until_anything_in_it_changes():
    parts = finished()
    made = fingerprint.read_recorded(opc.write_zip(parts))
    assert made.question == fingerprint.question_id(question()) == "2019-2020/4" and made.unchanged
    for part, change in (("word/document.xml", (b"tekst", b"tekst!")), ("word/styles.xml", (b"Normal", b"Normaal"))):
        edited = fingerprint.read_recorded(opc.write_zip({**parts, part: parts[part].replace(*change)}))
        assert not edited.unchanged and edited.question == made.question


def test_a_custom_property_a_colleague_adds_is_an_edit_and_drafters_own_are_not():
    parts = finished()
    own = fingerprint.fingerprint(parts)
    with_other = parts["docProps/custom.xml"].replace(b"</Properties>", (
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="9" name="Client">'
        b"<vt:lpwstr>Kabinet</vt:lpwstr></property></Properties>"))
    assert fingerprint.fingerprint({**parts, "docProps/custom.xml": with_other}) != own
    renamed = parts["docProps/custom.xml"].replace(b"2019-2020/4", b"2019-2020/5")
    assert fingerprint.fingerprint({**parts, "docProps/custom.xml": renamed}) == own


def test_what_holds_no_record_and_what_is_no_zip():
    parts = finished()
    without = {name: data for name, data in parts.items() if name != "docProps/custom.xml"}
    assert fingerprint.read_recorded(opc.write_zip(without)) == fingerprint.Recorded({}, None)
    damaged = {**parts, "docProps/custom.xml": b"<Properties"}
    assert fingerprint.read_recorded(opc.write_zip(damaged)).properties == {}
    with pytest.raises(opc.NotAZip):
        fingerprint.read_recorded(b"not a zip")
