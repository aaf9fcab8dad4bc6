"""Every SPARQL query osce-kg's own code runs, in one place.

User-derived values never enter this text: they travel as bindings, written into the explicit
slots each query has (``#@bindings`` after the ``{`` of a group, ``$name`` for a bound variable
inside a nested group; see ``osce_kg.store.base``). The embedded store substitutes them, a
remote store writes them where the slots are. Queries composed from a table's columns are built
in ``osce_kg.pages.tables`` from these same rules; the SHACL shapes compiled to SPARQL live in
``osce_kg.validation.sparql``. ``tests/test_queries.py`` parses every query here.
"""

from __future__ import annotations

from rdflib.namespace import RDFS, SKOS

from osce_kg.namespaces import OSCE, SCHEMA, sparql_prologue

_PROLOGUE = sparql_prologue()

# A thing's label in the bound language, else in English (the two OPTIONALs are joined per row).
_LABEL = """
  OPTIONAL {{ {s} rdfs:label {v}l FILTER(langMatches(lang({v}l), $lang)) }}
  OPTIONAL {{ {s} rdfs:label {v}e FILTER(langMatches(lang({v}e), "en")) }}"""


# --- Entity pages (osce_kg.pages.describe)

OUTGOING_QUERY = _PROLOGUE + """
SELECT ?s ?lang ?p ?o ?olabel ?oen ?plabel ?pen ?lat ?long ?ourl WHERE { #@bindings
  ?s ?p ?o .
  OPTIONAL { ?o rdfs:label ?olabel FILTER(langMatches(lang(?olabel), $lang)) }
  OPTIONAL { ?o rdfs:label ?oen FILTER(langMatches(lang(?oen), "en")) }
  OPTIONAL { ?p rdfs:label ?plabel FILTER(langMatches(lang(?plabel), $lang)) }
  OPTIONAL { ?p rdfs:label ?pen FILTER(langMatches(lang(?pen), "en")) }
  OPTIONAL { ?o schema:latitude ?lat ; schema:longitude ?long }
  OPTIONAL { ?o schema:url ?ourl }
}"""

INCOMING_COUNT_QUERY = """
SELECT ?s ?p (COUNT(?x) AS ?n) WHERE { #@bindings
 ?x ?p ?s } GROUP BY ?s ?p"""

# LIMIT and OFFSET cannot be bound as variables; they are formatted from Python ints only.
# The page is cut in a subquery ordered by IRI, so labels are joined for one page only (a
# State is the object of many thousand releases).
INCOMING_PAGE_QUERY = _PROLOGUE + """
SELECT ?s ?lang ?x ?p ?xlabel ?xen ?plabel ?pen WHERE { #@bindings
  { SELECT ?s ?x ?p WHERE { #@bindings
 ?x ?p ?s } ORDER BY ?p ?x LIMIT %d OFFSET %d }
  OPTIONAL { ?x rdfs:label ?xlabel FILTER(langMatches(lang(?xlabel), $lang)) }
  OPTIONAL { ?x rdfs:label ?xen FILTER(langMatches(lang(?xen), "en")) }
  OPTIONAL { ?p rdfs:label ?plabel FILTER(langMatches(lang(?plabel), $lang)) }
  OPTIONAL { ?p rdfs:label ?pen FILTER(langMatches(lang(?pen), "en")) }
} ORDER BY ?p ?x"""

DESCRIPTION_QUERY = _PROLOGUE + """
CONSTRUCT { ?s ?p ?o . ?x ?q ?y } WHERE { #@bindings
  { ?s ?p ?o }
  UNION
  { ?s ?p0 ?x . ?x ?q ?y . FILTER(?q = rdfs:label || ?q = rdf:type || isBlank(?x)) }
}"""

CLASS_COUNT_QUERY = _PROLOGUE + """
SELECT ?class (COUNT(?s) AS ?n) (SAMPLE(?l) AS ?label) WHERE { #@bindings
  ?s a ?class .
  OPTIONAL { ?class rdfs:label ?l FILTER(langMatches(lang(?l), "en")) }
} GROUP BY ?class ORDER BY DESC(?n) ?class"""

CLASS_LABELS_QUERY = _PROLOGUE + """
SELECT ?class ?l WHERE {{ #@bindings
 {{ ?class a owl:Class }} UNION {{ ?class a rdfs:Class }}
  ?class rdfs:label ?l }}"""

PROPERTY_COUNT_QUERY = "SELECT ?p (COUNT(*) AS ?n) WHERE { #@bindings\n ?s ?p ?o } GROUP BY ?p"

EXISTS_QUERY = "ASK { #@bindings\n ?s ?p ?o }"

QUOTATIONS_QUERY = _PROLOGUE + """
SELECT ?s ?lang ?q ?text ?who ?wlabel ?wen ?role ?behalf ?blabel ?ben WHERE { #@bindings
  ?s schema:citation ?q .
  OPTIONAL { ?q schema:text ?text }
  OPTIONAL { ?q schema:creator ?who .
             OPTIONAL { ?who rdfs:label ?wlabel FILTER(langMatches(lang(?wlabel), $lang)) }
             OPTIONAL { ?who rdfs:label ?wen FILTER(langMatches(lang(?wen), "en")) } }
  OPTIONAL { ?q osce:speakerRole ?role }
  OPTIONAL { ?q osce:onBehalfOf ?behalf .
             OPTIONAL { ?behalf rdfs:label ?blabel FILTER(langMatches(lang(?blabel), $lang)) }
             OPTIONAL { ?behalf rdfs:label ?ben FILTER(langMatches(lang(?ben), "en")) } }
} ORDER BY ?q"""


# --- The map (osce_kg.pages.atlas)

# Things with a seat or a venue: ?kind is bound to one class per call.
PLACED_QUERY = _PROLOGUE + """
SELECT ?kind ?lang ?thing ?tl ?te ?place ?pl ?pe ?lat ?long ?start ?end ?host ?hl ?he WHERE { #@bindings
  ?thing a ?kind ; schema:location ?place .
  ?place schema:geo [ schema:latitude ?lat ; schema:longitude ?long ] .
  OPTIONAL { ?thing schema:foundingDate|schema:startDate ?start }
  OPTIONAL { ?thing schema:dissolutionDate|schema:endDate ?end }
  OPTIONAL { ?thing osce:hostCountry ?host .""" + _LABEL.format(s="?host", v="?h") + """ }""" \
    + _LABEL.format(s="?thing", v="?t") + _LABEL.format(s="?place", v="?p") + """
}"""

STATES_QUERY = _PROLOGUE + """
SELECT ?lang ?state ?sl ?se ?iso3 ?iso2 WHERE { #@bindings
  ?state a osce:ParticipatingState .
  OPTIONAL { ?state osce:iso3166Alpha3 ?iso3 }
  OPTIONAL { ?state osce:iso3166Alpha2 ?iso2 }""" + _LABEL.format(s="?state", v="?s") + """
}"""

# Where one thing is: itself (a city), its location, or the place of an event about it; the
# country: itself (a State), its host country, or what its place is contained in (two steps).
WHEREABOUTS_QUERY = _PROLOGUE + """
SELECT ?thing ?lang ?place ?pl ?pe ?lat ?long WHERE { #@bindings
  ?thing (schema:location|org:hasSite|schema:locationCreated)? ?place .
  ?place schema:geo [ schema:latitude ?lat ; schema:longitude ?long ] .""" \
    + _LABEL.format(s="?place", v="?p") + """
}"""

# A country: a State with its ISO code, or a territory without one (matched on the map by
# its English name, as Natural Earth names it: Kosovo).
# One branch per way a thing has a country (Virtuoso 7 cannot compile the same as optional
# paths with flags: SP031); each branch takes the bindings itself, since a nested group does
# not see the outer VALUES block a remote store writes.
COUNTRIES_QUERY = _PROLOGUE + """
SELECT DISTINCT ?thing ?lang ?country ?iso3 ?name ?cl ?ce ?hosted ?chaired WHERE { #@bindings
  { #@bindings
    ?thing schema:containedInPlace* ?country }
  UNION { #@bindings
    ?thing schema:location|org:hasSite|schema:locationCreated ?start .
    ?start schema:containedInPlace* ?country }
  UNION { #@bindings
    ?thing osce:hostCountry ?host . ?host schema:containedInPlace* ?country . BIND(true AS ?hosted) }
  UNION { #@bindings
    ?thing osce:chairingState ?country . BIND(true AS ?chaired) }
  { ?country osce:iso3166Alpha3 ?iso3 }
  UNION { ?country a osce:Territory ; rdfs:label ?name FILTER(langMatches(lang(?name), "en"))
          FILTER NOT EXISTS { ?country osce:iso3166Alpha3 ?code } }""" \
    + _LABEL.format(s="?country", v="?c") + """
}"""


