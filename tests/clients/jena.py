"""Apache Jena as Debian packages it (``libapache-jena-java``, 4.5.0): RIOT and ARQ's remote
queries, run with ``java -cp`` (Debian installs the jars but no ``riot``/``rsparql`` scripts).

Debian's build renames Jena's embedded Xerces classes to ``xerces.*`` but leaves their message
bundles under ``org/apache/jena/ext/xerces/``, where the renamed classes do not look: Jena then
dies at start-up ("internal error" in ``XSSimpleTypeDecl``). :func:`xerces_bundles` copies the
bundles from the installed jar to where they are looked for, in a directory on the class path.
Debian's Jena has no JSON-LD 1.1 provider, so JSON-LD is left to the other clients.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

JAVA_DIR = Path("/usr/share/java")  # where Debian's Java packages install their jars
# Jena's jars and those of the packages libapache-jena-java depends on (unversioned names)
JARS = ("jena-arq", "jena-base", "jena-cmds", "jena-core", "jena-dboe-base", "jena-dboe-index",
        "jena-dboe-storage", "jena-dboe-trans-data", "jena-dboe-transaction", "jena-iri",
        "jena-rdfconnection", "jena-shacl", "jena-shex", "jena-tdb", "jena-tdb2",
        "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io",
        "commons-lang3", "dexx.collection", "gson", "guava", "httpclient", "httpcore",
        "jackson-annotations", "jackson-core", "jackson-databind", "jakarta.json-api",
        "jcl-over-slf4j", "jsonld-java", "protobuf", "slf4j-api", "slf4j-simple", "thrift",
        "titanium-json-ld")
BUNDLES_IN_JAR = "org/apache/jena/ext/xerces/"
TIMEOUT_S = 120


def xerces_bundles(jena_core: Path, target: Path) -> Path:
    """The Xerces ``.properties`` bundles of ``jena_core`` copied under ``target/xerces/``."""
    with zipfile.ZipFile(jena_core) as jar:
        for name in jar.namelist():
            if name.startswith(BUNDLES_IN_JAR) and name.endswith(".properties"):
                out = target / "xerces" / name[len(BUNDLES_IN_JAR):]
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(jar.read(name))
    return target


@dataclass(frozen=True)
class Jena:
    java: str
    classpath: str

    @classmethod
    def installed(cls, work_dir: Path) -> Jena:
        """Debian's Jena, or a test failure saying how to install it."""
        java = shutil.which("java")
        missing = [name for name in JARS if not (JAVA_DIR / f"{name}.jar").is_file()]
        if java is None or missing:
            pytest.fail("Apache Jena is not installed (Debian: libapache-jena-java, "
                        f"`make system-deps`); missing {missing[:3] or ['java']}")
        bundles = xerces_bundles(JAVA_DIR / "jena-core.jar", work_dir / "xerces-bundles")
        jars = [str(JAVA_DIR / f"{name}.jar") for name in JARS]
        return cls(java, ":".join([*jars, str(bundles)]))

    def run(self, main: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([self.java, "-cp", self.classpath, main, *args],
                              capture_output=True, text=True, timeout=TIMEOUT_S, check=False)

    def riot(self, *args: str) -> subprocess.CompletedProcess:
        return self.run("riotcmd.riot", *args)

    def remote_query(self, endpoint: str, query_file: Path, results: str) -> str:
        """ARQ's ``rsparql``: the query sent to ``endpoint``, the answer as Jena writes it."""
        done = self.run("arq.rsparql", f"--service={endpoint}", f"--query={query_file}",
                        f"--results={results}")
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout
