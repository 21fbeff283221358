"""word/gaps: what an answer still shows to be filled in, found in small hand-made parts, with
the place a Word user finds it at."""

from __future__ import annotations

from drafter.word.gaps import LISTED, Gap, GapKind, find_gaps, gap_list, gaps_sentence, markers, own_markers

from .helpers import NS, document


def p(*runs: str) -> str:
    return "<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' for text in runs) + "</w:p>"


def table(*rows: list[str]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc>{p(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows) \
        + "</w:tbl>"


def found(body: str, house=(), **parts: bytes) -> list[tuple[str, str, str]]:
    given = {"word/document.xml": document(body), **{name.replace("_", "/", 1) + ".xml": data
                                                     for name, data in parts.items()}}
    return [(g.text, g.kind, g.where) for g in find_gaps(given, markers(house))]


def test_drafter_s_own_placeholders_in_every_language_it_writes():
    texts = {m.text: m.kind for m in own_markers()}
    assert texts == {"[antwoord nog te schrijven]": GapKind.ANSWER, "[réponse à rédiger]": GapKind.ANSWER,
                     "[answer to be written]": GapKind.ANSWER, "[datum onbekend]": GapKind.DATE,
                     "[date inconnue]": GapKind.DATE, "[date unknown]": GapKind.DATE, "..": GapKind.FIGURE,
                     "N.N.": GapKind.PERSON}


def test_each_gap_in_the_text_with_its_paragraph():
    body = (p("Vraag van N.N.") + p("op vraag nr. 5 van ", "[datum ", "onbekend]", " van N.N.")
            + p("1. [antwoord nog te schrijven]") + p("2. [réponse à rédiger] and [answer to be written]"))
    assert found(body) == [
        ("N.N.", "person", "paragraph 1"), ("[datum onbekend]", "date", "paragraph 2"),
        ("N.N.", "person", "paragraph 2"), ("[antwoord nog te schrijven]", "answer", "paragraph 3"),
        ("[réponse à rédiger]", "answer", "paragraph 4"), ("[answer to be written]", "answer", "paragraph 4")]


def test_what_only_looks_like_a_placeholder_is_no_gap():
    body = (p("De N.N.V. en de VN.N. zijn geen personen; 1..3 is een reeks.") + p("..")
            + '<w:p><w:r><w:delText>[antwoord nog te schrijven]</w:delText></w:r></w:p>')
    assert found(body) == []  # a word that holds N.N., dots in a text, text deleted with tracked changes


def test_a_figure_shown_as_unknown_is_a_gap_in_its_cell():
    body = table(["", "2016", "2017"], ["VAK", "14.250.000", ".."], ["VEK", "1..3", "N.N."])
    assert found(body) == [("..", "figure", 'table 1, row "VAK", column "2017"'),
                           ("N.N.", "person", 'table 1, row "VEK", column "2017"')]


def test_the_house_s_markers_in_any_case():
    body = p("Cijfers: XXX") + p("navragen: xxx, [Invullen] door de administratie") + p("XXXL is een maat")
    assert found(body, house=["XXX", "[invullen]"]) == [
        ("XXX", "marker", "paragraph 1"), ("xxx", "marker", "paragraph 2"), ("[Invullen]", "marker", "paragraph 2"),
        ("XXX", "marker", "paragraph 3")]  # a house marker is found wherever it stands
    assert markers(["n.n.", "XXX", "XXX"])[-1].text == "XXX" and len(markers(["n.n.", "XXX", "XXX"])) == 9


def test_gaps_in_notes_headers_and_footers():
    notes = (f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1">{p("N.N.")}</w:footnote>'
             f'<w:footnote w:id="7">{p("Bron: N.N.")}</w:footnote></w:footnotes>').encode()
    endnotes = f'<w:endnotes {NS}><w:endnote w:id="2">{p("zie [invullen]")}</w:endnote></w:endnotes>'.encode()
    header = f"<w:hdr {NS}>{p('Kabinet N.N.')}</w:hdr>".encode()
    footer = f"<w:ftr {NS}>{table(['[datum onbekend]'])}</w:ftr>".encode()
    body = p("Tekst", '</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r><w:r><w:t>') + p("Meer")
    assert found(body, ["[invullen]"], word_footnotes=notes, word_endnotes=endnotes, word_header1=header,
                 word_footer2=footer) == [
        ("N.N.", "person", "footnote 1"), ("[invullen]", "marker", "endnote 2"),
        ("[datum onbekend]", "date", "footer"), ("N.N.", "person", "header")]  # not in the separator note


def test_a_list_of_gaps_names_places_and_counts_the_rest():
    def gap(text: str, where: str) -> Gap:
        return Gap(text, GapKind.PERSON, where, where)

    gaps = (gap("N.N.", "paragraph 1"), gap("N.N.", "paragraph 1"), gap("N.N.", "paragraph 4"),
            gap("[datum onbekend]", "paragraph 4"))
    assert gap_list(gaps) == "'N.N.' at paragraph 1 (2 times), paragraph 4; '[datum onbekend]' at paragraph 4"
    assert gaps_sentence(gaps[:1]) == "1 gap to fill in: 'N.N.' at paragraph 1"
    many = tuple(gap("XXX", f"paragraph {n}") for n in range(1, LISTED + 4))
    assert gap_list(many).endswith(f"paragraph {LISTED}; and 3 more")
    assert gaps_sentence(()) == ""
