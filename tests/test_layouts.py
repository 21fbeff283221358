"""Answer layouts beyond the Flemish one: the Tweede Kamer and the Belgian federal Chamber
(Dutch and French) templates, several askers, numbering, repeated sub-questions and file
names, all chosen in the register. Compared paragraph by paragraph with published answers
kept in tests/published/."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
import yaml

from drafter.word import styles

from .conftest import (assert_refused, copy_project, files_in, pdf_text, render_pdf, run_cli, run_in,
                       validate_docx)

PUBLISHED = Path(__file__).parent / "published"
NEW_TEMPLATES = ("tweede-kamer.docx", "kamer.docx", "chambre.docx")


def published(name: str) -> list[str]:
    """The paragraphs of a published text: one a line, '#' lines are where it comes from."""
    lines = (PUBLISHED / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def answer(project: Path, number: int, *args: str) -> Path:
    result = run_in(project, "answer", "--question", str(number), *args)
    assert result.exit_code == 0, result.output
    made = [p for p in (project / "out").glob("*.docx") if re.search(rf"-{number}(-|\.docx$)", p.name)]
    assert len(made) == 1, files_in(project / "out")
    return made[0]


def edit_register(project: Path, change) -> Path:
    """Load the register, let change(questions by number) edit it, write it back (comments go)."""
    path = project / "data" / "questions.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change({q["number"]: q for q in data["questions"]})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tweede_kamer(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("tk"))
    return answer(project, 1028)


def test_tweede_kamer_answer_is_the_published_text(tweede_kamer):
    assert tweede_kamer.name == "antwoord-2024-2025-aanhangsel-1028-erkens.docx"  # from the register's pattern
    got = paragraphs(tweede_kamer)
    assert [text for _, text in got] == published("tweede-kamer-2024-2025-1028.txt")
    assert [style for style, _ in got] == [
        styles.ANSWER_REFERENCE, styles.ANSWER_TITLE,
        styles.QUESTION_HEADING, styles.QUESTION_TEXT,
        styles.ANSWER_HEADING, styles.ANSWER_TEXT, styles.ANSWER_TEXT,
    ]
    validate_docx(tweede_kamer)
    d = docx.Document(str(tweede_kamer))
    assert d.styles.element.find(".//{*}docDefaults//{*}lang").get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "nl-NL"


def test_tweede_kamer_renders_in_libreoffice(tweede_kamer, tmp_path):
    text = " ".join(pdf_text(render_pdf(tweede_kamer, tmp_path)).split())
    assert "Vragen van het lid Erkens (VVD) aan de Minister van Binnenlandse Zaken" in text
    assert "Antwoord 1 De Rijksoverheid is inderdaad significant gegroeid." in text


def test_several_askers_as_published(project):
    """Members of several parties, and three of one party: the header as the Aanhangsel prints it."""
    expected = published("tweede-kamer-headers.txt")

    def change(questions):
        q = questions[1028]
        q["askers"] = [{"name": "Omtzigt", "party": "CDA"}, {"name": "Gesthuizen", "party": "SP"},
                       {"name": "Schouw", "party": "D66"}]
        q["minister"]["title"] = ("Minister van Binnenlandse Zaken en Koninkrijksrelaties en de Staatssecretaris "
                                  "van Veiligheid en Justitie")
        q["title"] = ("de tot nu toe verstrekte informatie over de omvang en aard van (legale) identiteitswisselingen "
                      "en mogelijke fraude met reisdocumenten")
        q["date"] = dt.date(2015, 2, 17)

    edit_register(project, change)
    assert paragraphs(answer(project, 1028))[0][1] == expected[1]

    def change_again(questions):
        q = questions[1028]
        q["askers"] = [{"name": n, "party": "GroenLinks"} for n in ("Bouchallikh", "Bromet", "Kröger")]
        q["minister"]["title"] = (
            "Staatssecretaris van Infrastructuur en Waterstaat en de Ministers van Infrastructuur en Waterstaat, "
            "voor Volkshuisvesting en Ruimtelijke Ordening en voor Landbouw, Natuur en Voedselkwaliteit")
        q["title"] = "het bericht dat Nederland geen gezonde leefomgeving biedt aan kinderen"
        q["date"] = dt.date(2022, 5, 30)
        q["file_name"] = "{answer}-{number}-{asker}"

    for old in (project / "out").glob("*.docx"):
        old.unlink()
    edit_register(project, change_again)
    made = answer(project, 1028)
    assert made.name == "antwoord-1028-bouchallikh-bromet-kroger.docx"
    assert paragraphs(made)[0][1] == expected[3]


def test_chamber_layout_one_question_is_not_numbered(project):
    path = answer(project, 10)
    assert path.name == "antwoord-2019-2020-vraag-10-clusterbeleid-vastleggings-en-vereffeningskredieten.docx"
    got = paragraphs(path)
    assert got[:5] == [
        (styles.ANSWER_REFERENCE, "Vraag nr. 10 van N.N. van [datum onbekend] (N.) aan de N.N.:"),
        (styles.ANSWER_TITLE, "Clusterbeleid - Vastleggings- en vereffeningskredieten"),
        (styles.QUESTION_TEXT, "Kan de minister een overzicht geven van de vastleggings- en vereffeningskredieten "
                               "voor subsidies aan bedrijfsclusters, jaar per jaar sinds 2016?"),
        (styles.ANSWER_HEADING, "Antwoord van de N.N. van [datum onbekend], op de vraag nr. 10 van N.N. van "
                                "[datum onbekend] (N.):"),
        (styles.ANSWER_TEXT, "Hieronder een overzicht van de vastleggings- en vereffeningskredieten voor subsidies "
                             "aan bedrijfsclusters:"),
    ]
    assert not [t for s, t in got if s == styles.ANSWER_NUMBER]
    table = docx.Document(str(path)).tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["", "VAK budget", "VEK budget"],
        ["2016", "14.250.000\u00a0(1)", "(2)"],
        ["2017", "58.000.000", "(2)"],
        ["2018", "58.000.000", "45.800.000"],
    ]
    validate_docx(path)


def test_chamber_layout_in_french_with_the_ministers_article(project):
    def change(questions):
        q = questions[7]
        q.update(template="chambre.docx", asked_in="fr", date=dt.date(2019, 10, 7), answered=dt.date(2019, 11, 4),
                 file_name="{answer}-{zittingsjaar}-{question}-{number}-{title}")
        q["askers"] = [{"name": "N.N.", "title": "Madame"}]
        del q["asker"]
        q["minister"] = {"name": "N.N.", "title": "ministre de l’Économie", "gender": "f"}

    edit_register(project, change)
    path = answer(project, 7)
    assert path.name == "reponse-2019-2020-question-7-politique-des-clusters-credits-et-soutien.docx"
    got = [t for _, t in paragraphs(path)]
    ref = "question n° 7 de Madame N.N. du 7 octobre 2019 (Fr.)"
    assert got[0] == f"Q{ref[1:]} à la ministre de l’Économie\u00a0:"
    assert got[1] == "Politique des clusters - Crédits et soutien"
    assert got[2].startswith("1.\tQuels étaient les crédits d’engagement")
    assert got[5] == f"Réponse de la ministre de l’Économie du 4 novembre 2019, à la {ref}\u00a0:"
    assert got[6] == "1.\tVoici les crédits pour les clusters."
    validate_docx(path)


def test_numbering_and_repeated_questions_in_the_general_template(project):
    def change(questions):
        questions[10]["template"] = "algemeen.docx"  # one sub-question: no "1."
        questions[5]["repeat_questions"] = True
        questions[8]["numbering"] = "never"

    edit_register(project, change)
    single = paragraphs(answer(project, 10))
    assert (styles.ANSWER_TEXT, "Hieronder een overzicht van de vastleggings- en vereffeningskredieten voor "
                                "subsidies aan bedrijfsclusters:") in single
    assert not [t for s, t in single if s == styles.ANSWER_NUMBER]

    repeated = paragraphs(answer(project, 5))
    questions = [(i, t) for i, (s, t) in enumerate(repeated) if s == styles.QUESTION_NUMBER]
    assert [t.split(" ")[0] for _, t in questions] == ["1.\tHoe", "2.\tHoeveel", "3.\tWerd"]
    texts = [t for _, t in repeated]
    assert texts.index("1.\tDe clustersteun van 2016 was als volgt verdeeld:") == questions[0][0] + 1
    assert texts.index("Antwoord op vragen 2 en 3") == questions[2][0] + 1

    never = paragraphs(answer(project, 8))
    assert not [t for s, t in never if s == styles.ANSWER_NUMBER]
    assert never[4][1].startswith("Hieronder een overzicht")


@pytest.mark.parametrize("template", NEW_TEMPLATES)
def test_every_question_of_the_register_in_every_new_layout(project, template):
    """Each new template answers any question of the register (given what its layout prints), in
    the question's language: the French question's header is French whichever template it names."""

    def change(questions):
        for q in questions.values():
            q["template"] = template
            q["file_name"] = "{zittingsjaar}-{number}"
            q.setdefault("asked_in", "nl")
            q["minister"].setdefault("role", "Minister")
            q["minister"].setdefault("department", "N.N.")
            q["minister"].setdefault("gender", "m")

    edit_register(project, change)
    result = run_in(project, "batch", "--jobs", "1")
    assert result.exit_code == 0, result.output
    made = sorted((project / "out").glob("*.docx"))
    assert [p.name for p in made] == sorted(["2019-2020-4.docx", "2019-2020-5.docx", "2019-2020-6.docx",
                                             "2019-2020-7.docx", "2019-2020-8.docx", "2019-2020-10.docx",
                                             "2024-2025-1028.docx"])
    register = yaml.safe_load((project / "data" / "questions.yaml").read_text(encoding="utf-8"))
    by_file = {f"{q['zittingsjaar']}-{q['number']}.docx": q for q in register["questions"]}
    header = {("tweede-kamer.docx", "nl"): "Vragen van het lid ", ("tweede-kamer.docx", "fr"): "Questions du membre ",
              ("chamber", "nl"): "Vraag nr. ", ("chamber", "fr"): "Question n° "}
    question_word = {"nl": "Vraag", "fr": "Question"}
    for path in made:
        validate_docx(path)
        q = by_file[path.name]
        language = q.get("locale", register["locale"])[:2]
        got = paragraphs(path)
        layout = template if template == "tweede-kamer.docx" else "chamber"
        assert got[0][1].startswith(header[layout, language] + ("" if layout == "tweede-kamer.docx" else str(q["number"])))
        answered = [n for part in q["answer"]["parts"]
                    for n in (part["number"] if isinstance(part["number"], list) else [part["number"]])]
        if template == "tweede-kamer.docx":  # every sub-question answered is repeated under "Vraag n"
            assert [t for s, t in got if s == styles.QUESTION_HEADING] == [
                f"{question_word[language]} {n}" if len(q["subquestions"]) > 1 or q.get("numbering") == "always"
                else question_word[language] for n in answered]
        else:  # the question as put, every sub-question of it
            numbered = [t for s, t in got if s == styles.QUESTION_NUMBER]
            if len(q["subquestions"]) > 1:
                assert [t.split("\t")[0] for t in numbered] == [f"{n}." for n in q["subquestions"]]
            else:
                assert not numbered and q["subquestions"][1] in [t for s, t in got if s == styles.QUESTION_TEXT]
        tables = docx.Document(str(path)).tables
        if path.name == "2019-2020-4.docx":  # the seed's table, built from the data by table()
            assert [c.text for c in tables[0].rows[3].cells] == ["2016", "14.250.000\u00a0(2)", "(3)"]


@pytest.mark.parametrize("old, new, place, says", [
    ('file_name: "{answer}-{zittingsjaar}-aanhangsel-{number}-{asker}"', 'file_name: "{answer}-{titel}-{number}"',
     "file_name:", "'file_name' '{answer}-{titel}-{number}': {titel} is not a field of a file name"),
    ('file_name: "{answer}-{zittingsjaar}-aanhangsel-{number}-{asker}"', 'file_name: "{answer}-{title}"',
     "file_name:", "it must hold {number}"),
    ("numbering: always", "numbering: sometimes", "numbering: sometimes",
     "'numbering' must be one of auto, always, never, not 'sometimes'"),
    ("numbering: always", "repeat_questions: ja", "repeat_questions: ja", "'repeat_questions' must be true or false"),
    ("        party: VVD", "        partij: VVD", "partij: VVD", "unknown key 'partij' in an entry of 'askers'"),
    ("    answered: 2025-02-04", "    answered: 4 februari", "answered: 4 februari", "'answered' must be the date"),
    ("    asked_in: nl ", "    asked_in: nederlands ", "asked_in: nederlands", "'asked_in' must be one of nl, fr, de"),
    ("      gender: x", None, None, None),
])
def test_layout_mistakes_name_the_line(project, old, new, place, says):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    if new is None:  # the gender of a minister: only f or m
        text = text.replace("      department: Binnenlandse Zaken en Koninkrijksrelaties\n",
                            "      department: Binnenlandse Zaken en Koninkrijksrelaties\n      gender: x\n")
        place, says = "gender: x", "'gender' must be one of f, m, not 'x'"
    else:
        assert old in text
        text = text.replace(old, new)
    register.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if place in row)
    result = run_in(project, "answer", "--question", "1028")
    assert_refused(result, project, f"data/questions.yaml, line {line}: ", says)
    checked = run_cli("check", "--register", str(register), "--templates", str(project / "answer_templates"))
    assert checked.exit_code == 1 and "Traceback" not in checked.output  # check reports it too
    assert f"data/questions.yaml, line {line}: " in checked.stdout and says in checked.stdout
    assert files_in(project / "out") == []


def test_a_layout_that_needs_what_the_register_does_not_give(project):
    """The Tweede Kamer header prints the minister's department: without it, the paragraph is named."""
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("      department: Binnenlandse Zaken en Koninkrijksrelaties\n", ""), encoding="utf-8")
    result = run_in(project, "answer", "--question", "1028")
    assert_refused(result, project, "answer_templates/tweede-kamer.docx, paragraph 2",
                   "prints the minister's department, which the register does not give", "Add 'department: ")


