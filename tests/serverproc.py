"""A real ``osce-kg serve`` process for tests: a free port, start, wait until ready, stop."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

OSCE_KG = str(Path(sys.executable).with_name("osce-kg"))


class ServerURL(str):
    """The base URL of a running server, with the pid of its gunicorn master."""

    pid: int


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served(store: Path, *, log_path: Path, ready_path: str = "/", options: tuple[str, ...] = (),
           env: dict[str, str] | None = None, wait_s: float = 90) -> Iterator[ServerURL]:
    """Run ``osce-kg serve --store STORE --host 127.0.0.1 --port P [options]`` and yield its base
    URL once ``ready_path`` answers 200; stop it afterwards. Fails with the server's log if it
    exits or never answers; asserts its log holds no traceback."""
    port = free_port()
    base = ServerURL(f"http://127.0.0.1:{port}")
    command = [OSCE_KG, "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port),
               *options]
    environ = {**os.environ, "OSCE_KG_BASE_URL": base, **(env or {})}
    with log_path.open("w+") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environ)
        base.pid = proc.pid
        try:
            _wait_until_ready(proc, base + ready_path, log, wait_s)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.seek(0)
            server_log = log.read()
    assert "Traceback" not in server_log, server_log


def _wait_until_ready(proc: subprocess.Popen, url: str, log, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while True:
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"osce-kg serve exited with {proc.returncode}:\n{log.read()}")
        try:  # a loaded machine may accept the connection long before it answers
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"osce-kg serve did not answer {url} within {wait_s:.0f} s")
        time.sleep(0.2)
