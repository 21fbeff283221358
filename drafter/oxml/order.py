"""The order of child elements that the schema fixes, declared once, and putting a child in its place.

WordprocessingML's property lists (w:pPr, w:rPr, w:trPr, w:tcPr, w:tblPr, w:sectPr), a style
and the settings are sequences: a child in the wrong place makes a document strict readers
refuse. Every module that adds such a child puts it with ``insert`` (or ``get_or_add``), and
the tables that drafter writes as text follow the same lists (``ordered``).
"""

from __future__ import annotations

from drafter.oxml import Element, local_name, qn

PARAGRAPH_PROPERTIES = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
)
RUN_PROPERTIES = (
    "ins", "del", "moveFrom", "moveTo",  # only in a paragraph mark's properties
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
)
ROW_PROPERTIES = (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
    "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange",
)
CELL_PROPERTIES = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
    "tcPrChange",
)
TABLE_PROPERTIES = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
    "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
    "tblCaption", "tblDescription", "tblPrChange",
)
SECTION_PROPERTIES = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)
ROW = ("tblPrEx", "trPr")  # then the cells
STYLE = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
    "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
    "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
)
STYLES = ("docDefaults", "latentStyles", "style")
DOCUMENT_DEFAULTS = ("rPrDefault", "pPrDefault")
SETTINGS = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors",
    "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate", "linkStyles",
    "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
    "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit",
    "hyphenationZone", "doNotHyphenateCaps", "showEnvelope", "summaryLength", "clickAndTypeStyle",
    "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
    "bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin",
    "doNotShadeFormData", "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne",
    "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
    "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat",
    "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)

#: Each sequence by the local name of the element that holds it.
_SEQUENCES = {
    "pPr": PARAGRAPH_PROPERTIES, "rPr": RUN_PROPERTIES, "trPr": ROW_PROPERTIES, "tcPr": CELL_PROPERTIES,
    "tblPr": TABLE_PROPERTIES, "sectPr": SECTION_PROPERTIES, "tr": ROW, "style": STYLE, "styles": STYLES,
    "docDefaults": DOCUMENT_DEFAULTS, "rPrDefault": ("rPr",), "pPrDefault": ("pPr",), "settings": SETTINGS,
}
_RANKS = {parent: {name: rank for rank, name in enumerate(names)} for parent, names in _SEQUENCES.items()}
#: An element the list does not name (an extension of a later Word, a cell of a row) comes after
#: the ones it names: extensions close a sequence in Office Open XML.
_AFTER_ALL = 1 << 30


def insert(parent: Element, new: Element) -> Element:
    """Put ``new`` (a new element, or one of parent's children) in its place among parent's
    children: before the first child that the declared order puts after it."""
    ranks = _RANKS[local_name(parent)]
    rank = ranks[local_name(new)]
    for i, existing in enumerate(parent):
        if existing is not new and ranks.get(local_name(existing), _AFTER_ALL) > rank:
            parent.insert(i, new)
            return new
    parent.append(new)
    return new


def get_or_add(parent: Element, tag: str) -> Element:
    """parent's child ``tag`` ('w:keepNext'), added in its place when it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = insert(parent, parent.makeelement(qn(tag)))
    return found


def ordered(parent: str, children: dict[str, str]) -> str:
    """The XML of a property list's children, written as text, in the declared order of
    ``parent`` ('tcPr'): children maps each child's local name to its XML."""
    ranks = _RANKS[parent]
    return "".join(children[name] for name in sorted(children, key=ranks.__getitem__))
