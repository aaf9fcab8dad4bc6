"""The embedded query evaluator: user queries run in worker processes that end at the deadline.

The engine call (pyoxigraph) cannot be interrupted, and the engine can abort its process, so
a user query never runs in a server process. This module is the server's side; the processes
themselves are in :mod:`osce_kg.store.embedded.processes`:

- a *zygote*, forked once from the process that loaded the store (``start()`` in the gunicorn
  master before it forks the server workers, so from a single thread), forks a fresh
  evaluator process on request; the zygote is shared by every server process, evaluators are
  interchangeable;
- *evaluator processes*, children of the zygote, each answer one query at a time: parse (the
  engine's own parser: syntax errors with their position, :func:`syntax_error`), evaluate,
  stop at the row cap, and serialize the answer to bytes in the negotiated format;
- each server process keeps a pool of at most ``processes`` evaluators (one per request
  thread), so one slow query never delays another client's. At the deadline the server kills
  the evaluator (SIGKILL) and the next request gets a fresh one; an evaluator that dies (a
  crash in the engine, the memory cap) costs one error response, never the server;
- a request whose client hangs up (``QueryRequest.client_gone``, polled every
  ``CLIENT_POLL_S`` while waiting for an evaluator or its answer) has its evaluator killed at
  once, so abandoned queries do not hold evaluators that the next requests wait for.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import re
import select
import signal
import socket
import threading
import time
from collections.abc import Callable

import pyoxigraph as ox

from osce_kg.errors import BadQuery, NotOffered, QueryTimeout, StoreUnavailable
from osce_kg.rdf.results import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES
from osce_kg.store.base import QueryAnswer, QueryRequest
from osce_kg.store.embedded.processes import Zygote, receive, send

log = logging.getLogger(__name__)
_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)

# Address space an evaluator may add to what it inherits (the store): a runaway ORDER BY or
# GROUP BY ends with a failed allocation in its own process, not with the machine swapping.
MEMORY_BUDGET_BYTES = 3 * 1024**3
# how often a waiting request looks whether its client is still connected
CLIENT_POLL_S = 0.05


def syntax_error(message: str) -> BadQuery:
    """``BadQuery`` from a pyoxigraph ``SyntaxError`` message ("error at 3:14: expected …")."""
    found = _POSITION.match(message.strip())
    if not found:
        return BadQuery(f"SPARQL syntax error: {message}")
    line, column, detail = found.groups()
    detail = " ".join(detail.split())
    if len(detail) > 300:
        detail = detail[:300] + " …"
    return BadQuery(f"SPARQL syntax error at line {line}, column {column}: {detail}",
                    position=f"{line}:{column}")


class EmbeddedEvaluator:
    """:class:`~osce_kg.store.base.QueryEvaluator` over a pyoxigraph store (see the module doc)."""

    def __init__(self, store: ox.Store, *, processes: int = 4,
                 memory_budget: int | None = MEMORY_BUDGET_BYTES) -> None:
        self._size = max(1, processes)
        self._store = store
        self._memory_budget = memory_budget
        self._zygote: Zygote | None = None
        self._available = threading.Condition()
        self._idle: list[_Worker] = []
        self._count = 0
        self._owner = os.getpid()

    def start(self) -> None:
        """Fork the zygote now (otherwise: at the first query of each process)."""
        with self._available:
            self._own_pool()

    def evaluate(self, request: QueryRequest, *, timeout_s: float, max_rows: int) -> QueryAnswer:
        _check_media_type(request)
        deadline = time.monotonic() + timeout_s
        worker = self._acquire(deadline, timeout_s, request.client_gone)
        job = (request.text, request.media_type, request.default_graphs, request.named_graphs,
               max_rows)
        try:
            reply = worker.call(job, deadline, request.client_gone)
        except _ClientGone:
            self._discard(worker)
            raise QueryTimeout("the client closed the connection before the answer was ready; "
                               "the query was stopped", limit_s=timeout_s) from None
        except TimeoutError:
            self._discard(worker)
            raise QueryTimeout(f"the query did not finish within the time limit of "
                               f"{timeout_s:g} s; narrow it (more specific patterns, LIMIT) "
                               "or query a copy of the dumps", limit_s=timeout_s) from None
        except (OSError, EOFError, pickle.UnpicklingError):
            self._discard(worker)
            raise BadQuery("the query engine stopped while evaluating this query (its process "
                           "ended); the query is too large or too complex for this endpoint"
                           ) from None
        self._release(worker)
        status, *rest = reply
        if status == "ok":
            body, truncated, rows = rest
            return QueryAnswer(body, request.media_type, request.form, truncated, rows)
        if status == "syntax":
            raise syntax_error(rest[0])
        raise BadQuery(f"the query cannot be evaluated: {rest[0]}")

    def close(self) -> None:
        with self._available:
            idle, self._idle = self._idle, []
            zygote, self._zygote = self._zygote, None
        for worker in idle:
            worker.kill()
        if zygote is not None:
            zygote.close()

    # --- the pool of this process
    def _acquire(self, deadline: float, timeout_s: float,
                 client_gone: Callable[[], bool] | None = None) -> _Worker:
        with self._available:
            zygote = self._own_pool()
            while not self._idle and self._count >= self._size:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise QueryTimeout(f"every evaluator stayed busy for {timeout_s:g} s",
                                       limit_s=timeout_s)
                if client_gone is None:
                    self._available.wait(remaining)
                elif not self._available.wait(min(remaining, CLIENT_POLL_S)) and client_gone():
                    raise QueryTimeout("the client closed the connection while the query "
                                       "waited for an evaluator", limit_s=timeout_s)
            if self._idle:
                return self._idle.pop()
            self._count += 1
        try:
            return _Worker(*zygote.spawn())
        except StoreUnavailable:
            self._discard(None)
            raise

    def _own_pool(self) -> Zygote:
        """This process's zygote and pool (a server process forked after us starts its own)."""
        if os.getpid() != self._owner:  # the zygote is shared; evaluators are not
            self._owner, self._idle, self._count = os.getpid(), [], 0
        if self._zygote is None:
            self._zygote = Zygote(self._store, self._memory_budget)
        return self._zygote

    def _release(self, worker: _Worker) -> None:
        with self._available:
            if worker.owner == self._owner:
                self._idle.append(worker)
            self._available.notify()

    def _discard(self, worker: _Worker | None) -> None:
        if worker is not None:
            worker.kill()
        with self._available:
            if worker is None or worker.owner == self._owner:
                self._count -= 1
            self._available.notify()


