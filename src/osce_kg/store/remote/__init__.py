"""The remote backend: a SPARQL 1.1 engine (Virtuoso, …) over HTTP, and loading builds into it."""
