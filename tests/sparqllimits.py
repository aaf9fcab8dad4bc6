"""The endpoint limits the SPARQL tests run the server with (short, so limits are reached fast)."""

TIME_LIMIT_S = 2.0
MAX_ROWS = 500
