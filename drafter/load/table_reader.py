"""Reading a table of the register (its general form, or the budget's short form) into a TableSpec."""

from __future__ import annotations

import re
from dataclasses import replace

from drafter import places
from drafter.errors import shown
from drafter.i18n import N_, _
from drafter.load.fields import FieldReader
from drafter.load.keys import AXES, NOTE_STYLES, SCALES
from drafter.load.schema import (FIRST_YEAR, FIT_CHOICES, KINDS, LAST_YEAR, MAX_DECIMALS, NEGATIVE_STYLES,
                                 PLACEHOLDER_REASONS, SCALE_FACTORS, UNIT_KINDS, UNIT_SHOWN, house_dash)
from drafter.load.table_spec import BUDGET_KEYS, Axis, AxisItem, TableSpec, TextColumn, Total, Unit
from drafter.load.yamlfile import LineDict, LineList

#: The message for a value of an axis that is not a name, one whole sentence per axis.
_NOT_A_NAME = {"line": N_("{what}: {value} is not a line name"), "kind": N_("{what}: {value} is not a kind name")}
#: The message for a budget table without the values of an axis, one whole sentence per axis.
_SAY_WHICH = {"year": N_("{what}: say which years it shows ('years:')"),
              "line": N_("{what}: say which lines it shows ('lines:')"),
              "kind": N_("{what}: say which kinds it shows ('kinds:')")}


def _first_time(reader: FieldReader, seen: dict, key, line: int, what: str) -> bool:
    """Whether a value of a list (a year, kind, line, a value of rows) comes for the first time;
    a second one would repeat its row or column, so it is a problem at its line, naming the first."""
    if key in seen:
        reader.problem(line, _("{what}: {value} is listed twice").format(what=what, value=shown(key)),
                       _("Remove one of them.") if seen[key] == line
                       else _("The first is at line {line}; remove one of them.").format(line=seen[key]))
        return False
    seen[key] = line
    return True


def _year_keys(reader: FieldReader, spec: LineDict, what: str) -> list:
    value = spec.get("years")
    line = spec.line_of("years")
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}\s*-\s*\d{4}\s*", value):
        first, last = (int(x) for x in value.split("-"))
        if first <= last:
            return list(range(first, last + 1))
    elif isinstance(value, int) and not isinstance(value, bool):
        return [value]
    elif isinstance(value, list) and value:
        return list(value)
    reader.problem(line, _("{what}: 'years' must be a range such as 2014-2018 or a list of years, not {value}").format(
        what=what, value=shown(value)))
    return []


def _axis(reader: FieldReader, spec: LineDict, key: str, items, field_name: str, what: str) -> tuple[AxisItem, ...]:
    """Items of one axis: plain keys, or mappings {<field>: key, label: ..., notes: [...]}."""
    if items is None:
        return ()
    if not isinstance(items, list):
        items = [items]
    out, seen = [], {}
    for i, item in enumerate(items):
        line = items.line_of(i) if isinstance(items, LineList) else spec.line_of(key)
        notes: tuple[str, ...] = ()
        if isinstance(item, LineDict):
            if field_name not in item:
                reader.problem(line, _("{what}: an entry of '{key}' needs '{field}:'").format(
                    what=what, key=key, field=field_name))
                continue
            value, label = item[field_name], item.get("label")
            raw_notes = item.get("notes") or []
            notes = tuple(raw_notes if isinstance(raw_notes, list) else str(raw_notes).split())
        else:
            value, label = item, None
        if field_name == "year":
            if not isinstance(value, int) or isinstance(value, bool):
                reader.problem(line, _("{what}: {value} is not a year").format(what=what, value=shown(value)),
                               _("Write years as four digits, e.g. 2016."))
                continue
            if not FIRST_YEAR <= value <= LAST_YEAR:
                reader.problem(line, _("{what}: {value} is not a year a budget has ({first}-{last})").format(
                    what=what, value=value, first=FIRST_YEAR, last=LAST_YEAR),
                               _("Write the years the table shows, e.g. 2014-2018."))
                break
        elif not isinstance(value, str) or not value:
            reader.problem(line, _(_NOT_A_NAME[field_name]).format(what=what, value=shown(value)))
            continue
        elif field_name == "kind" and value.upper() in KINDS:
            value = value.upper()  # as in the data files, where 'vak' is VAK
        elif field_name == "kind":
            reader.problem(line, _("{what}: '{value}' is not a budget kind").format(what=what, value=value),
                           _("Use one of {choices}.").format(choices=", ".join(KINDS)))
            continue
        if _first_time(reader, seen, value, line, what):
            out.append(AxisItem(value, str(label) if label is not None else str(value), notes))
    return tuple(out)