def _check_media_type(request: QueryRequest) -> None:
    graph = request.form in ("construct", "describe")
    offered = GRAPH_MEDIA_TYPES if graph else RESULT_MEDIA_TYPES
    if request.media_type not in offered:
        raise NotOffered(f"{request.media_type} is not offered for {request.form.upper()} "
                            "results", offers=list(offered))


class _Worker:
    """The server's end of one evaluator process."""

    def __init__(self, pid: int, sock: socket.socket) -> None:
        self.pid = pid
        self.sock = sock
        self.owner = os.getpid()

    def call(self, job: tuple, deadline: float,
             client_gone: Callable[[], bool] | None = None) -> tuple:
        self.sock.settimeout(max(0.001, deadline - time.monotonic()))
        send(self.sock, job)
        if client_gone is not None:
            self._wait_for_answer(deadline, client_gone)
        return receive(self.sock, deadline)

    def _wait_for_answer(self, deadline: float, client_gone: Callable[[], bool]) -> None:
        """Until the answer starts: ``TimeoutError`` at the deadline, ``_ClientGone`` as soon
        as the client has hung up (looked at every ``CLIENT_POLL_S``)."""
        poller = select.poll()
        poller.register(self.sock, select.POLLIN)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            if poller.poll(max(1, int(min(remaining, CLIENT_POLL_S) * 1000))):
                return
            if client_gone():
                raise _ClientGone

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.pid, signal.SIGKILL)
        self.sock.close()


class _ClientGone(Exception):
    """The client of the request closed its connection while its query ran."""


def peer_closed(sock: socket.socket) -> bool:
    """Whether the other end of a connected ``sock`` has closed it (or reset it); bytes it
    sent and nobody read yet (a pipelined request) stay unread. For the web layer's
    ``QueryRequest.client_gone`` over the request's socket (gunicorn's ``gunicorn.socket``)."""
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError):
        return False
    except OSError:
        return True
