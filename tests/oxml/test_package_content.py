"""oxml/package_content: a document's content as a person sees it, the same however a program wrote it."""

from __future__ import annotations

from drafter.oxml import opc, package_content

from .helpers import NS

STYLES = (f'<w:styles {NS}>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Mid"><w:name w:val="Centred"/><w:basedOn w:val="Normal"/>'
          '<w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Lijst"><w:name w:val="List Number"/>'
          '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
          '<w:style w:type="character" w:styleId="Nadruk"><w:name w:val="Emphasis"/></w:style></w:styles>')
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        'Target="https://www.vlaamsparlement.be" TargetMode="External"/></Relationships>')


def read(body: str, **parts: str) -> package_content.Content:
    package = {"word/document.xml": f"<w:document {NS}><w:body>{body}</w:body></w:document>",
               "word/styles.xml": STYLES, "word/_rels/document.xml.rels": RELS, **parts}
    return package_content.read(opc.Package({name: text.encode() for name, text in package.items()}))


def test_runs_split_anywhere_read_as_one_text_with_its_formatting():
    one = read('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Circa 45%</w:t></w:r><w:r><w:t> van</w:t></w:r></w:p>')
    split = read('<w:p w:rsidR="00A1"><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b w:val="1"/></w:rPr>'
                 '<w:t>Circa</w:t></w:r><w:bookmarkStart w:id="1" w:name="_GoBack"/><w:r><w:rPr><w:b/></w:rPr>'
                 '<w:t xml:space="preserve"> 45%</w:t></w:r><w:bookmarkEnd w:id="1"/><w:r><w:rPr><w:b w:val="false"/>'
                 '</w:rPr><w:lastRenderedPageBreak/><w:t xml:space="preserve"> van</w:t></w:r></w:p>')
    assert one == split and one.digest() == split.digest()
    (p,) = one.body
    assert [(s.text, s.marks) for s in p.spans] == [("Circa 45%", ("bold",)), (" van", ())]
    assert p.text == "Circa 45% van" and p.style == "normal"


def test_a_style_its_alignment_and_its_list_come_through_the_styles_it_is_based_on():
    mid, item, direct = read('<w:p><w:pPr><w:pStyle w:val="Mid"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>'
                             '<w:p><w:pPr><w:pStyle w:val="Lijst"/></w:pPr><w:r><w:t>b</w:t></w:r></w:p>'
                             '<w:p><w:pPr><w:pStyle w:val="Mid"/><w:jc w:val="center"/></w:pPr>'
                             '<w:r><w:rPr><w:rStyle w:val="Nadruk"/></w:rPr><w:t>a</w:t></w:r></w:p>').body
    assert (mid.style, mid.align, mid.level) == ("centred", "center", None)
    assert (item.style, item.level) == ("list number", 0)
    assert direct.align == "center" and direct.spans[0].marks == ("style:emphasis",)


def test_a_field_reads_as_its_kind_not_the_result_it_last_showed():
    def page(shown: str, switches: str) -> package_content.Content:
        return read(f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE {switches}</w:instrText>'
                    f'</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{shown}</w:t></w:r>'
                    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    assert page("1", "") == page("2", "\\* ARABIC")
    assert page("1", "").body[0].text == "{PAGE}"
    assert read('<w:p><w:fldSimple w:instr="PAGE"><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p>').body[0].text == "{PAGE}"


def test_tracked_changes_comments_footnotes_and_links_are_content():
    comments = (f'<w:comments {NS}><w:comment w:id="4" w:author="Kabinet"><w:p><w:r><w:t>Nakijken</w:t></w:r>'
                '</w:p></w:comment></w:comments>')
    notes = (f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p>'
             '</w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Jaarverslag, p. 9.</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')
    doc = read('<w:p><w:pPr><w:rPr><w:ins w:id="1" w:author="drafter"/></w:rPr></w:pPr>'
               '<w:del w:id="2" w:author="drafter"><w:r><w:delText>45%</w:delText></w:r></w:del>'
               '<w:ins w:id="3" w:author="drafter"><w:r><w:t>47%</w:t></w:r></w:ins>'
               '<w:r><w:commentReference w:id="4"/></w:r><w:r><w:footnoteReference w:id="2"/></w:r>'
               '<w:hyperlink r:id="rId9"><w:r><w:t>parlement</w:t></w:r></w:hyperlink></w:p>',
               **{"word/comments.xml": comments, "word/footnotes.xml": notes})
    (p,) = doc.body
    assert p.text == "47%parlement" and p.change == "inserted by drafter"
    assert [s.marks for s in p.spans[:2]] == [("deleted by drafter",), ("inserted by drafter",)]
    comment, footnote = p.notes
    assert comment.marks == ("comment by Kabinet",) and comment.note[0].text == "Nakijken"
    assert footnote.marks == ("footnote",) and footnote.note[0].text == "Jaarverslag, p. 9."
    assert p.spans[-1].marks == ("link:https://www.vlaamsparlement.be",)


def test_tables_merged_cells_and_rows_changed():
    doc = read('<w:tbl><w:tr><w:trPr><w:del w:id="1" w:author="Kabinet"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/>'
               '</w:tcPr><w:p><w:r><w:t>2016</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr>'
               '<w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>14.250.000</w:t></w:r></w:p>'
               '</w:tc></w:tr></w:tbl>')
    (table,) = doc.body
    assert [r.change for r in table.rows] == ["deleted by Kabinet", ""]
    assert [(c.span, c.merge, c.text) for c in table.rows[0].cells + table.rows[1].cells] == [
        (2, "", "2016"), (1, "restart", ""), (1, "", "14.250.000")]
    assert list(doc.paragraphs())[2] == ("table 1, row 2, cell 2", table.rows[1].cells[1].blocks[0])


def test_properties_a_person_sets_count_and_those_a_program_stamps_do_not():
    def core(extra: str) -> str:
        return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
                f'<dc:title>Clusters</dc:title>{extra}</cp:coreProperties>')
    plain = read("<w:p/>", **{"docProps/core.xml": core("<cp:keywords>a; b</cp:keywords>")})
    stamped = read("<w:p/>", **{"docProps/core.xml": core("<cp:keywords>b a</cp:keywords><cp:revision>4</cp:revision>"
                                                          "<cp:lastModifiedBy>Word</cp:lastModifiedBy>")})
    retitled = read("<w:p/>", **{"docProps/core.xml": core("<cp:keywords>a; b</cp:keywords>").replace("Clusters", "X")})
    assert plain.digest() == stamped.digest() != retitled.digest()
    assert plain.properties == (("keywords", "a b"), ("title", "Clusters"))
