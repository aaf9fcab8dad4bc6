"""The page model: what entity, class, ontology and search pages show, independent of Flask."""
