"""The embedded query evaluator: user queries run in worker processes that end at the deadline.

The engine call (pyoxigraph) cannot be interrupted, and the engine can abort its process, so
a user query never runs in a server process. The layout:

- a *zygote*, forked once from the process that loaded the store (``start()`` in the gunicorn
  master before it forks the server workers, so from a single thread), holds the store
  copy-on-write and does one thing: fork a fresh evaluator process on request and pass back
  its socket (``SCM_RIGHTS`` over a ``SOCK_SEQPACKET`` pair that every server process shares:
  evaluators are interchangeable, so whichever process reads a reply may keep it);
- *evaluator processes*, children of the zygote, each answer one query at a time: parse (the
  engine's own parser: syntax errors with their position), evaluate, stop at the row cap, and
  serialize the answer to bytes in the negotiated format (``osce_kg.rdf.results``);
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
import faulthandler
import logging
import os
import pickle
import re
import resource
import select
import signal
import socket
import stat
import struct
import threading
import time
import weakref
from collections.abc import Callable
from itertools import islice

import pyoxigraph as ox

from osce_kg.errors import BadQuery, NotOffered, QueryTimeout, StoreUnavailable
from osce_kg.namespaces import PREFIXES
from osce_kg.rdf.results import (
    GRAPH_MEDIA_TYPES,
    RESULT_MEDIA_TYPES,
    serialize_solutions,
    serialize_triples,
    write_boolean,
    write_solutions,
)
from osce_kg.store.base import QueryAnswer, QueryRequest

log = logging.getLogger(__name__)
_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)

# Address space an evaluator may add to what it inherits (the store): a runaway ORDER BY or
# GROUP BY ends with a failed allocation in its own process, not with the machine swapping.
MEMORY_BUDGET_BYTES = 3 * 1024**3
_HEADER = struct.Struct("!Q")
# how often a waiting request looks whether its client is still connected
CLIENT_POLL_S = 0.05
# the zygotes' control sockets this process holds: a new zygote closes its copies of them
_CONTROLS: weakref.WeakSet[socket.socket] = weakref.WeakSet()


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
        self._zygote: _Zygote | None = None
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
            return zygote.spawn()
        except StoreUnavailable:
            self._discard(None)
            raise

    def _own_pool(self) -> _Zygote:
        """This process's zygote and pool (a server process forked after us starts its own)."""
        if os.getpid() != self._owner:  # the zygote is shared; evaluators are not
            self._owner, self._idle, self._count = os.getpid(), [], 0
        if self._zygote is None:
            self._zygote = _Zygote(self._store, self._memory_budget)
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
        _send(self.sock, job)
        if client_gone is not None:
            self._wait_for_answer(deadline, client_gone)
        return _receive(self.sock, deadline)

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


class _Zygote:
    """The process that forks evaluators; shared by the server processes forked after it."""

    def __init__(self, store: ox.Store, memory_budget: int | None) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        middle = os.fork()
        if middle == 0:  # double fork: the zygote is nobody's zombie
            try:
                ours.close()
                for other in list(_CONTROLS):  # so that older zygotes see their end close
                    other.close()
                if os.fork() == 0:
                    _close_inherited_channels(keep=theirs.fileno())
                    _run_zygote(theirs, store, memory_budget)
            finally:
                os._exit(0)
        theirs.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(middle, 0)
        self._sock = ours
        self._lock = threading.Lock()
        _CONTROLS.add(ours)

    def spawn(self) -> _Worker:
        try:
            with self._lock:
                self._sock.send(b"fork")
                message, fds, _, _ = socket.recv_fds(self._sock, 64, 1)
        except OSError as exc:
            raise StoreUnavailable(f"the query evaluator is not running: {exc}") from exc
        if not fds:
            raise StoreUnavailable("the query evaluator is not running")
        return _Worker(int(message), socket.socket(fileno=fds[0]))

    def close(self) -> None:
        self._sock.close()


