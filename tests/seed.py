"""The seed answer (../shared/seed/), as the values a generated answer must show.

Written out here so the tests run anywhere; test_seed_answer also checks every paragraph
against the seed file itself when it is present (as it is in CI).
"""

TABLE = [
    ["", "VAK budget", "VEK budget"],
    ["2014", "n.v.t. (1)", "n.v.t. (1)"],
    ["2015", "n.v.t. (1)", "n.v.t. (1)"],
    ["2016", "14.250.000 (2)", "(3)"],
    ["2017", "58.000.000", "(3)"],
    ["2018", "58.000.000", "45.800.000"],
]

NOTES = [
    "(1) In 2014 en 2015 was er nog geen budget voor de clusters. De innovatieve bedrijfsnetwerken en "
    "speerpuntclusters werden in 2016 opgestart. In 2014 en 2015 was er steun voor projecten binnen de "
    "‘lichte structuren’.",
    "(2) De 14,250 miljoen euro aan clustersteun was opgesplitst in 6,750 mln euro voor IBN (Innovatieve "
    "BedrijfsNetwerken) en 7,5 mln euro voor de speerpuntclusters",
    "(3) In 2016 en 2017 vormde de clustersteun een deel van de basisallocatie voor ‘bedrijfssteun’. De VEK werd "
    "niet apart gebudgetteerd. Er was in 2016 en 2017 resp. 145,585 mln euro en 102,493 mln euro aan VEK voorzien "
    "voor de bedrijfssteun (O&O projecten, KMO projecten, clustersteun en VIS).",
]

PREAMBLE = (
    "Vooreerst een verduidelijking. De 1500 grote, middelgrote en kleine ondernemingen en 1100 bedrijven waarvan "
    "sprake in de inleiding van de vraag betreft niet de bedrijven die steun ontvangen via de clusters, maar het "
    "aantal clusterleden en leden van de innovatieve bedrijfsnetwerken."
)

ANSWERS = {
    1: "1. Hieronder een overzicht van de vastleggings- en vereffeningskredieten voor subsidies aan bedrijfsclusters:",
    2: "2. De middelen op de budgetlijn voor de clusters zijn niet enkel bestemd voor steun aan bedrijven. Een deel van "
    "deze middelen wordt toegekend aan de clusterorganisaties om hun werking te financieren, een ander deel gaat naar "
    "kennisinstellingen die onderzoek uitvoeren ten bate van de clusterleden. De figuur in het jaarverslag 2018 van "
    "het Agentschap Innoveren en Ondernemen bevat enkel het aandeel van de steun dat rechtstreeks toegekend werd aan "
    "bedrijven.",
    3: "3. Circa 45% van de steun was bestemd voor kmo’s, 55% voor grote ondernemingen.",
    4: "4. De opvolging van de speerpuntclusters vanuit VLAIO is tweeledig. Enerzijds is het agentschap aanwezig als "
    "waarnemer bij de vergaderingen van de raden van bestuur van de speerpuntclusters en is er een accountmanager die "
    "vanuit VLAIO de werking opvolgt en fungeert als eerste aanspreekpunt voor de speerpuntcluster. Anderzijds gebeurt "
    "de inhoudelijke opvolging via de verslaggeving van de uitvoering van de overeenkomst. Deze verslaggeving bestaat "
    "uit een jaarlijks cofinancieringsverslag en financieel verslag ten behoeve van de jaarlijkse afrekening van de "
    "subsidie en een jaarlijks inhoudelijk voortgangsverslag (incl. KPI’s en voortgang van het clusterpact). Naast de "
    "jaarlijkse voortgangsverslaggeving is er voor de speerpuntclusters ook een tussentijdse verslaggeving die "
    "samenvalt met het voortgangsverslag na 2 jaar. De tussentijdse evaluatie vormt de aanleiding voor een beslissing "
    "van de verderzetting/verlenging van de steun voor de basiswerking. Belangrijk onderdeel van deze tussentijdse "
    "evaluatie is onder meer een zelfevaluatie van de clusterwerking die gevalideerd werd door de Raad van Bestuur van "
    "de respectievelijke speerpuntcluster.",
}

AFTER_TABLE = "De definitieve cijfers voor 2019 moeten nog verwerkt worden."
