"""Real Word footnotes where the text calls footnote(): the finish pass, in its steps.

The view leaves a token in the text for each footnote() (``view/footnotes``). The pass cuts the
runs at the tokens, checks that every token stands where Word allows a note, makes sure the
styles and the footnotes part exist, writes each note with its reference, and shows a note
used at several places (one key) through cross-references to its first place.
"""

from __future__ import annotations

from drafter.errors import Problem, TemplateProblem
from drafter.i18n import N_, _
from drafter.oxml import Element, bookmarks, footnotes, opc
from drafter.oxml import paragraph as paragraphs
from drafter.oxml import run as runs
from drafter.oxml import styles as style_parts
from drafter.view.footnotes import MAX_NOTE_ID, TOKEN_RE, TOKEN_START, FootnoteCollector
from drafter.word import styles

STYLES_PART = "word/styles.xml"
#: Translated where it is shown.
_HINT = N_("Call footnote() in the text of the answer or in a table cell; Word has no footnotes there.")


def calls(document: Element) -> list[tuple[Element, int]]:
    """Each footnote() token in the text cut out into an empty run of its own, with its number."""
    return [(run, int(n)) for run, n in runs.split_at(document, TOKEN_RE, TOKEN_START)]


def misplaced(package: opc.Package, document: Element, found: list[tuple[Element, int]],
              collector: FootnoteCollector, rendered: list[str], template: str) -> list[Problem]:
    """Tokens left where Word has no footnotes (a text box, a header, a footer, a note), and
    tokens drafter did not make."""
    problems = [Problem(_left_where(what, shown), file=template, place=_("the document"), hint=_(_HINT))
                for what, shown in footnotes.remaining(document, TOKEN_RE)]
    for name in rendered:
        if footnotes.holds(package.read(name), TOKEN_RE):
            problems.append(Problem(
                _("footnote() in {part}: a footnote can only stand in the text or a table cell").format(
                    part=name.removeprefix("word/").removesuffix(".xml")),
                file=template, place=name, hint=_(_HINT)))
    unknown = [n for _, n in found if collector.get(n) is None]
    if unknown:
        problems.append(Problem(_("the text holds a footnote placeholder drafter did not make ({number})").format(
                                    number=unknown[0]),
                                file=template, hint=_("Remove the private-use characters from the template.")))
    return problems


def _left_where(what: str, shown: str) -> str:
    """A footnote() left where Word has none: in a text box or (in a note, say) a paragraph,
    with the paragraph's text when it has one."""
    if what == "a text box":
        if shown:
            return _("footnote() in a text box ({text}): a footnote can only stand in the text or a table "
                     "cell").format(text=repr(shown))
        return _("footnote() in a text box: a footnote can only stand in the text or a table cell")
    if shown:
        return _("footnote() in a paragraph ({text}): a footnote can only stand in the text or a table "
                 "cell").format(text=repr(shown))
    return _("footnote() in a paragraph: a footnote can only stand in the text or a table cell")


def note_styles(package: opc.Package) -> tuple[str, str]:
    """The ids of the footnote text and reference styles, added where the template lacks them
    (and the styles part too, in a package without one: Word always writes it)."""
    if STYLES_PART not in package:
        package.add_part(STYLES_PART, style_parts.new_part(), style_parts.STYLES_CT, style_parts.STYLES_REL)
    return footnotes.ensure_styles(package.edit(STYLES_PART), styles.FOOTNOTE_TEXT, styles.FOOTNOTE_REFERENCE)


def notes_part(package: opc.Package) -> tuple[str, Element, bool]:
    """The footnotes part the main document relates to (made, with only its separators, when the
    template has none): its name, its tree, and whether it is new."""
    name = package.related(opc.MAIN_DOCUMENT, footnotes.RELATIONSHIP)
    if name is not None and name in package:
        return name, package.edit(name), False
    return name or footnotes.PART, footnotes.new_part(), True