def _close_inherited_channels(*, keep: int) -> None:
    """Close the pipes and sockets the zygote inherited (a server's listening socket, a parent's
    pipes to its own children), so that they close when their owners close them; files stay open
    (an on-disk store reads through them)."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd <= 2 or fd == keep:
            continue
        try:
            mode = os.fstat(fd).st_mode
        except OSError:
            continue
        if stat.S_ISSOCK(mode) or stat.S_ISFIFO(mode):
            with contextlib.suppress(OSError):
                os.close(fd)


def _run_zygote(sock: socket.socket, store: ox.Store, memory_budget: int | None) -> None:
    _default_signals()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # evaluators are reaped by the kernel
    while sock.recv(16):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:
            try:
                sock.close()
                ours.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _run_evaluator(theirs, store, memory_budget)
            finally:
                os._exit(0)
        theirs.close()
        socket.send_fds(sock, [str(pid).encode()], [ours.fileno()])
        ours.close()


def _default_signals() -> None:
    """Forget the server's signal handlers (gunicorn's would run in the wrong process)."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
                   signal.SIGUSR2, signal.SIGWINCH, signal.SIGTTIN, signal.SIGTTOU):
        signal.signal(number, signal.SIG_DFL)


def _run_evaluator(sock: socket.socket, store: ox.Store, memory_budget: int | None) -> None:
    faulthandler.disable()  # an engine crash is answered as an error, not dumped to the log
    if memory_budget is not None:
        _limit_memory(memory_budget)
    while True:
        try:
            job = _receive(sock, None)
        except (OSError, EOFError):
            return
        _send(sock, evaluate_job(store, *job))


def _limit_memory(budget: int) -> None:
    with open("/proc/self/statm", encoding="ascii") as fh:
        inherited = int(fh.read().split()[0]) * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = inherited + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def evaluate_job(store: ox.Store, text: str, media_type: str,
                 default_graphs: tuple[str, ...], named_graphs: tuple[str, ...],
                 max_rows: int) -> tuple:
    """Evaluate one query and serialize its answer: ``("ok", body, truncated, rows)``, or
    ``("syntax", message)`` / ``("error", message)``. Runs inside an evaluator process."""
    def run():
        return store.query(
            text, prefixes=PREFIXES,
            default_graph=[ox.NamedNode(g) for g in default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] or None)

    try:
        result = run()
        if isinstance(result, ox.QueryBoolean):
            return ("ok", write_boolean(bool(result), media_type), False, 1)
        if isinstance(result, ox.QuerySolutions):
            native = serialize_solutions(result, media_type, max_rows)
            if native is not None:
                return ("ok", *native)
            result = run()  # too long for the native writer's budget: stop at the cap
            names = [v.value for v in result.variables]
            rows = list(islice(result, max_rows + 1))
            body = write_solutions(names, rows[:max_rows], media_type)
            return ("ok", body, len(rows) > max_rows, min(len(rows), max_rows))
        return ("ok", *serialize_triples(result, media_type, max_rows))
    except SyntaxError as exc:
        return ("syntax", str(exc))
    except (OSError, RuntimeError, ValueError, TypeError, MemoryError) as exc:
        return ("error", str(exc))


def _send(sock: socket.socket, message: object) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def _receive(sock: socket.socket, deadline: float | None) -> tuple:
    """One message: its length and (mostly) its payload come with the same ``recv``. Requests
    and replies alternate, so nothing past this message has been sent yet."""
    buffer = bytearray()
    while len(buffer) < _HEADER.size:
        buffer += _recv(sock, 1 << 16, deadline)
    (size,) = _HEADER.unpack_from(buffer)
    end = _HEADER.size + size
    while len(buffer) < end:
        buffer += _recv(sock, min(end - len(buffer), 1 << 20), deadline)
    return pickle.loads(memoryview(buffer)[_HEADER.size:end])


def _recv(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    if deadline is not None:
        sock.settimeout(max(0.001, deadline - time.monotonic()))
    chunk = sock.recv(size)
    if not chunk:
        raise EOFError("the evaluator process ended")
    return chunk
