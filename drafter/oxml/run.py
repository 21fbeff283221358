"""Runs (w:r) and their texts (w:t): cutting a run where drafter's marks stand in its text,
styling a run, writing a plain text as runs."""

from __future__ import annotations

import copy
import re

from lxml import etree

from drafter.oxml import XML, Element, qn

R, RPR, RSTYLE, T, TAB, BR, VERTALIGN = (qn(t) for t in ("w:r", "w:rPr", "w:rStyle", "w:t", "w:tab", "w:br",
                                                       "w:vertAlign"))
_VAL = qn("w:val")
_SPACE = f"{{{XML}}}space"
_PRESERVE = {_SPACE: "preserve"}
#: Places Word allows no note in: a text box.
NO_NOTES_INSIDE = frozenset({qn("w:txbxContent")})
_CONTROL = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x0b]")


def texts_holding(root: Element, character: str) -> list[Element]:
    """The w:t under root (or root itself) whose text holds ``character``, in document order."""
    return [t for t in root.iter(T) if t.text and character in t.text]


def new_text(text: str) -> Element:
    """A w:t, its spaces kept (xml:space) when it starts or ends with one."""
    t = etree.Element(T)
    t.text = text
    if text != text.strip():
        t.set(_SPACE, "preserve")
    return t


def style(run: Element, style_id: str) -> Element:
    """Give a run without properties a character style (w:rPr/w:rStyle); returns the run."""
    etree.SubElement(etree.SubElement(run, RPR), RSTYLE).set(_VAL, style_id)
    return run


def styled_text(run: Element, style_id: str, text: str) -> None:
    """Turn an empty run into text in a character style (a raised note call)."""
    style(run, style_id).append(new_text(text))


def text_runs(text: str) -> list[Element]:
    """A plain text as runs: a line break becomes w:br, a tab w:tab; control characters go."""
    run = etree.Element(R)
    for i, line in enumerate(_LINE_BREAK.split(_CONTROL.sub("", text))):
        if i:
            etree.SubElement(run, BR)
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(run, TAB)
            if piece:
                run.append(new_text(piece))
    return [run]


def _notes_allowed(t: Element) -> bool:
    run = t.getparent()
    if run is None or run.tag != R:
        return False
    return not any(a.tag in NO_NOTES_INSIDE for a in run.iterancestors())


def split_at(root: Element, pattern: re.Pattern, needle: str) -> list[tuple[Element, str]]:
    """Cut every run whose text holds a match of ``pattern`` (a token drafter wrote) there,
    keeping the run's properties on each piece, and put an empty run at each match (spaces
    just before it go: a note call follows its word). Returns those runs, in document order,
    with the match's group 1. Matches where Word allows no note (a text box, outside a run)
    are left as they are. needle: a character every match holds (the token's first)."""
    found: list[tuple[Element, str]] = []
    for t in texts_holding(root, needle):
        text = t.text or ""
        if not pattern.search(text) or not _notes_allowed(t):
            continue
        run = t.getparent()
        rpr = run.find(RPR)
        content = [c for c in run if c is not rpr]
        at = content.index(t)
        pieces = pattern.split(text)  # text, group, text, group, ..., text

        def piece_run(children: list[Element]) -> Element | None:
            if not children:
                return None
            new = etree.Element(R, attrib=dict(run.attrib))
            if rpr is not None:
                new.append(copy.deepcopy(rpr))
            new.extend(children)
            return new

        new_runs: list[Element] = []
        pending = content[:at]
        for i in range(0, len(pieces) - 1, 2):
            before = pieces[i].rstrip(" ")
            if before:
                pending.append(new_text(before))
            r = piece_run(pending)
            if r is not None:
                new_runs.append(r)
            pending = []
            marker = etree.Element(R)
            new_runs.append(marker)
            found.append((marker, pieces[i + 1]))
        if pieces[-1]:
            pending.append(new_text(pieces[-1]))
        r = piece_run(pending + content[at + 1:])
        if r is not None:
            new_runs.append(r)
        _replace(run, new_runs)
    return found


