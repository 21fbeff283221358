"""The catalogs: every message of the code has its Dutch translation, the translations keep
the placeholders, and Click's words listed for the catalog are still Click's."""

from __future__ import annotations

import importlib.util
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from drafter import i18n
from drafter.commands import click_words

ROOT = Path(__file__).resolve().parents[2]


def _tools():
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "tools" / "catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogs = _tools()


def _placeholders(text: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:  # a text never formatted (a lone '{' in it): its braces as they are
        return {c for c in text if c in "{}"}


def test_every_message_of_the_code_has_a_dutch_translation():
    assert catalogs.untranslated("nl") == []


def test_the_check_fails_on_a_message_without_dutch(tmp_path, monkeypatch):
    """What CI runs (tools/catalogs.py check) exits 1 and names the message."""
    package = tmp_path / "drafter"
    package.mkdir()
    (package / "new.py").write_text('from drafter.i18n import _\n_("a message nobody translated")\n')
    monkeypatch.setattr(catalogs, "ROOT", tmp_path)
    (tmp_path / "babel.cfg").write_text((ROOT / "babel.cfg").read_text())
    assert catalogs.untranslated("nl") == ["a message nobody translated"]
    assert catalogs.main(["check"]) == 1
    checked = subprocess.run([sys.executable, str(ROOT / "tools" / "catalogs.py"), "check"], cwd=ROOT,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout  # the real code: complete


def test_the_template_holds_every_message_of_the_code():
    """drafter.pot is up to date: `python tools/catalogs.py update` was run after the last new message."""
    from babel.messages.pofile import read_po

    with catalogs.TEMPLATE.open("rb") as stream:
        template = {m.id for m in read_po(stream) if m.id}
    assert {m.id for m in catalogs.extract() if m.id} == template


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_translations_keep_the_placeholders(language):
    for message in catalogs.read(language):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text:
                assert _placeholders(text) <= set().union(*map(_placeholders, ids)), (message.id, text)
        assert _placeholders(strings[0]) == _placeholders(ids[0]) or len(ids) > 1, (message.id, strings[0])


def test_a_checkout_reads_the_po_when_there_is_no_compiled_catalog():
    with i18n.speaking("nl"):
        assert i18n._("Usage:") == "Gebruik:"
        assert i18n.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1) == \
            "Bedoelt u {possibility}?"
    assert i18n._("Usage:") == "Usage:"  # after the block, English again


def test_a_compiled_catalog_is_read_and_a_stale_one_is_not(tmp_path, monkeypatch):
    folder = tmp_path / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "drafter.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "Usage:"\nmsgstr "Gebruik:"\n',
                  encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", tmp_path)
    [mo] = catalogs.compile_catalogs(tmp_path)
    assert i18n.translation("nl_BE").gettext("Usage:") == "Gebruik:"
    po.write_text(po.read_text(encoding="utf-8").replace("Gebruik:", "Gebruik (nieuw):"), encoding="utf-8")
    import os

    os.utime(mo, (0, 0))  # the .mo is older than the .po: the .po is read
    assert i18n.translation("nl").gettext("Usage:") == "Gebruik (nieuw):"


def test_the_click_words_of_the_catalog_are_those_click_and_typer_use():
    """Each word listed for the catalog is still written so in Click's or Typer's source (a
    new Click that words it otherwise fails here, not silently in English)."""
    sources = ""
    for name in (*click_words.MODULES, "typer._click.exceptions", "typer._click.core", "typer._click.decorators"):
        spec = importlib.util.find_spec(name) if importlib.util.find_spec(name.split(".")[0]) else None
        if spec is not None and spec.origin:
            sources += Path(spec.origin).read_text(encoding="utf-8")
    for word in click_words.WORDS:
        for text in (word,) if isinstance(word, str) else word:
            for fragment in re.split(r"\{[^}]*\}", text):
                assert fragment.strip(" .()") in sources, (text, fragment)
