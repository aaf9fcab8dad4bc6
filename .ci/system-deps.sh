#!/usr/bin/env bash
# Debian packages the test suite needs: a headless browser for the page tests,
# Virtuoso for the scale-out tests, Apache Jena (and Java) for the third-party client tests
# (tests/clients/; Comunica comes from npm there) and jemalloc for the server.
# Installed only when missing; needs root.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
command -v npm >/dev/null 2>&1 || need+=(npm)
# Jena 4.5 as jars (no scripts); tests/clients/jena.py puts them on a class path
[ -f /usr/share/java/jena-cmds.jar ] && command -v java >/dev/null 2>&1 \
  || need+=(libapache-jena-java default-jre-headless)
# jemalloc: `osce-kg serve`/`build` run the engine with it (faster queries; optional)
ldconfig -p 2>/dev/null | grep 'libjemalloc\.so\.2' >/dev/null || need+=(libjemalloc2)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "system-deps: missing ${need[*]}; run as root (apt-get install ${need[*]})" >&2
    exit 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