def read_table_spec(reader: FieldReader, name: str, spec, line: int) -> TableSpec | None:
    what = places.named_table(name)
    if not isinstance(spec, LineDict):
        reader.problem(line, _("{what} must be a mapping with data, rows and columns (see the template guide)").format(
            what=what))
        return None
    before = len(reader.problems)
    reader.keys(spec, "table", what)
    if len(reader.problems) > before:
        return None
    budget = any(k in spec for k in BUDGET_KEYS) or _budget_groups(spec)
    table = _budget_table(reader, name, spec, what) if budget else _general_table(reader, name, spec, what)
    return None if len(reader.problems) > before else table


def _budget_groups(spec: LineDict) -> bool:
    groups = spec.get("groups")
    return isinstance(groups, list) and any(isinstance(g, dict) and "line" in g for g in groups)


def _notes(value) -> tuple[str, ...]:
    value = value or []
    return tuple(str(v) for v in value) if isinstance(value, list) else tuple(str(value).split())


def _as_key(value) -> str:
    """A value as the data holds it: a financial year with the house's dash, as the data is read."""
    return house_dash(str(value).strip())


def _keyed(items) -> tuple[AxisItem, ...]:
    return tuple(replace(i, key=_as_key(i.key)) for i in items)


def _common(reader: FieldReader, spec: LineDict, what: str) -> dict:
    """The options every table has, in either form."""
    decimals = spec.get("decimals", 0)
    column_decimals, row_decimals = {}, {}
    if isinstance(decimals, LineDict):
        column_decimals = {_as_key(k): v for k, v in (decimals.get("columns") or {}).items()}
        row_decimals = {_as_key(k): v for k, v in (decimals.get("rows") or {}).items()}
        decimals = decimals.get("default", 0)
    if not (decimals == "stated" or all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_DECIMALS
                                        for v in [decimals, *column_decimals.values(), *row_decimals.values()])):
        reader.problem(spec.line_of("decimals"), _("{what}: 'decimals' must be a whole number from 0 to {high}, "
                                                   "'stated' (as written in the data), or {{default: 0, columns: "
                                                   "{{VAK: 1}}, rows: {{2016: 3}}}}").format(what=what, high=MAX_DECIMALS))
        decimals = 0
    placeholders = {}
    raw = spec.get("placeholders")
    if raw is not None:
        if not isinstance(raw, LineDict):
            reader.problem(spec.line_of("placeholders"), _("{what}: 'placeholders' must map a reason to its text").format(
                what=what), _("For example {{nil: '—', not_applicable: n.v.t., empty: ''}}; the reasons: {reasons}.")
                .format(reasons=", ".join(PLACEHOLDER_REASONS)))
        else:
            for reason, text in raw.items():
                if reason not in PLACEHOLDER_REASONS or not isinstance(text, str):
                    reader.problem(raw.line_of(reason), _("{what}: placeholder '{reason}' is not a reason with a text")
                                   .format(what=what, reason=reason),
                                   _("The reasons are: {reasons}; each with a text ('' for empty).").format(
                                       reasons=", ".join(PLACEHOLDER_REASONS)))
                else:
                    placeholders[reason] = text
    missing = reader.get(spec, "missing", str, what, required=False)
    if missing is not None:
        placeholders.setdefault("not_applicable", missing)
    remarks = spec.get("remarks") or []
    if isinstance(remarks, str):
        remarks = [remarks]
    if not isinstance(remarks, list) or not all(isinstance(r, str) for r in remarks):
        reader.problem(spec.line_of("remarks"), _("{what}: 'remarks' must be a text or a list of texts ('Bron: ...')")
                       .format(what=what))
        remarks = []
    return dict(
        title=reader.get(spec, "title", str, what, required=False),
        title_notes=_notes(spec.get("title_notes")),
        corner=str(spec.get("corner") or ""),
        corner_notes=_notes(spec.get("corner_notes")),
        decimals=decimals, column_decimals=column_decimals, row_decimals=row_decimals,
        negative=reader.choice(spec, "negative", NEGATIVE_STYLES, what),
        placeholders=placeholders,
        remarks=tuple(" ".join(r.split()) for r in remarks),
        note_style=reader.choice(spec, "notes", NOTE_STYLES, what),
        fit=reader.choice(spec, "fit", FIT_CHOICES, what),
    )