# --- The timeline and the charts (osce_kg.pages.chronology)

CHAIRS_QUERY = _PROLOGUE + """
SELECT ?lang ?c ?year ?state ?sl ?se ?iso2 ?person ?ol ?oe WHERE { #@bindings
  ?c a osce:Chairpersonship ; osce:year ?year .
  OPTIONAL { ?c osce:chairingState ?state . OPTIONAL { ?state osce:iso3166Alpha2 ?iso2 } """ \
    + _LABEL.format(s="?state", v="?s") + """ }
  OPTIONAL { ?c osce:chairpersonInOffice ?person .""" + _LABEL.format(s="?person", v="?o") + """ }
} ORDER BY ?c ?person"""

MEETINGS_QUERY = _PROLOGUE + """
SELECT ?lang ?kind ?e ?el ?ee ?start ?end ?pl ?pe WHERE { #@bindings
  ?e a ?kind ; schema:startDate ?start .
  OPTIONAL { ?e schema:endDate ?end }
  OPTIONAL { ?e schema:location ?place .""" + _LABEL.format(s="?place", v="?p") + """ }""" \
    + _LABEL.format(s="?e", v="?e") + """
}"""

OPERATIONS_QUERY = _PROLOGUE + """
SELECT ?lang ?f ?fl ?fe ?start ?end ?hl ?he WHERE { #@bindings
  ?f a osce:FieldOperation ; schema:foundingDate ?start .
  OPTIONAL { ?f schema:dissolutionDate ?end }
  OPTIONAL { ?f osce:hostCountry ?host .""" + _LABEL.format(s="?host", v="?h") + """ }""" \
    + _LABEL.format(s="?f", v="?f") + """
}"""

TENURES_QUERY = _PROLOGUE + """
SELECT ?lang ?t ?post ?ql ?qe ?start ?end ?holder ?hl ?he WHERE { #@bindings
  ?t a osce:Tenure ; osce:post ?post ; schema:startDate ?start .
  OPTIONAL { ?t schema:endDate ?end }
  OPTIONAL { ?t osce:holder ?holder .""" + _LABEL.format(s="?holder", v="?h") + """ }""" \
    + _LABEL.format(s="?post", v="?q") + """
}"""

RELEASE_YEARS_QUERY = _PROLOGUE + """
SELECT ?x ?year (COUNT(DISTINCT ?r) AS ?n) WHERE { #@bindings
  ?r osce:fieldOfWork|dcterms:publisher ?x ; schema:datePublished ?d .
  BIND(YEAR(?d) AS ?year)
} GROUP BY ?x ?year ORDER BY ?year"""


# --- Labels of the editor's results (osce_kg.pages.labels)

RESULT_LABELS_QUERY = _PROLOGUE + """
SELECT ?s ?l WHERE { #@bindings
  ?s rdfs:label|skos:prefLabel ?l }"""


# --- Search (osce_kg.pages.search)

SEARCHED_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.name, OSCE.acronym,
                       OSCE.formerName)

_SEARCHED_IRIS = ", ".join(f"<{p}>" for p in SEARCHED_PROPERTIES)

SEARCH_LABELS_QUERY = (
    f"SELECT ?s ?p ?l ?en WHERE {{ #@bindings\n ?s ?p ?l . "
    f"FILTER(isIRI(?s) && isLiteral(?l) && ?p IN ({_SEARCHED_IRIS})) "
    f"OPTIONAL {{ ?s <{RDFS.label}> ?en FILTER(langMatches(lang(?en), \"en\")) }} }}"
)

