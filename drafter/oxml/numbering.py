"""Numbering (word/numbering.xml and w:numPr): a numbered list that starts again at 1."""

from __future__ import annotations

import copy

from lxml import etree

from drafter.oxml import Element, order, qn
from drafter.oxml import paragraph as paragraphs

ABSTRACT, ABSTRACT_ID, NUM, NUM_ID, NSID, STYLE_LINK = (qn(t) for t in ("w:abstractNum", "w:abstractNumId", "w:num",
                                                                         "w:numId", "w:nsid", "w:styleLink"))
_VAL, _ILVL = qn("w:val"), qn("w:ilvl")


def lists(root: Element, style_ids) -> list[list[Element]]:
    """The lists under root: runs of consecutive sibling paragraphs in one of these styles."""
    found: list[list[Element]] = []
    previous = None
    for p in paragraphs.in_styles(root, style_ids):
        if previous is not None and p.getprevious() is previous:
            found[-1].append(p)
        else:
            found.append([p])
        previous = p
    return found


def new_instance(numbering: Element, num_id: str) -> str | None:
    """A numbering instance that starts at 1, with an abstract numbering of its own copied from
    the one instance ``num_id`` uses (a fresh abstract numbering restarts in Word and
    LibreOffice alike, where an override of a shared one may not in Word). Returns its numId;
    None when the part has no instance ``num_id``."""
    abstracts = {a.get(ABSTRACT_ID): a for a in numbering.findall(ABSTRACT)}
    nums = {n.get(NUM_ID): n for n in numbering.findall(NUM)}
    source = nums.get(num_id)
    if source is None:
        return None
    next_abstract = max([int(i) for i in abstracts] + [0]) + 1
    next_num = max([int(i) for i in nums] + [0]) + 1
    abstract = copy.deepcopy(abstracts[source.find(ABSTRACT_ID).get(_VAL)])
    abstract.set(ABSTRACT_ID, str(next_abstract))
    nsid = abstract.find(NSID)
    if nsid is not None:  # Word tells lists apart by it: each its own
        nsid.set(_VAL, f"{0x1D000000 + next_abstract:08X}")
    link = abstract.find(STYLE_LINK)
    if link is not None:  # only the template's own abstract numbering defines the style's
        abstract.remove(link)
    first_num = numbering.find(NUM)
    if first_num is not None:  # every w:abstractNum comes before the first w:num
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = etree.SubElement(numbering, NUM, {NUM_ID: str(next_num)})
    etree.SubElement(num, ABSTRACT_ID, {_VAL: str(next_abstract)})
    override = etree.SubElement(num, qn("w:lvlOverride"), {_ILVL: "0"})
    etree.SubElement(override, qn("w:startOverride"), {_VAL: "1"})
    return str(next_num)


def number(p: Element, num_id: str) -> None:
    """The paragraph is an item (level 0) of numbering instance ``num_id``."""
    ppr = paragraphs.properties(p)
    old = ppr.find(qn("w:numPr"))
    if old is not None:
        ppr.remove(old)
    numpr = ppr.makeelement(qn("w:numPr"))
    etree.SubElement(numpr, _ILVL, {_VAL: "0"})
    etree.SubElement(numpr, NUM_ID, {_VAL: num_id})
    order.insert(ppr, numpr)
