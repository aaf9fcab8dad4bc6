"""RDF in and out: reading and writing files, term conversion, SPARQL answer writers."""
