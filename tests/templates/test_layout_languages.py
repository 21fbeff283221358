"""Every stock layout speaks the answer's language: drafted with the register's locale en_GB,
nl_BE or fr_BE, its fixed words and sentences are that language's, whichever template file
the register names (kamer.docx and chambre.docx are one layout; a committee's list too). Compared paragraph by
paragraph; what is not the layout's (the question, the answer) comes from the register."""

from __future__ import annotations

import docx
import pytest

from ..conftest import copy_project, run_in, validate_docx
from ..test_layouts import edit_register

QUESTION = ("Deelt u de mening dat de Rijksoverheid significant is gegroeid de laatste jaren terwijl de "
            "slagvaardigheid niet evenredig is toegenomen? Zo nee, waarom niet?")
TITLE = ("overbodige functies, adviesorganen en doublures bij de Rijksoverheid in relatie tot voorgenomen "
         "besparingen op het overheidsapparaat")
ANSWER = "De Rijksoverheid is inderdaad significant gegroeid."
MINISTER = "Minister van Binnenlandse Zaken en Koninkrijksrelaties"

DATES = {"nl": ("20 december 2024", "4 februari 2025"), "fr": ("20 décembre 2024", "4 février 2025"),
         "en": ("20 December 2024", "4 February 2025")}

#: The paragraphs before the answer's text, by layout and language.
CHAMBER = {
    "nl": [f"Vraag nr. 1028 van Erkens van {DATES['nl'][0]} (N.) aan de {MINISTER}:", TITLE, QUESTION,
           f"Antwoord van de {MINISTER} van {DATES['nl'][1]}, op de vraag nr. 1028 van Erkens van {DATES['nl'][0]} (N.):"],
    "fr": [f"Question n° 1028 de Erkens du {DATES['fr'][0]} (N.) à la {MINISTER}\u00a0:", TITLE, QUESTION,
           f"Réponse de la {MINISTER} du {DATES['fr'][1]}, à la question n° 1028 de Erkens du {DATES['fr'][0]} (N.)\u00a0:"],
    "en": [f"Question no. 1028 from Erkens of {DATES['en'][0]} (N.) to the {MINISTER}:", TITLE, QUESTION,
           f"Answer of the {MINISTER} of {DATES['en'][1]}, to question no. 1028 from Erkens of {DATES['en'][0]} (N.):"],
}
EXPECTED = {
    "tweede-kamer.docx": {
        "nl": [f"Vragen van het lid Erkens (VVD) aan de {MINISTER} over {TITLE} (ingezonden {DATES['nl'][0]}).",
               f"Antwoord van Minister Uitermark (Binnenlandse Zaken en Koninkrijksrelaties) (ontvangen {DATES['nl'][1]}).",
               "Vraag 1", QUESTION, "Antwoord 1"],
        "fr": [f"Questions du membre Erkens (VVD) à la {MINISTER} sur {TITLE} (déposées le {DATES['fr'][0]}).",
               f"Réponse de Minister Uitermark (Binnenlandse Zaken en Koninkrijksrelaties) (reçue le {DATES['fr'][1]}).",
               "Question 1", QUESTION, "Réponse 1"],
        "en": [f"Questions from member Erkens (VVD) to the {MINISTER} about {TITLE} (submitted {DATES['en'][0]}).",
               f"Answer from Minister Uitermark (Binnenlandse Zaken en Koninkrijksrelaties) (received {DATES['en'][1]}).",
               "Question 1", QUESTION, "Answer 1"],
    },
    "kamer.docx": CHAMBER,
    "chambre.docx": CHAMBER,
    "algemeen.docx": {
        "nl": ["Uitermark", MINISTER, "ANTWOORD", f"op vraag nr. 1028 van {DATES['nl'][0]} van ERKENS"],
        "fr": ["Uitermark", MINISTER, "RÉPONSE", f"à la question n° 1028 du {DATES['fr'][0]} de ERKENS"],
        "en": ["Uitermark", MINISTER, "ANSWER", f"to question no. 1028 of {DATES['en'][0]} by ERKENS"],
    },
    "lijst-van-vragen.docx": {
        "nl": [f"36 100 {TITLE}", "Nr. 1028 LIJST VAN VRAGEN EN ANTWOORDEN", f"Vastgesteld {DATES['nl'][0]}",
               f"De vaste commissie heeft een aantal vragen voorgelegd aan de {MINISTER} over de brief.",
               f"De Minister heeft deze vragen beantwoord bij brief van {DATES['nl'][1]}. Vragen en antwoorden zijn "
               "hierna afgedrukt.", "De voorzitter van de commissie, Sneller", "De griffier van de commissie, Schukkink",
               "Vraag 1", QUESTION],
        "fr": [f"36 100 {TITLE}", "N° 1028 LISTE DE QUESTIONS ET RÉPONSES", f"Arrêtée le {DATES['fr'][0]}",
               f"De vaste commissie a soumis un certain nombre de questions à la {MINISTER} over de brief.",
               f"Il a été répondu à ces questions par lettre du {DATES['fr'][1]}. Les questions et les réponses sont "
               "reproduites ci-après.", "Le président de la commission, Sneller", "Le greffier de la commission, Schukkink",
               "Question 1", QUESTION],
        "en": [f"36 100 {TITLE}", "No. 1028 LIST OF QUESTIONS AND ANSWERS", f"Adopted {DATES['en'][0]}",
               f"De vaste commissie has put a number of questions to the {MINISTER} over de brief.",
               f"The Minister answered these questions by letter of {DATES['en'][1]}. The questions and answers are "
               "printed below.", "The chair of the committee, Sneller", "The clerk of the committee, Schukkink",
               "Question 1", QUESTION],
    },
    "hansard.docx": {  # Hansard prints no fixed words: the title, the member, the question [number], the minister
        language: [TITLE, "Erkens", QUESTION + " [1028]", "Uitermark"] for language in ("nl", "fr", "en")
    },
}