# One line about a hit: its most telling type, a place and a date.
HIT_QUERY = _PROLOGUE + """
SELECT ?s ?lang ?type ?tl ?ten ?date ?where ?rank ?wl ?wen WHERE { #@bindings
  OPTIONAL { ?s a ?type .
    OPTIONAL { ?type rdfs:label ?tl FILTER(langMatches(lang(?tl), $lang)) }
    OPTIONAL { ?type rdfs:label ?ten FILTER(langMatches(lang(?ten), "en")) } }
  OPTIONAL { ?s schema:datePublished|schema:startDate|schema:foundingDate|osce:participatingSince
                |osce:partnerSince|osce:year ?date }
  OPTIONAL {
    { ?s osce:hostCountry ?where BIND(1 AS ?rank) }
    UNION { ?s osce:chairingState ?where BIND(2 AS ?rank) }
    UNION { ?s schema:locationCreated ?where BIND(3 AS ?rank) }
    UNION { ?s schema:location ?where BIND(4 AS ?rank) }
    UNION { ?s schema:containedInPlace ?where BIND(5 AS ?rank) }
    UNION { ?s schema:nationality ?where BIND(6 AS ?rank) }
    OPTIONAL { ?where rdfs:label ?wl FILTER(langMatches(lang(?wl), $lang)) }
    OPTIONAL { ?where rdfs:label ?wen FILTER(langMatches(lang(?wen), "en")) } }
}"""


# --- Tables (osce_kg.pages.tables; sorted and filtered pages are composed there from the columns)

MANY_QUERY = _PROLOGUE + """SELECT ?s ?lang ?p ?o ?l ?en WHERE { #@bindings
  ?s ?p ?o .
  OPTIONAL { ?o rdfs:label ?l FILTER(langMatches(lang(?l), $lang)) }
  OPTIONAL { ?o rdfs:label ?en FILTER(langMatches(lang(?en), "en")) }
} ORDER BY LCASE(STR(COALESCE(?l, ?en)))"""


# --- Statistics (osce_kg.build.stats)

STATS_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { #@bindings
 ?s a ?class }
GROUP BY ?class ORDER BY DESC(?n) STR(?class)
"""

STATS_PROPERTY_COUNTS = """
SELECT ?property (COUNT(*) AS ?n) WHERE { #@bindings
 ?s ?property ?o }
GROUP BY ?property ORDER BY DESC(?n) STR(?property)
"""

# ?space is bound; Oxigraph substitutes projected variables only, hence the GROUP BY.
ENTITY_COUNT = """
SELECT ?space (COUNT(DISTINCT ?s) AS ?n)
WHERE { #@bindings
 ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?space)) }
GROUP BY ?space
"""

DISTINCT_SUBJECTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { #@bindings\n ?s ?p ?o }"

DISTINCT_OBJECTS = "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { #@bindings\n ?s ?p ?o }"


# --- The remote store's control graph (osce_kg.store.remote)

CURRENT_VERSION_QUERY = """
SELECT ?current ?id WHERE { #@bindings
  GRAPH ?control { ?control dcat:hasCurrentVersion ?current .
                   OPTIONAL { ?current dcat:version ?id } }
}"""

COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { #@bindings\n ?s ?p ?o }"


# --- Loading a build into a remote engine (osce_kg.store.remote.load)

REGISTER_VERSION = """
INSERT { GRAPH ?c { ?c dcat:hasVersion ?v . ?v dcat:version ?id ; dcterms:created ?at ;
                    void:triples ?n } }
WHERE { #@bindings
 }"""

SWITCH_VERSION = """
DELETE { GRAPH ?c { ?c dcat:hasCurrentVersion ?old } }
INSERT { GRAPH ?c { ?c dcat:hasCurrentVersion ?v . ?v dcat:previousVersion ?old ;
                    dcterms:issued ?at } }
WHERE { #@bindings
 OPTIONAL { GRAPH ?c { ?c dcat:hasCurrentVersion ?old } } }"""

FORGET_VERSION = """
DELETE { GRAPH ?c { ?c dcat:hasVersion ?v . ?v ?p ?o } }
WHERE { #@bindings
 GRAPH ?c { ?v ?p ?o } }"""

VERSIONS_QUERY = """
SELECT ?v ?current ?previous WHERE { #@bindings
 GRAPH ?c {
  ?c dcat:hasVersion ?v .
  OPTIONAL { ?c dcat:hasCurrentVersion ?current .
             OPTIONAL { ?current dcat:previousVersion ?previous } } } }"""

COUNT_IN_GRAPH = "SELECT (COUNT(*) AS ?n) WHERE { #@bindings\n GRAPH ?g { ?s ?p ?o } }"
