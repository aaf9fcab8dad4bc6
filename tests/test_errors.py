"""The domain errors as HTTP statuses (web/errors.py) and exit codes (cli.py): one table each."""

from __future__ import annotations

import pytest

from osce_kg import errors
from osce_kg.cli import exit_code_of
from osce_kg.web.errors import status_of

CASES = [  # (error, HTTP status, exit code)
    (errors.InputError("x"), 400, 2),
    (errors.SourceError("x.ttl: line 4"), 500, 2),
    (errors.BadQuery("x"), 400, 2),
    (errors.QueryRefused("x"), 400, 2),
    (errors.TooLarge("x"), 413, 2),
    (errors.UrlTooLong("x"), 414, 2),
    (errors.UnknownName("x"), 404, 2),
    (errors.UnknownEntity("x"), 404, 2),
    (errors.NotOffered("x"), 406, 2),
    (errors.QueryTimeout("x", limit_s=1.0), 503, 2),
    (errors.StoreUnavailable("x"), 503, 2),
    (errors.UnsupportedShape("x"), 500, 2),
    (errors.MissingTool("npm"), 500, 2),
    (errors.ValidationFailed("x"), 500, 1),
    (errors.LoadFailed("x"), 500, 1),
]


@pytest.mark.parametrize(("error", "status", "exit_code"), CASES,
                         ids=[type(case[0]).__name__ for case in CASES])
def test_each_domain_error_has_one_status_and_one_exit_code(error, status, exit_code):
    assert (status_of(error), exit_code_of(error)) == (status, exit_code)


def test_the_domain_errors_know_nothing_of_http():
    for name in dir(errors):
        cls = getattr(errors, name)
        if isinstance(cls, type) and issubclass(cls, errors.OsceKgError):
            assert not {"code", "status", "status_code"} & set(vars(cls)), name
