"""Sections (w:sectPr): the page a table must fit, a landscape page of its own, the document's last section."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from drafter.oxml import Element, qn
from drafter.oxml import paragraph as paragraphs

SECTPR, PGSZ, PGMAR, P, PPR, DRAWING = (qn(t) for t in ("w:sectPr", "w:pgSz", "w:pgMar", "w:p", "w:pPr",
                                                       "w:drawing"))
_W, _H, _ORIENT, _LEFT, _RIGHT = (qn(t) for t in ("w:w", "w:h", "w:orient", "w:left", "w:right"))
_VAL, _SZ = qn("w:val"), qn("w:sz")


@dataclass(frozen=True)
class Page:
    """What a table needs to know of the page it stands on: the width between the margins and the
    type size (half points) of the template's normal text; and the section to open a landscape
    page for a table too wide (None: the template has none to copy, so no landscape page)."""

    text_width: int = 9072
    type_size: int = 22
    section: Element | None = None
    landscape_width: int = 13988


def _number(el: Element | None, name: str, default: int) -> int:
    value = el.get(name) if el is not None else None
    return int(value) if value is not None and value.isdigit() else default


def page_of(body: Element, styles: Element | None) -> Page:
    """The page of a template: from its last section's page size and margins (A4 with 2.5 cm
    margins where it gives none), and the type size of its defaults and default paragraph style."""
    size = 22
    if styles is not None:
        candidates = [styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{_SZ}")]
        candidates += [style.find(f"{qn('w:rPr')}/{_SZ}") for style in styles.iter(qn("w:style"))
                       if style.get(qn("w:default")) == "1" and style.get(qn("w:type")) == "paragraph"]
        for el in candidates:
            if el is not None and (el.get(_VAL) or "").isdigit():
                size = int(el.get(_VAL))
    sections = [s for s in body.iter(SECTPR) if len(s)]
    if not sections:
        return Page(type_size=size)
    section = sections[-1]
    pgsz, pgmar = section.find(PGSZ), section.find(PGMAR)
    width, height = _number(pgsz, _W, 11906), _number(pgsz, _H, 16838)
    margins = _number(pgmar, _LEFT, 1417) + _number(pgmar, _RIGHT, 1417)
    text_width = min(width, height) - margins if width < height else width - margins
    return Page(text_width=text_width, type_size=size, section=copy.deepcopy(section),
                landscape_width=max(width, height) - margins)


def section_break(page: Page, landscape: bool) -> Element:
    """A paragraph that ends a section of the page's kind: the template's own (portrait), or the
    same turned a quarter (landscape), for a table on a page of its own."""
    section = copy.deepcopy(page.section)
    if landscape:
        pgsz = section.find(PGSZ)
        if pgsz is not None:
            turned = section.makeelement(PGSZ, {_W: str(_number(pgsz, _H, 16838)), _H: str(_number(pgsz, _W, 11906)),
                                                _ORIENT: "landscape"})
            section.replace(pgsz, turned)
    p = paragraphs.new()
    paragraphs.properties(p).append(section)
    return p


def end_with_the_last_section(body: Element) -> None:
    """No empty page after a table on a landscape page of its own at the end of the answer:
    when nothing but empty paragraphs follows the paragraph that ends the landscape section,
    that section becomes the document's last (its properties replace the body's)."""
    final = body.find(SECTPR)
    if final is None:
        return
    children = [c for c in body if c.tag != SECTPR]
    for i in range(len(children) - 1, -1, -1):
        el = children[i]
        ppr = el.find(PPR) if el.tag == P else None
        section = ppr.find(SECTPR) if ppr is not None else None
        if section is not None:
            found, last = section.find(PGSZ), final.find(PGSZ)
            if found is None or found.get(_ORIENT) != "landscape" or (
                    last is not None and last.get(_ORIENT) == "landscape"):
                return  # a section of the template's own: left as it is
            for p in children[i:]:
                body.remove(p)
            body.replace(final, section)
            return
        if el.tag != P or paragraphs.text_of(el).strip() or el.find(f".//{DRAWING}") is not None:
            return
