"""The query path of the public endpoint: the guard, the result cache, the examples."""
