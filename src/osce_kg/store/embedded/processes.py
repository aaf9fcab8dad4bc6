"""The processes behind the embedded evaluator (:mod:`osce_kg.store.embedded.evaluator` is the
server's side): the zygote that forks evaluator processes, what runs in one, and the messages
between a server process and an evaluator.

- The *zygote*, forked once from the process that loaded the store (from a single thread),
  holds the store copy-on-write and does one thing: fork a fresh evaluator process on request
  and pass back its socket (``SCM_RIGHTS`` over a ``SOCK_SEQPACKET`` pair that every server
  process shares: evaluators are interchangeable, so whichever process reads a reply may keep
  it). It is double-forked (nobody's zombie) and closes the pipes and sockets it inherited.
- An *evaluator process* answers one query at a time (:func:`evaluate_job`): parse (the engine's
  own parser), evaluate, stop at the row cap, serialize to bytes in the negotiated format. Its
  address space is capped (``memory_budget`` above what it inherits), and an engine crash ends
  it without a dump in the log.
- A message is a pickle behind its length (:func:`send`, :func:`receive`); requests and replies
  alternate.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import resource
import signal
import socket
import stat
import struct
import threading
import time
import weakref
from itertools import islice

import pyoxigraph as ox

from osce_kg.errors import StoreUnavailable
from osce_kg.namespaces import PREFIXES
from osce_kg.rdf.results import (
    serialize_solutions,
    serialize_triples,
    write_boolean,
    write_solutions,
)

_HEADER = struct.Struct("!Q")
# the zygotes' control sockets this process holds: a new zygote closes its copies of them
_CONTROLS: weakref.WeakSet[socket.socket] = weakref.WeakSet()


class Zygote:
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

    def spawn(self) -> tuple[int, socket.socket]:
        """A new evaluator process: its pid and the socket to it."""
        try:
            with self._lock:
                self._sock.send(b"fork")
                message, fds, _, _ = socket.recv_fds(self._sock, 64, 1)
        except OSError as exc:
            raise StoreUnavailable(f"the query evaluator is not running: {exc}") from exc
        if not fds:
            raise StoreUnavailable("the query evaluator is not running")
        return int(message), socket.socket(fileno=fds[0])

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
            job = receive(sock, None)
        except (OSError, EOFError):
            return
        send(sock, evaluate_job(store, *job))


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


def send(sock: socket.socket, message: object) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def receive(sock: socket.socket, deadline: float | None) -> tuple:
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
