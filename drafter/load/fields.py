"""Reading the fields of a YAML mapping as the register's declaration of keys says
(load/keys.py: what each key holds, whether it is required), each problem noted at its line:
the line the YAML reader gave the value (yamlfile.LineDict), never one read back out of a
message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafter.errors import Problem, display_path, shown
from drafter import places
from drafter.i18n import N_, _
from drafter.load import keys as declared
from drafter.load.keys import shape
from drafter.load.yamlfile import LineDict

#: The message for a value of the wrong kind, one whole sentence per kind it must be.
_EXPECTED = {str: N_("{what}: '{key}' must be a text, not {value}"),
             int: N_("{what}: '{key}' must be a whole number, not {value}"),
             dict: N_("{what}: '{key}' must be a mapping (key: value lines), not {value}"),
             list: N_("{what}: '{key}' must be a list, not {value}")}
#: The Python type a value of each declared kind has (a text may be written as a number: 2019).
_TYPES = {declared.TEXT: str, declared.INTEGER: int, declared.SHAPE: dict, declared.MAP: dict, declared.LIST: list}


class FieldReader:
    """Reads fields of the YAML mappings of one file, noting every problem with its line."""

    def __init__(self, path: Path, day_first: bool = True) -> None:
        self.file = display_path(path)
        self.problems: list[Problem] = []
        self.day_first = day_first  # dates written 28/04/2026 put the day first (the register's locale)

    def problem(self, line: int, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(message, file=self.file, place=places.line(line), hint=hint))

    def keys(self, mapping, shape_name: str, what: str | None = None) -> None:
        """An unknown key (a typo such as 'afetr:') is an error: what it holds would be lost;
        and a yes/no key holds true or false."""
        if isinstance(mapping, LineDict):
            self.problems.extend(shape(shape_name).check(mapping, self.file, what))

    def field(self, mapping: LineDict, shape_name: str, key: str, what: str, *, required: bool | None = None):
        """The value of a declared key, as its declaration says: of its kind, one of its choices,
        present when required (`required`: when the question it belongs to says otherwise).
        A missing or wrong value is a problem at its line, and gives None."""
        spec = next(k for k in shape(shape_name).keys if k.name == key)
        required = spec.required if required is None else required
        if spec.kind == declared.TEXTS:
            return self.texts(mapping, key, what, required=required)
        if spec.kind == declared.CHOICE:
            return self.choice(mapping, key, spec.choices, what)
        if spec.kind == declared.DATE:
            label = _("{what}: '{key}'").format(what=what, key=key)
            value = self.day(mapping.get(key), mapping.line_of(key), label)
            if value is not None and not isinstance(value, dt.date):
                self.problem(mapping.line_of(key), _(spec.expected).format(what=what, key=key, value=shown(value)))
                return None
            if value is not None and not self.date_ok(value, mapping.line_of(key), label):
                return None
            return value
        value = self.get(mapping, key, _TYPES[spec.kind], what, required=required,
                         hint=self._instead(shape_name, spec, mapping.get(key)))
        if spec.bounds is not None and value is not None and not spec.bounds[0] <= value <= spec.bounds[1]:
            low, high = spec.bounds
            self.problem(mapping.line_of(key), _("{what}: '{key}' must be a whole number from {low} to {high}, not "
                                                 "{value}").format(what=what, key=key, low=low, high=high, value=value),
                         _("Correct the number there."))
            return None
        return value

    def day(self, value, line: int, what: str):
        """value, a date written as people write it (28/04/2026, 28 april 2026) read as a date;
        one that is written as a date but names no day (31/02/2026) is a problem, and gives None."""
        from drafter.load.dates import looks_like_date, parse_date

        if not isinstance(value, str) or not looks_like_date(value):
            return value
        try:
            return parse_date(value, self.day_first)
        except ValueError as exc:
            self.problem(line, _("{what}: {reason}").format(what=what, reason=exc),
                         _("Write the date as 28/04/2026, 28 april 2026 or 2026-04-28."))
            return None

    def date_ok(self, value: dt.date, line: int, what: str) -> bool:
        """Whether a date from YAML is a day (not a moment: 2019-10-07 10:30) in DATE_YEARS; else
        a problem at its line."""
        low, high = declared.DATE_YEARS
        if isinstance(value, dt.datetime):
            self.problem(line, _("{what} must be a day, without a time of day, not {value}").format(
                what=what, value=value.isoformat(sep=" ")), _("Write it as YYYY-MM-DD, e.g. 2019-10-07."))
            return False
        if not low <= value.year <= high:
            self.problem(line, _("{what} must be a date in the years {low} to {high}, not {value}").format(
                what=what, value=value.isoformat(), low=low, high=high), _("Correct the year there."))
            return False
        return True

    @staticmethod
    def _instead(shape_name: str, spec, value) -> str | None:
        """What to write instead of a mapping or a list where one text belongs: the key beside it
        that takes more (asker -> askers), or one text."""
        if spec.kind != declared.TEXT or not isinstance(value, (dict, list)):
            return None
        other = next((k.name for k in shape(shape_name).keys if k.name == spec.name + "s"), None)
        if other == "askers":
            example = "askers: [{" + ", ".join(f"{k}: ..." for k in declared.PARTS["asker"].names[:2]) + "}]"
            return _("'{key}' takes one name; for a name with a party or a title, or for several people, write "
                     "{example} instead.").format(key=spec.name, example=example)
        if other is not None:
            return _("'{key}' takes one text; to give more, use '{other}:' instead.").format(key=spec.name,
                                                                                           other=other)
        return _("Write one text there.")

    def get(self, mapping: LineDict, key: str, kind, what: str, *, required: bool = True, default=None,
            hint: str | None = None):
        """The value of `key`, of the type `kind` (or one of a tuple of types); `hint`: what to
        write instead of a value of another kind."""
        if key not in mapping or mapping[key] is None:
            if required:
                self.problem(mapping.line, _("{what}: the field '{key}' is missing").format(what=what, key=key),
                             _("Add '{key}:' there.").format(key=key))
            return default
        value = mapping[key]
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            message = _EXPECTED.get(kind if not isinstance(kind, tuple) else kind[0],
                                    N_("{what}: '{key}' must be another kind of value, not {value}"))
            self.problem(mapping.line_of(key), _(message).format(what=what, key=key, value=shown(value)), hint)
            return default
        return value

    def texts(self, mapping: LineDict, key: str, what: str, *, required: bool = False) -> tuple[str, ...]:
        """A text or a list of texts (paragraphs); a blank line inside a text starts a paragraph."""
        value = self.get(mapping, key, (str, list), what, required=required)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        out: list[str] = []
        for item in items:
            if not isinstance(item, str):
                self.problem(mapping.line_of(key), _("{what}: every paragraph of '{key}' must be a text").format(
                    what=what, key=key))
                continue
            out.extend(p.strip() for p in item.split("\n") if p.strip())
        return tuple(out)

    def choice(self, mapping: LineDict, key: str, allowed, what: str, default=None):
        """The value of `key` if it is one of `allowed` (None: any), else `default`."""
        value = mapping.get(key, default)
        if value is not None and allowed is not None and value not in allowed:
            self.problem(mapping.line_of(key), _("{what}: '{key}' must be one of {choices}, not {value}").format(
                what=what, key=key, choices=", ".join(allowed), value=shown(value)))
            return default
        return value
