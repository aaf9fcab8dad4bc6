"""The embedded backend: pyoxigraph in this process, user queries in killable worker processes."""
