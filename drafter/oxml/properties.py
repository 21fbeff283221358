"""Document properties: the core properties (docProps/core.xml) and custom ones (docProps/custom.xml)."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from drafter.oxml import NSMAP, Element, element, qn, serialize

CORE_PART = "docProps/core.xml"
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
#: The property set Word gives custom properties it writes (its "user defined" set).
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_PROPERTY = qn("op:property")
_CORE_NAMESPACES = {prefix: NSMAP[prefix] for prefix in ("cp", "dc", "dcterms", "dcmitype", "xsi")}


def core_part(*, title: str, subject: str, creator: str, language: str, keywords: str = "", description: str = "",
              created: dt.datetime | None = None) -> bytes:
    """The core properties part from the answer's data (never python-docx's 'python-docx', 2013),
    with Word's XML declaration, as drafter has always written it."""
    root = element("cp:coreProperties", nsmap=_CORE_NAMESPACES)
    values = [("dc:title", title), ("dc:subject", subject), ("dc:creator", creator), ("cp:keywords", keywords),
              ("dc:description", description), ("cp:lastModifiedBy", creator), ("cp:revision", "1")]
    if created is not None:
        stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
        values += [("dcterms:created", stamp), ("dcterms:modified", stamp)]
    values.append(("dc:language", language))
    for tag, value in values:
        el = etree.SubElement(root, qn(tag))
        el.text = value
        if tag.startswith("dcterms:"):
            el.set(qn("xsi:type"), "dcterms:W3CDTF")
    return serialize(root, word_declaration=True)


def set_custom(custom: Element | None, values: dict[str, str]) -> Element:
    """The custom properties with these text properties set (the others kept); custom: the
    part's tree, None when the package has none (a new one is made)."""
    if custom is None:
        custom = element("op:Properties", nsmap={None: NSMAP["op"], "vt": NSMAP["vt"]})
    existing = {p.get("name"): p for p in custom.findall(_PROPERTY)}
    for name, value in values.items():
        prop = existing.get(name)
        if prop is None:
            prop = etree.SubElement(custom, _PROPERTY, {"fmtid": _FMTID, "name": name})
        for old in list(prop):
            prop.remove(old)
        etree.SubElement(prop, qn("vt:lpwstr")).text = value
    for pid, prop in enumerate(custom.findall(_PROPERTY), start=2):
        prop.set("pid", str(pid))  # ids start at 2 and are unique
    return custom


def custom_values(custom: Element) -> dict[str, str]:
    """Each custom property's name and its value as text."""
    out = {}
    for prop in custom.findall(_PROPERTY):
        value = prop.find("*")
        out[prop.get("name")] = "" if value is None else (value.text or "")
    return out


def without_custom(custom: Element, prefix: str) -> Element:
    """The custom properties without those whose name starts with prefix."""
    for prop in custom.findall(_PROPERTY):
        if (prop.get("name") or "").startswith(prefix):
            custom.remove(prop)
    for pid, prop in enumerate(custom.findall(_PROPERTY), start=2):
        prop.set("pid", str(pid))
    return custom