def test_french_article_needs_the_ministers_gender(project):
    """'au ministre' or 'à la ministre': French cannot say it without the gender; the paragraph is named."""
    def change(questions):
        questions[7].update(template="chambre.docx", asked_in="fr")

    edit_register(project, change)
    result = run_in(project, "answer", "--question", "7")
    assert_refused(result, project, "answer_templates/chambre.docx, paragraph 1", "depend on the minister's gender",
                   "Add 'gender: f' or 'gender: m'")


def test_two_askers_of_one_party(project):
    def change(questions):
        questions[1028]["askers"] = [{"name": "De Krom", "party": "VVD"}, {"name": "Oplaat", "party": "VVD"}]

    edit_register(project, change)
    first = paragraphs(answer(project, 1028))[0][1]
    assert first.startswith("Vragen van de leden De Krom en Oplaat (beiden VVD) aan de Minister van ")


def test_several_askers_in_the_flemish_header(project):
    def change(questions):
        del questions[5]["asker"]
        questions[5]["askers"] = ["Jan Peeters", {"name": "An De Wit", "party": "CD&V"}]

    edit_register(project, change)
    got = paragraphs(answer(project, 5))
    assert got[3] == (styles.ANSWER_REFERENCE, "op vraag nr. 5 van [datum onbekend] van JAN PEETERS EN AN DE WIT")