def _draft(tmp_path, template: str, locale: str) -> list[str]:
    project = copy_project(tmp_path)

    def change(questions):
        q = questions[1028]
        q.update(template=template, locale=locale, asked_in="nl", numbering="always")
        q["minister"]["gender"] = "f"  # the French article: 'à la ministre'
        # what a committee's list prints (the register's own words, in Dutch here)
        q["committee"] = {"name": "De vaste commissie", "dossier": "36 100", "subject": "over de brief",
                          "chair": "Sneller", "clerk": "Schukkink"}

    edit_register(project, change)
    result = run_in(project, "answer", "--question", "1028")
    assert result.exit_code == 0, result.output
    (made,) = (project / "out").glob("*.docx")
    validate_docx(made)
    return [p.text for p in docx.Document(str(made)).paragraphs]


@pytest.mark.parametrize("locale", ["nl_BE", "fr_BE", "en_GB"])
@pytest.mark.parametrize("template", sorted(EXPECTED))
def test_every_stock_layout_in_the_answers_language(tmp_path, template, locale):
    got = _draft(tmp_path, template, locale)
    expected = EXPECTED[template][locale[:2]]
    assert got[:len(expected)] == expected
    # what follows is the register's answer, and the layout adds no word of another language to it
    rest = got[len(expected):]
    assert rest[0].startswith(ANSWER) or rest[0].startswith("1.\t" + ANSWER), rest
    assert len(rest) == 2, rest


@pytest.mark.parametrize("locale, title, reference", [
    ("nl_BE", "ANTWOORD", "op vraag nr. {number} van [datum onbekend] van N.N."),
    ("fr_BE", "RÉPONSE", "à la question n° {number} du [date inconnue] de N.N."),
])
@pytest.mark.parametrize("template, number", [("bedrijfsclusters.docx", 4), ("gegroepeerde-kop.docx", 6)])
def test_the_examples_own_templates_in_the_answers_language(tmp_path, template, number, locale, title, reference):
    """The seed's and the grouped header's templates print the Flemish header in the answer's
    words (their notes have Dutch and French texts, so those two languages)."""
    project = copy_project(tmp_path)
    edit_register(project, lambda questions: questions[number].update(locale=locale))
    result = run_in(project, "answer", "--question", str(number))
    assert result.exit_code == 0, result.output
    (made,) = (project / "out").glob("*.docx")
    got = [p.text for p in docx.Document(str(made)).paragraphs]
    assert got[:4] == ["N.N.", "N.N.", title, reference.format(number=number)]
