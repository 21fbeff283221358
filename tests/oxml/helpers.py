"""Small hand-made WordprocessingML for the XML layer's tests."""

from __future__ import annotations

from drafter import oxml

W = oxml.W
NS = f'xmlns:w="{W}" xmlns:r="{oxml.R}"'


def body(xml: str):
    """A w:body holding xml, parsed (in a w:document, as in a package)."""
    return oxml.parse(f"<w:document {NS}><w:body>{xml}</w:body></w:document>")[0]


def tree(xml: str):
    """An element written with the w: and r: prefixes, parsed."""
    tag = xml[1:xml.index(" ") if " " in xml.split(">")[0] else xml.index(">")].rstrip("/")
    return oxml.parse(xml.replace(f"<{tag}", f"<{tag} {NS}", 1))


def xml_of(element) -> str:
    """An element's XML without namespace declarations, to compare with what a test expects."""
    return oxml.to_text(element).replace(f' xmlns:w="{W}"', "").replace(f' xmlns:r="{oxml.R}"', "")


def names(element) -> list[str]:
    """The local names of an element's children."""
    return [oxml.local_name(c) for c in element]