def test_an_unknown_date_of_the_answer_is_a_placeholder_to_fill_in(project):
    """The Chamber's layout prints the date of the answer: until the register has it, answer warns."""
    result = run_in(project, "answer", "--question", "10")
    assert result.exit_code == 0, result.output
    assert "placeholders for the date the question was asked, the date of the answer, the member" in result.stderr
    result = run_in(project, "answer", "--question", "8")  # the Flemish layout does not print it
    assert "the date of the answer" not in result.stderr


@pytest.mark.parametrize("source", [0, 1])
def test_the_words_before_the_ministers_title_as_the_chamber_publishes_them(project, source):
    """'aan de' in Dutch; 'au' / 'à la' in French, by gender: compared with published headings."""
    lines = published("kamer-minister-articles.txt")
    dutch, french = lines[3 * source + 1], lines[3 * source + 2]
    cases = [  # (gender, Dutch title, French title), as in the two published questions
        ("m", "vice-eersteminister en minister van Financiën en Duurzame Ontwikkeling, belast met Ambtenarenzaken",
         "vice-premier ministre et ministre des Finances et du Développement durable, chargé de la Fonction publique"),
        ("f", "vice-eerste minister en minister van Begroting en Consumentenzaken",
         "vice-première ministre et ministre du Budget et de la Protection de la consommation"),
    ]
    gender, nl_title, fr_title = cases[source]

    def change(questions):
        questions[10]["minister"] = {"name": "N.N.", "title": nl_title, "gender": gender}
        questions[7].update(template="chambre.docx", asked_in="fr")
        questions[7]["minister"] = {"name": "N.N.", "title": fr_title, "gender": gender}

    edit_register(project, change)
    nl = paragraphs(answer(project, 10))
    fr = paragraphs(answer(project, 7))
    to_nl = nl[0][1].split(" (N.) ", 1)[1].rstrip(":")
    to_fr = fr[0][1].split(" (Fr.) ", 1)[1].rstrip("\u00a0:")
    assert to_nl.startswith("aan de ") and (f"Galant {to_nl}" in dutch or f"Bogaert {to_nl}" in dutch)
    assert to_fr.startswith(("au ", "à la ")) and (f"Galant {to_fr}, sur" in french or f"Bogaert {to_fr} sur" in french)
    assert nl[3][1].startswith(f"Antwoord van de {nl_title} van ")
    assert fr[5][1].startswith(f"Réponse {'de la' if gender == 'f' else 'du'} {fr_title} du ")


def test_layout_keys_for_the_whole_register_and_a_question_that_overrides_them(project):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("notes: notes.yaml ", 'numbering: never\nfile_name: "{answer}-{number}"\n'
                                     "notes: notes.yaml ", 1), encoding="utf-8")
    never = answer(project, 5)
    assert never.name == "antwoord-5.docx"
    assert not [t for s, t in paragraphs(never) if s == styles.ANSWER_NUMBER]
    tk = answer(project, 1028)  # its own numbering: always and file_name win
    assert tk.name == "antwoord-2024-2025-aanhangsel-1028-erkens.docx"
    assert [t for s, t in paragraphs(tk) if s == styles.QUESTION_HEADING] == ["Vraag 1"]
