"""The page a table must fit, a landscape page of its own, the document's last section."""

from __future__ import annotations

from drafter.oxml import section

from .helpers import body, names, tree, xml_of

SECTION = ('<w:sectPr><w:headerReference w:type="default" r:id="rId8"/><w:pgSz w:w="11906" w:h="16838" w:code="9"/>'
           '<w:pgMar w:top="1417" w:right="1000" w:bottom="1417" w:left="1417"/></w:sectPr>')


def test_the_page_of_a_template_from_its_last_section_and_its_normal_type_size():
    styles = tree('<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20"/></w:rPr></w:rPrDefault>'
                  '</w:docDefaults><w:style w:type="paragraph" w:default="1"><w:rPr><w:sz w:val="24"/></w:rPr>'
                  "</w:style></w:styles>")
    page = section.page_of(body("<w:p/>" + SECTION), styles)
    assert (page.text_width, page.landscape_width, page.type_size) == (11906 - 2417, 16838 - 2417, 24)
    assert page.section is not None
    assert section.page_of(body("<w:p/>"), None) == section.Page()


def test_a_landscape_break_is_the_templates_section_turned_a_quarter():
    page = section.page_of(body(SECTION), None)
    b = body("<w:p/>")
    b.append(section.section_break(page, landscape=False))
    b.append(section.section_break(page, landscape=True))
    portrait, landscape = (p[0][0] for p in b[1:])
    assert xml_of(portrait) == SECTION
    assert xml_of(landscape) == SECTION.replace('<w:pgSz w:w="11906" w:h="16838" w:code="9"/>',
                                                '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>')


def test_no_empty_page_after_a_landscape_table_at_the_end():
    landscape = SECTION.replace('w:w="11906" w:h="16838"', 'w:w="16838" w:h="11906" w:orient="landscape"')
    b = body(f"<w:p><w:r><w:t>a</w:t></w:r></w:p><w:tbl/><w:p><w:pPr>{landscape}</w:pPr></w:p><w:p/>{SECTION}")
    section.end_with_the_last_section(b)
    assert names(b) == ["p", "tbl", "sectPr"] and 'w:orient="landscape"' in xml_of(b[-1])
    kept = body(f"<w:p><w:pPr>{landscape}</w:pPr></w:p><w:p><w:r><w:t>after</w:t></w:r></w:p>{SECTION}")
    section.end_with_the_last_section(kept)
    assert names(kept) == ["p", "p", "sectPr"]
