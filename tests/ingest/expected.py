"""Expected extraction results for the invented fixture pages, written by hand from the pages.

Keys: (file name, entry index). Values use slugs ("kind/slug") for linked things.
"""

from __future__ import annotations

SEED = "osce-page-2007-10-26-vilnius-trafficking-conference.txt"

EXPECTED: dict[tuple[str, int], dict] = {
    ("release-almaty-workshop.txt", 0): dict(
        title="OSCE Centre in Almaty hosts regional workshop on border security for Central Asian "
              "officials",
        date="2009-05-14", places={"place/almaty"},
        publisher={"field-operation/programme-office-in-astana"},
        fields={"field/border-management", "field/policing"},
        speakers={"person/alexandre-keltchewsky", "person/marat-ospanov"},
        roles={"Head of the OSCE Centre in Almaty", "Kazakh Deputy Minister of Interior"},
        event=dict(kind="Workshop", start="2009-05-14", end="2009-05-16", location="place/almaty",
                   organisers={"field-operation/programme-office-in-astana", "organisation/unodc"},
                   participants=40)),
    ("release-bern-statement.txt", 0): dict(
        title="Chairperson-in-Office welcomes agreement on ceasefire monitoring in Georgia",
        date="2014-04-02", places={"place/bern"}, publisher={"chairpersonship/2014"},
        fields={"field/conflict-prevention-and-resolution"},
        speakers={"person/didier-burkhalter"},
        roles={"OSCE Chairperson-in-Office, Swiss Foreign Minister"}, event=None),
    ("release-vienna-media.txt", 0): dict(
        title="Media freedom conference in Vienna discusses safety of journalists",
        date="2012-11-18", places={"place/vienna"}, publisher={"structure/rfom"},
        fields={"field/media-freedom-and-development", "topic/safety-of-journalists"},
        speakers={"person/dunja-mijatovic", "person/taro-yamada"},
        roles={"OSCE Representative on Freedom of the Media", "Ambassador of Japan to the OSCE"},
        event=dict(kind="Conference", start="2012-11-18", end="2012-11-18", location="place/vienna",
                   organisers={"structure/rfom"}, participants=200)),
    ("release-warsaw-elections.txt", 0): dict(
        title="ODIHR trains long-term election observers from 30 participating States",
        date="2011-03-07", places={"place/warsaw"},
        publisher={"structure/odihr", "field-operation/mission-to-georgia"},
        fields={"field/elections"}, speakers={"person/ewa-nowacka-dabrowska"},
        roles={"ODIHR Election Adviser"},
        event=dict(kind="Workshop", start="2011-03-03", end="2011-03-07", location="place/warsaw",
                   organisers=set(), participants=30)),
    ("release-tirana-brussels.txt", 0): dict(
        title="Joint statement on the Albanian electoral reform", date="2013-01-21",
        places={"place/tirana", "place/brussels", "place/geneva"},
        publisher={"field-operation/presence-in-albania", "structure/troika"},
        fields={"field/elections", "field/democratization"},
        speakers={"person/eugen-wollfarth"}, roles={"Head of the OSCE Presence in Albania"},
        event=None),
    ("release-helsinki-gender.txt", 0): dict(
        title="OSCE Chairpersonship hosts gender equality conference", date="2025-06-03",
        places={"place/helsinki"}, publisher={"chairpersonship/2025"},
        fields={"field/gender-equality"}, speakers=set(), roles=set(),
        event=dict(kind="Conference", start="2025-06-03", end="2025-06-04",
                   location="place/helsinki",
                   organisers={"chairpersonship/2025", "organisation/un-women"}, participants=120)),
    ("listing-newsroom-2016.txt", 0): dict(
        title="OSCE Mission to Skopje supports municipal water management training",
        date="2016-09-12", places={"place/skopje"},
        publisher={"structure/secretariat", "field-operation/mission-to-skopje"},
        fields={"field/good-governance", "field/environmental-activities",
                "topic/water-management"}, speakers=set(), roles=set(),
        event=dict(kind="Workshop", start=None, end=None, location="place/skopje",
                   organisers={"field-operation/mission-to-skopje"}, participants=None)),
    ("listing-newsroom-2016.txt", 1): dict(
        title="Spillover Monitor Mission marks anniversary", date="2002-09-10",
        places={"place/skopje"}, publisher={"field-operation/mission-to-skopje"},
        fields={"field/conflict-prevention-and-resolution"}, speakers=set(), roles=set(),
        event=None),
    ("listing-newsroom-2016.txt", 2): dict(
        title="Chairmanship calls for restraint", date="2010-05-05", places={"place/astana"},
        publisher={"chairpersonship/2010"},
        fields={"field/combating-trafficking-in-human-beings",
                "field/conflict-prevention-and-resolution"}, speakers=set(), roles=set(),
        event=None),
    ("listing-newsroom-2016.txt", 3): dict(
        title="Daily update from the Special Monitoring Mission", date="2021-03-03", places=set(),
        publisher={"structure/permanent-council"},
        fields={"field/conflict-prevention-and-resolution"}, speakers=set(), roles=set(),
        event=None),
    ("listing-newsroom-weekly.txt", 0): dict(
        title="OSCE Programme Office in Astana and Kazakhstan hold seminar on energy security",
        date="2019-10-15", places={"place/astana"},
        publisher={"field-operation/programme-office-in-astana"},
        fields={"field/economic-activities", "topic/energy-security"}, speakers=set(),
        roles=set(),
        event=dict(kind="Workshop", start="2019-10-13", end="2019-10-14",
                   location="place/astana",
                   organisers={"field-operation/programme-office-in-astana"}, participants=None)),
    ("listing-newsroom-weekly.txt", 1): dict(
        title="OSCE Chairpersonship statement on Mediterranean partners", date="2019-10-20",
        places=set(), publisher={"structure/office-of-the-secretary-general"},
        fields={"field/tolerance-and-non-discrimination"}, speakers=set(), roles=set(),
        event=dict(kind="Conference", start="2019-10-20", end="2019-10-20",
                   location="place/tirana", organisers=set(), participants=100)),
    (SEED, 0): dict(
        title="OSCE conference in Vilnius calls for zero tolerance, more co-operation to fight "
              "human trafficking",
        date="2007-10-26", places={"place/vilnius"}, publisher={"structure/secretariat"},
        fields={"field/combating-trafficking-in-human-beings"},
        speakers={"person/eva-biaudet", "person/fidel-lopez", "person/raimondas-sukys"},
        roles={"Special Representative and Co-ordinator for Combating Trafficking in Human Beings",
               "Spanish Ambassador", "Lithuanian Interior Minister"},
        event=dict(kind="Conference", start="2007-10-25", end="2007-10-26",
                   location="place/vilnius",
                   organisers={"organisation/osce", "state/lithuania", "organisation/unodc"},
                   participants=150)),
}
