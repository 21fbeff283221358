"""The register's keys are declared once (drafter/load/keys.py): the loader refuses unknown
keys from that declaration, and the published JSON Schema is generated from it."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from drafter.load import keys

from . import breakage as b
from .conftest import ROOT


def _as_json(value):
    """The register as an editor's YAML extension sees it: keys are text, dates are text."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator():
    schema = json.loads(keys.SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_published_schema_is_generated_from_the_declaration():
    assert keys.SCHEMA_FILE.read_text(encoding="utf-8") == keys.schema_text(), (
        "drafter/register.schema.json is out of date: run `python -m drafter.load.keys`")


def test_the_example_register_is_valid_against_the_schema():
    register = yaml.safe_load((ROOT / "data" / "questions.yaml").read_text(encoding="utf-8"))
    errors = [e.message for e in _validator().iter_errors(_as_json(register))]
    assert errors == []


@pytest.mark.parametrize("old, new, found", [
    ("          after: De definitieve", "          afetr: De definitieve", "'afetr' was unexpected"),
    ("    introduction:", "    introducton:", "'introducton' was unexpected"),
    ("note_style: footnotes", "note_style: voetnoten", "'voetnoten' is not one of"),
])
def test_the_schema_refuses_what_the_loader_refuses(project, old, new, found):
    b.replace_in(project, b.REGISTER, old, new)
    register = yaml.safe_load((project / b.REGISTER).read_text(encoding="utf-8"))
    errors = [e.message for e in _validator().iter_errors(_as_json(register))]
    assert any(found in e for e in errors), errors


def test_the_schema_ships_with_the_package():
    assert keys.SCHEMA_FILE.parent.name == "drafter" and keys.SCHEMA_FILE.is_file()
    import fnmatch
    import tomllib

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["drafter"]
    assert any(fnmatch.fnmatch(keys.SCHEMA_FILE.name, g) for g in globs), globs


def test_yaml_1_1_booleans_are_text_where_text_is_expected(project):
    """`asker: No` is a person (Ms No), not false; `title: Off` a title."""
    from drafter.load.register import load_register

    b.replace_in(project, b.REGISTER, "    asker: N.N.", "    asker: No")
    b.replace_in(project, b.REGISTER, "    title: Bedrijfsclusters - Subsidies", "    title: Off")
    question = load_register(project / b.REGISTER).find(4)
    assert (question.asker, question.title) == ("No", "Off")


def test_every_table_key_is_declared_with_its_meaning():
    """The table keys are listed once (schema.TABLE_KEYS); the register's declaration and its
    JSON Schema take them from there, each with what it holds."""
    from drafter.load.schema import TABLE_KEYS

    assert keys.shape("table").names == TABLE_KEYS
    assert all(k.meaning for k in keys.shape("table").keys)