def _budget_table(reader: FieldReader, name: str, spec: LineDict, what: str) -> TableSpec | None:
    """The budget's short form (line, years, kinds; rows and columns two of year, line and
    kind; groups of one line's kinds), read into the general form."""
    data = reader.get(spec, "data", str, what)
    years = _axis(reader, spec, "years", _year_keys(reader, spec, what) if "years" in spec else None, "year", what)
    groups = _groups(reader, spec, what) if "groups" in spec else ()
    if groups:
        if any(k in spec for k in ("line", "lines", "kinds", "rows", "columns")):
            reader.problem(spec.line_of("groups"), _("{what}: with 'groups', each group names its line and kinds, "
                                                     "and the years are the rows").format(what=what),
                           _("Leave out line, lines, kinds, rows and columns."))
        lines = tuple({g.key: AxisItem(g.key, g.key) for g in groups}.values())
        kinds = tuple({k.key: k for g in groups for k in g.columns}.values())
    else:
        lines_raw = spec.get("lines", spec.get("line"))
        lines = _axis(reader, spec, "lines" if "lines" in spec else "line", lines_raw, "line", what)
        kinds = _axis(reader, spec, "kinds", spec.get("kinds"), "kind", what)
    rows = reader.choice(spec, "rows", AXES, what, "year")
    columns = reader.choice(spec, "columns", AXES, what, "kind")
    for axis_name, items in (("year", years), ("line", lines), ("kind", kinds)):
        if not items:
            reader.problem(spec.line, _(_SAY_WHICH[axis_name]).format(what=what))
    by_axis = {"year": _keyed(years), "line": _keyed(lines), "kind": _keyed(kinds)}
    where = {}
    if rows == columns:
        reader.problem(spec.line_of("columns"), _("{what}: rows and columns must differ (both are {value})").format(
            what=what, value=shown(rows)))
    elif not groups:
        fixed = next(a for a in AXES if a not in (rows, columns))
        if len(by_axis[fixed]) > 1:
            # rows, columns and fixed are the register's words (rows: year): a translation may quote them
            reader.problem(spec.line, _("{what}: with {rows}s in rows and {columns}s in columns, it can show only one "
                                        "{fixed}").format(what=what, rows=rows, columns=columns, fixed=fixed),
                           _("Make a table per {fixed}, or choose other rows/columns.").format(fixed=fixed))
        where = {fixed: tuple(i.key for i in by_axis[fixed][:1])}
    total_raw = spec.get("total")
    total = None
    if isinstance(total_raw, LineDict):
        label = total_raw.get("label")
        if not isinstance(total_raw.get("line"), str):
            reader.problem(spec.line_of("total"), _("{what}: 'total' must be 'computed' or {{line: <budget line>, "
                                                    "label: ...}}").format(what=what))
        else:
            total = Total(total_raw["line"], str(label) if label is not None else None, _notes(total_raw.get("notes")), "line")
    elif total_raw == "computed":
        total = Total(None)
    elif total_raw is not None:
        reader.problem(spec.line_of("total"), _("{what}: 'total' must be 'computed' or {{line: <budget line>, "
                                                "label: ...}}").format(what=what))
    if groups and total is not None and total.stated is not None:
        reader.problem(spec.line_of("total"), _("{what}: a table with groups can only have 'total: computed'").format(
            what=what))
    unit = reader.choice(spec, "unit", SCALES, what, "euro")
    common = _common(reader, spec, what)
    if groups:
        return TableSpec(name=name, data=data, rows=Axis("year", by_axis["year"]),
                         columns=Axis("kind", by_axis["kind"]), line=spec.line,
                         groups=Axis("line", tuple(replace(g, columns=_keyed(g.columns)) for g in groups)),
                         unit=Unit(scale=unit if unit != "euro" else "units", legacy=unit,
                                   show="caption" if spec.get("show_unit", True) else "none"),
                         total=total, budget=True, **common)
    return TableSpec(name=name, data=data, rows=Axis(rows, by_axis[rows]) if rows else Axis("year"),
                     columns=Axis(columns, by_axis[columns]) if columns else Axis("kind"), line=spec.line,
                     where=where, unit=Unit(scale=unit if unit != "euro" else "units", legacy=unit,
                                            show="caption" if spec.get("show_unit", True) else "none"),
                     total=total, budget=True, **common)