def _replace(run: Element, runs: list[Element]) -> None:
    parent = run.getparent()
    index = parent.index(run)
    parent.remove(run)
    for offset, r in enumerate(runs):
        parent.insert(index + offset, r)


def cut_at_marks(t: Element, mark: re.Pattern, strip: re.Pattern) -> list[tuple[str, Element]]:
    """Cut the run of ``t`` at each match of ``mark`` (groups: what it names, the text shown):
    each match's text gets a run of its own with the run's properties, and loses the
    characters ``strip`` matches. Returns (group 1, its run) in order. A w:t outside a run
    only loses its marks."""
    run = t.getparent()
    text = t.text or ""
    if run is None or run.tag != R:
        t.text = strip.sub("", mark.sub(lambda m: m.group(2), text))
        return []
    whole = mark.fullmatch(text)
    if whole is not None and _alone_in_run(run, t):
        # the run shows the match and nothing else (a table cell): it is the match's run already
        # (cut, it would give a run of the same properties and text, which the mark's group 2
        # holds without the strip characters)
        t.text = whole.group(2)
        if t.get(_SPACE) != "preserve":
            t.set(_SPACE, "preserve")
        if t.tail is not None or run.tail is not None:
            t.tail = run.tail = None
        return [(whole.group(1), run)]
    rpr = run.find(RPR)
    content = [c for c in run if c is not rpr]
    at = content.index(t)
    pieces = mark.split(text)  # text, group 1, shown, text, group 1, shown, ..., text
    parent = run.getparent()
    attrib = dict(run.attrib)

    def new_run(before, value: str | None, after=()) -> Element:
        """A run of the same properties: the elements before, a text of value, the elements after."""
        r = etree.SubElement(parent, R, attrib)  # made in the run's document, then put in place
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        if before:
            r.extend(before)
        if value is not None:
            etree.SubElement(r, T, _PRESERVE).text = strip.sub("", value)
        if after:
            r.extend(after)
        return r

    runs, found, before = [], [], content[:at]
    for i in range(0, len(pieces) - 1, 3):
        if before or pieces[i]:
            runs.append(new_run(before, pieces[i] or None))
        match_run = new_run((), pieces[i + 2])
        runs.append(match_run)
        found.append((pieces[i + 1], match_run))
        before = ()
    after = content[at + 1:]
    if before or pieces[-1] or after:
        runs.append(new_run(before, pieces[-1] or None, after))
    _replace(run, runs)
    return found


def _alone_in_run(run: Element, t: Element) -> bool:
    """Whether t is all a run holds but its properties, and carries no attribute but xml:space."""
    names = t.keys()
    if names and names != [_SPACE]:
        return False
    n = len(run)
    return n == 1 or (n == 2 and run[0].tag == RPR and run[1] is t)


def strip_marks(root: Element, mark: re.Pattern, strip: re.Pattern, needle: str) -> bool:
    """Take drafter's marks out of every text and attribute value under root (where they are not
    traced): each match of ``mark`` becomes its group 2, and the characters ``strip`` matches
    go. Returns whether anything changed."""
    changed = False

    def clean(value: str) -> str:
        return strip.sub("", mark.sub(lambda m: m.group(2), value))

    for el in root.iter():
        if el.text and needle in el.text:
            el.text, changed = clean(el.text), True
        if el.tail and needle in el.tail:
            el.tail, changed = clean(el.tail), True
        for name, value in el.attrib.items():
            if needle in value:
                el.set(name, clean(value))
                changed = True
    return changed


def is_call(run: Element) -> bool:
    """A raised note call or a footnote reference: not part of the text around it."""
    if len(run) < 2 or run[0].tag != RPR:  # the properties come first; a run of them alone shows nothing
        return False
    for prop in run[0]:
        if prop.tag == RSTYLE and "reference" in (prop.get(_VAL) or "").lower():
            return True
        if prop.tag == VERTALIGN and prop.get(_VAL) == "superscript":
            return True
    return False