def check_room(found: list[tuple[Element, int]], first_id: int, template: str) -> None:
    """Refuse more notes than Word can number (ids up to MAX_NOTE_ID), at the call that makes one too many."""
    if first_id + len(found) - 1 <= MAX_NOTE_ID:
        return
    run = found[MAX_NOTE_ID - first_id][0] if MAX_NOTE_ID >= first_id else found[0][0]
    paragraph = paragraphs.ancestor(run)
    text = paragraphs.text_of(paragraph).strip()[:60] if paragraph is not None else ""
    raise TemplateProblem(
        _("the answer would have {count} footnotes, more than Word can number ({fit} more fit)").format(
            count=len(found), fit=MAX_NOTE_ID - first_id + 1), file=template,
        place=_("the footnote() that makes too many, in the paragraph {text}").format(text=repr(text)) if text else None,
        hint=_("Use fewer footnote() calls: give notes that repeat a key (footnote(text, key=...)), "
               "or put long lists of sources under a table."))


def write_notes(notes: Element, found: list[tuple[Element, int]], collector: FootnoteCollector, first_id: int,
                text_style: str, ref_style: str) -> list[tuple[Element, int, Element]]:
    """Each note written once, at its first call, with its reference there; returns the other
    calls of a note with a key: (the call's run, the note's id, the run of its reference)."""
    first_of_key: dict[str, tuple[int, Element]] = {}
    again = []
    note_id = first_id
    for run, number in found:
        note = collector.get(number)
        if note.key is not None and note.key in first_of_key:
            again.append((run, *first_of_key[note.key]))
            continue
        footnotes.append(notes, note_id, note.text, text_style, ref_style)
        footnotes.make_reference(run, note_id, ref_style)
        if note.key is not None:
            first_of_key[note.key] = (note_id, run)
        note_id += 1
    return again


def bookmark_name(note_id: int) -> str:
    """A hidden bookmark ("_Ref..." as Word names cross-reference targets), under 40 characters."""
    return f"_RefDrafterNote{note_id}"


def cross_reference(document: Element, again: list[tuple[Element, int, Element]], ref_style: str) -> None:
    """A note shown again as Word does it: a bookmark around its first reference, and a NOTEREF
    field to it at each other place, showing the note's number."""
    if not again:
        return
    marked: dict[int, str] = {}
    targets = []
    for _, note_id, first in again:
        if note_id not in marked:
            marked[note_id] = bookmark_name(note_id)
            targets.append((first, marked[note_id]))
    bookmarks.around(targets, bookmarks.next_id(document))
    shown = [(footnotes.make_cross_reference(run, marked[note_id], ref_style), note_id) for run, note_id, _ in again]
    numbers = footnotes.numbers(document)
    for t, note_id in shown:
        t.text = str(numbers[note_id])


def add_notes_part(package: opc.Package, name: str, notes: Element) -> None:
    """A new footnotes part: related to the main document, and named in the settings as Word does."""
    package.add_part(name, notes, footnotes.CONTENT_TYPE, footnotes.RELATIONSHIP)
    if footnotes.SETTINGS_PART in package:
        footnotes.ensure_settings(package.edit(footnotes.SETTINGS_PART), footnotes.structural_ids(notes))


def place_footnotes(package: opc.Package, collector: FootnoteCollector, rendered: list[str], template: str) -> None:
    """Turn the footnote() tokens of the main document into Word footnotes.

    Notes go after the template's own in its footnotes part, with ids above the largest it
    has, in the order of their references; rendered: the other parts whose tags were rendered
    (a token there is a mistake)."""
    document = package.edit(opc.MAIN_DOCUMENT)
    found = calls(document)
    problems = misplaced(package, document, found, collector, rendered, template)
    if problems:
        raise TemplateProblem(problems=problems)
    if not found:
        return
    text_style, ref_style = note_styles(package)
    name, notes, created = notes_part(package)
    first_id = footnotes.next_id(notes)
    check_room(found, first_id, template)
    again = write_notes(notes, found, collector, first_id, text_style, ref_style)
    cross_reference(document, again, ref_style)
    if created:
        add_notes_part(package, name, notes)