def _groups(reader: FieldReader, spec: LineDict, what: str) -> tuple[AxisItem, ...]:
    """The budget's column groups: each one line's kinds, under a header that spans them."""
    raw = spec.get("groups")
    if not isinstance(raw, LineList) or not raw:
        reader.problem(spec.line_of("groups"), _("{what}: 'groups' must be a list of groups, each with a label, "
                                                 "a line and its kinds").format(what=what))
        return ()
    out, seen = [], {}
    for i, group in enumerate(raw):
        if not isinstance(group, LineDict) or not isinstance(group.get("line"), str) or "kinds" not in group:
            reader.problem(raw.line_of(i), _("{what}: a group needs 'line:' and 'kinds:' (and a 'label:')").format(
                what=what))
            continue
        kinds = _axis(reader, group, "kinds", group["kinds"], "kind", what)
        if not _first_time(reader, seen, group["line"], raw.line_of(i), what):
            continue
        out.append(AxisItem(group["line"], str(group.get("label", group["line"])), _notes(group.get("notes")),
                            columns=kinds))
    return tuple(out)


def _values(reader: FieldReader, raw, line: int, what: str, key_name: str, *, groups: bool = False) -> tuple[AxisItem, ...]:
    """The values of an axis, in order: plain values, or {value: ..., label: ..., notes: [...]}."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raw = [raw]
    out, seen = [], {}
    for i, item in enumerate(raw):
        at = raw.line_of(i) if isinstance(raw, LineList) else line
        if isinstance(item, LineDict):
            if key_name not in item or isinstance(item[key_name], (dict, list)) or item[key_name] is None:
                reader.problem(at, _("{what}: a value written as a mapping needs '{key}:'").format(what=what, key=key_name))
                continue
            decimals = item.get("decimals")
            if decimals is not None and not (isinstance(decimals, int) and 0 <= decimals <= MAX_DECIMALS):
                reader.problem(item.line_of("decimals"), _("{what}: 'decimals' must be a whole number from 0 to {high}")
                               .format(what=what, high=MAX_DECIMALS))
                decimals = None
            columns = ()
            if "columns" in item:
                if not groups:
                    reader.problem(item.line_of("columns"), _("{what}: only a column group has its own 'columns:'").format(
                        what=what))
                columns = _values(reader, item["columns"], item.line_of("columns"), what, "value")
            key = _as_key(item[key_name])
            label = item.get("label")
            summed = item.get("sum", True)
            if not isinstance(summed, bool):
                reader.problem(item.line_of("sum"), _("{what}: 'sum' must be true or false, not {value}").format(
                    what=what, value=repr(summed)),
                               _("Write 'sum: false' for a column whose figures are not added up (percentages)."))
                summed = True
            if not _first_time(reader, seen, key, at, what):
                continue
            out.append(AxisItem(key, str(label) if label is not None else key, _notes(item.get("notes")),
                                columns=columns, decimals=decimals, summed=summed))
        elif isinstance(item, (str, int, float)) and not isinstance(item, bool):
            if _first_time(reader, seen, _as_key(item), at, what):
                out.append(AxisItem(_as_key(item), _as_key(item)))
        else:
            reader.problem(at, _("{what}: {value} is not a value").format(what=what, value=shown(item)),
                           _("Write the value as the data has it, or {{{key}: ..., label: ...}}.").format(key=key_name))
    return tuple(out)


def _general_axis(reader: FieldReader, spec: LineDict, key: str, what: str) -> Axis | None:
    """rows: / columns: / groups: as a dimension name, {dimension: ..., values: [...]}, or
    {measures: [...]} (one per column or row); rows may add within: (a dimension of sections)."""
    raw = spec.get(key)
    at = spec.line_of(key)
    if isinstance(raw, str) and raw:
        return Axis(raw)
    if isinstance(raw, LineDict):
        if "measures" in raw:
            if "dimension" in raw:
                reader.problem(at, _("{what}: '{key}' takes 'dimension' or 'measures', not both").format(what=what, key=key))
            items = _values(reader, raw["measures"], raw.line_of("measures"), what, "measure")
            if not items:
                reader.problem(raw.line_of("measures"), _("{what}: say which measures '{key}' shows").format(
                    what=what, key=key),
                               _("List the data's columns of figures, e.g. {key}: {{measures: [plan, outturn]}} or "
                                 "{key}: {{measures: [{{measure: plan, label: Plan}}]}}.").format(key=key))
            return Axis(None, items)
        dimension = raw.get("dimension")
        if not isinstance(dimension, str) or not dimension:
            reader.problem(at, _("{what}: '{key}' needs 'dimension:' (a column of the data) or 'measures:'").format(
                what=what, key=key))
            return None
        within, within_items = raw.get("within"), ()
        if within is not None:
            if key != "rows":
                reader.problem(raw.line_of("within"), _("{what}: only rows can be nested ('within:')").format(what=what))
            if isinstance(within, LineDict):
                within_items = _values(reader, within.get("values"), within.line_of("values"), what, "value")
                within = within.get("dimension")
            if not isinstance(within, str) or not within:
                reader.problem(raw.line_of("within"), _("{what}: 'within' names the dimension of the sections").format(
                    what=what))
                within = None
        return Axis(dimension, _values(reader, raw.get("values"), raw.line_of("values"), what, "value",
                                       groups=key == "groups"), within, within_items)
    reader.problem(at, _("{what}: '{key}' must name a dimension (a column of the data), or be "
                         "{{dimension: ..., values: [...]}} or {{measures: [...]}}").format(what=what, key=key))
    return None


def _total(reader: FieldReader, spec: LineDict, key: str, what: str) -> Total | None:
    raw = spec.get(key)
    if raw is None:
        return None
    if raw == "computed":
        return Total(None)
    if isinstance(raw, LineDict):
        unknown = [k for k in raw if k not in ("computed", "value", "label", "notes", "dimension", "at")]
        if unknown or ("value" in raw) == bool(raw.get("computed")):
            reader.problem(spec.line_of(key), _("{what}: '{key}' must be 'computed', {{computed: true, label: ...}} or "
                                                "{{value: <the value in the data that states the total>, label: ...}}")
                           .format(what=what, key=key))
            return None
        label = raw.get("label")
        at = raw.get("at", "below")
        if at not in ("below", "heading") or (at == "heading" and key != "total"):
            reader.problem(raw.line_of("at"), _("{what}: '{key}' can stand 'at: below' (its own row) or, for the "
                                                "sections of nested rows, 'at: heading', not {value}").format(
                what=what, key=key, value=repr(at)),
                           _("With rows: {dimension: ..., within: ...}, 'total: {value: Total, at: heading}' prints "
                             "each section's total on its heading row."))
            at = "below"
        return Total(_as_key(raw["value"]) if "value" in raw else None, str(label) if label is not None else None,
                     _notes(raw.get("notes")), raw.get("dimension"), at)
    reader.problem(spec.line_of(key), _("{what}: '{key}' must be 'computed' or {{value: <stated total>, label: ...}}")
                   .format(what=what, key=key))
    return None


def _unit(reader: FieldReader, spec: LineDict, what: str) -> Unit:
    raw = spec.get("unit")
    if raw is None:
        return Unit(kind="count", show="none")
    if isinstance(raw, str):
        raw = LineDict({"scale": raw} if raw in SCALE_FACTORS else {"kind": raw})
        raw.line, raw.lines = spec.line_of("unit"), {}
    if not isinstance(raw, LineDict):
        reader.problem(spec.line_of("unit"), _("{what}: 'unit' must be a scale, a kind, or {{currency: GBP, scale: "
                                               "million}}").format(what=what))
        return Unit()
    kind = raw.get("kind", "money" if ("currency" in raw or "scale" in raw) else "count")
    if kind not in UNIT_KINDS:
        reader.problem(raw.line_of("kind"), _("{what}: unit '{kind}' is not one drafter knows").format(what=what, kind=kind),
                       _("Use one of {choices}, or a currency: {{currency: GBP, scale: million}}.").format(
                           choices=", ".join(UNIT_KINDS)))
        kind = "count"
    currency = str(raw.get("currency", "EUR")).upper()
    from babel.numbers import is_currency
    if not is_currency(currency):
        reader.problem(raw.line_of("currency"), _("{what}: '{currency}' is not a currency code").format(
            what=what, currency=raw.get("currency")), _("Write the ISO code of the currency, such as EUR, GBP or USD."))
        currency = "EUR"
    scale = raw.get("scale", "units")
    if scale not in SCALE_FACTORS:
        reader.problem(raw.line_of("scale"), _("{what}: scale {value} is not one drafter knows").format(
            what=what, value=shown(scale)), _("Use one of {choices}.").format(
                choices=", ".join(k for k in SCALE_FACTORS if k != "euro")))
        scale = "units"
    show = raw.get("show", "none" if kind == "count" else ("cells" if kind == "percent" else "caption"))
    if show not in UNIT_SHOWN:
        reader.problem(raw.line_of("show"), _("{what}: 'show' must be one of {choices}, not {value}").format(
            what=what, choices=", ".join(UNIT_SHOWN), value=shown(show)))
        show = "caption"
    if "show_unit" in spec and not spec["show_unit"]:
        show = "none"
    data_scale = raw.get("data_scale", "units")
    if data_scale not in SCALE_FACTORS:
        reader.problem(raw.line_of("data_scale"), _("{what}: data_scale {value} is not a scale drafter knows").format(
            what=what, value=shown(data_scale)), _("Use one of {choices}.").format(
                choices=", ".join(k for k in SCALE_FACTORS if k != "euro")))
        data_scale = "units"
    text = raw.get("text")
    if text is not None and show in ("cells", "rows", "none"):
        # the cells' and rows' units are written from the currency and kind, and 'none' shows none:
        # a text of its own would be left out without a word
        reader.problem(raw.line_of("text"), _("{what}: the unit's 'text' is shown only with show: caption, "
                                              "line, corner, header or above, not with show: {show}").format(
            what=what, show=show), _("Choose where the text stands (e.g. show: above), or leave 'text' out."))
    return Unit(kind=kind, currency=currency, scale="units" if scale == "euro" else scale, show=show,
                data_scale="units" if data_scale == "euro" else data_scale, text=str(text) if text is not None else None)


#: A total over a dimension its axis does not show: the message and the hint, whole sentences
#: for the rows and for the columns (and for an axis of measures).
_NOT_ITS_AXIS = {"total": N_("{what}: the '{key}' is over '{dimension}', which the table does not show as its rows"),
                 "column_total": N_("{what}: the '{key}' is over '{dimension}', which the table does not show as its "
                                    "columns")}
_TOTAL_ITS_AXIS = {
    ("total", True): N_("Total the dimension of the rows ({shown}), or show '{dimension}' there."),
    ("total", False): N_("Total the dimension of the rows (the measures), or show '{dimension}' there."),
    ("column_total", True): N_("Total the dimension of the columns ({shown}), or show '{dimension}' there."),
    ("column_total", False): N_("Total the dimension of the columns (the measures), or show '{dimension}' there."),
}


def _general_table(reader: FieldReader, name: str, spec: LineDict, what: str) -> TableSpec | None:
    data = reader.get(spec, "data", str, what)
    rows = _general_axis(reader, spec, "rows", what) if "rows" in spec else None
    columns = _general_axis(reader, spec, "columns", what) if "columns" in spec else None
    text_only = "columns" not in spec and "groups" not in spec and bool(spec.get("text_columns"))
    if text_only:  # a table of text columns only (dates, names): no columns of figures
        columns = Axis(None)
    if "rows" not in spec or ("columns" not in spec and not text_only):
        reader.problem(spec.line, _("{what}: say what makes its rows and its columns ('rows:' and 'columns:')").format(
            what=what), _("Name a dimension (a column of the data) for each, e.g. rows: department, columns: year."))
    groups = _general_axis(reader, spec, "groups", what) if "groups" in spec else None
    if rows is None or columns is None:
        return None
    axes = [a for a in (rows, columns, groups) if a is not None]
    dims = [a.dimension for a in axes if a.dimension is not None] + ([rows.within] if rows.within else [])
    if len(dims) != len(set(dims)):
        reader.problem(spec.line, _("{what}: rows, columns and groups must each show another dimension").format(
            what=what))
    if sum(a.measures for a in axes) > 1:
        reader.problem(spec.line, _("{what}: only one of rows, columns and groups can show the measures").format(
            what=what))
    where = {}
    raw_where = spec.get("where")
    if raw_where is not None:
        if not isinstance(raw_where, LineDict):
            reader.problem(spec.line_of("where"), _("{what}: 'where' must map dimensions to values: {{type: resource}}")
                           .format(what=what))
        else:
            for dim, value in raw_where.items():
                values = value if isinstance(value, list) else [value]
                where[str(dim)] = tuple(_as_key(v) for v in values)
                if str(dim) in dims:
                    reader.problem(raw_where.line_of(dim), _("{what}: '{dimension}' is shown in the table, so 'where' "
                                                             "cannot filter it").format(what=what, dimension=dim),
                                   _("Choose its values in the axis: {{dimension: {dimension}, values: [...]}}.").format(
                                       dimension=dim))
    measure = reader.get(spec, "measure", str, what, required=False)
    if measure is not None and any(a.measures for a in axes):
        reader.problem(spec.line_of("measure"), _("{what}: 'measure' and an axis of measures cannot go together").format(
            what=what), _("Leave out 'measure:' (the axis names the measures)."))
    text_columns = []
    raw_text = spec.get("text_columns") or []
    for i, item in enumerate(raw_text if isinstance(raw_text, list) else [raw_text]):
        if isinstance(item, str):
            text_columns.append(TextColumn(item, item))
        elif isinstance(item, LineDict) and isinstance(item.get("column"), str):
            text_columns.append(TextColumn(item["column"], str(item.get("label", item["column"])), _notes(item.get("notes"))))
        else:
            reader.problem(spec.line_of("text_columns"), _("{what}: a text column is a column of the data, "
                                                           "or {{column: ..., label: ...}}").format(what=what))
    total = _total(reader, spec, "total", what)
    column_total = _total(reader, spec, "column_total", what)
    grand_total = _total(reader, spec, "grand_total", what)
    if grand_total is not None and (grand_total.stated is not None or not rows.within):
        reader.problem(spec.line_of("grand_total"), _("{what}: 'grand_total' is the computed sum of nested rows").format(
            what=what), _("Write 'grand_total: computed' (or {computed: true, label: ...}) in a table with "
                          "rows: {dimension: ..., within: ...}; for other tables use 'total:'."))
        grand_total = None
    if total is not None and total.at == "heading" and not rows.within:
        reader.problem(spec.line_of("total"), _("{what}: 'at: heading' puts each section's total on its heading "
                                                "row, which needs nested rows").format(what=what),
                       _("Nest the rows (rows: {dimension: item, within: section}), or leave 'at' out."))
    for t, axis, key in ((total, rows, "total"), (column_total, columns, "column_total")):
        if t is not None and t.dimension is not None and t.dimension != axis.dimension:
            reader.problem(spec.line_of(key), _(_NOT_ITS_AXIS[key]).format(what=what, key=key, dimension=t.dimension),
                           _(_TOTAL_ITS_AXIS[key, axis.dimension is not None]).format(
                               shown=axis.dimension, dimension=t.dimension))
    return TableSpec(name=name, data=data, rows=rows, columns=columns, line=spec.line, groups=groups,
                     where=where, measure=measure, text_columns=tuple(text_columns), unit=_unit(reader, spec, what),
                     total=total, column_total=column_total, grand_total=grand_total, **_common(reader, spec, what))


