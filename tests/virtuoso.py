"""A throw-away Virtuoso for tests and benchmarks: own ini, own database dir, free ports.

Usage::

    server = VirtuosoServer(tmp_dir)
    server.start()          # blocks until the SPARQL endpoint answers
    server.sparql_url       # http://127.0.0.1:PORT/sparql
    server.stop()           # clean shutdown; start() again reuses the same database

Bound to 127.0.0.1 only. Nothing here touches the system's Virtuoso database or config.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from serverproc import free_port

VIRTUOSO_BIN = "virtuoso-t"
VAD_DIR = "/usr/share/virtuoso-opensource-7/vad"
USER = "dba"
PASSWORD = "dba"


def virtuoso_available() -> bool:
    return shutil.which(VIRTUOSO_BIN) is not None


def render_ini(db_dir: Path, sql_port: int, http_port: int, *, buffers: int = 20_000) -> str:
    """A minimal virtuoso.ini: everything under ``db_dir``, both ports on 127.0.0.1."""
    return f"""\
[Database]
DatabaseFile = {db_dir}/virtuoso.db
ErrorLogFile = {db_dir}/virtuoso.log
LockFile = {db_dir}/virtuoso.lck
TransactionFile = {db_dir}/virtuoso.trx
xa_persistent_file = {db_dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db_dir}/virtuoso-temp.db
TransactionFile = {db_dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 16
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., {VAD_DIR}, {db_dir}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
VADInstallDir = {VAD_DIR}/
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxMemPoolSize = 100000000
MaxQueryMem = 500M
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 10
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {buffers * 3 // 4}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db_dir}/vsp
MaxClientConnections = 16
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
ServerThreads = 16
MaxKeepAlives = 16
KeepAliveTimeout = 10
MaxCachedProxyConnections = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
EnabledGzipContent = 1

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 300
DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
DeferInferenceRulesInit = 0
"""


class VirtuosoServer:
    """One Virtuoso process over a database directory of its own."""

    def __init__(self, work_dir: Path, *, buffers: int = 20_000) -> None:
        self.db_dir = Path(work_dir).resolve()
        self.db_dir.mkdir(parents=True, exist_ok=True)
        (self.db_dir / "vsp").mkdir(exist_ok=True)
        self.sql_port = free_port()
        self.http_port = free_port()
        self.ini = self.db_dir / "virtuoso.ini"
        self.ini.write_text(render_ini(self.db_dir, self.sql_port, self.http_port,
                                       buffers=buffers), encoding="utf-8")
        self.process: subprocess.Popen | None = None
        self.user, self.password = USER, PASSWORD

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        return self.base_url + "/sparql"

    @property
    def store_url(self) -> str:
        """The ``OSCE_KG_STORE`` value selecting this engine."""
        return "sparql+" + self.sparql_url

    def start(self, timeout_s: float = 90.0) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        log = open(self.db_dir / "stdout.log", "ab")  # noqa: SIM115 - owned by the process
        self.process = subprocess.Popen(
            [VIRTUOSO_BIN, "+foreground", "+configfile", str(self.ini)],
            cwd=self.db_dir, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self._wait_ready(timeout_s)

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        probe = self.sparql_url + "?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso exited with {self.process.returncode}: "
                                   f"{self.log_tail()}")
            try:
                with urllib.request.urlopen(probe, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except urllib.error.HTTPError as exc:  # not ready yet; its response is closed
                exc.close()
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"virtuoso not ready after {timeout_s}s: {self.log_tail()}")

    def log_tail(self, lines: int = 15) -> str:
        path = self.db_dir / "virtuoso.log"
        if not path.exists():
            return "(no log)"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self, timeout_s: float = 30.0) -> None:
        """Stop the server (SIGTERM: Virtuoso checkpoints and exits), SIGKILL if it hangs."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def __enter__(self) -> VirtuosoServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
