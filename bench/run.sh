#!/usr/bin/env bash
# `make bench`: osce-kg beside its peers in the shared harness (../shared/bench), then the entity
# pages and build benchmarks, then the issue-5 targets. Benchmarks, not tests.
#
#   bash bench/run.sh                     # scales 10000 100000 (214 k and 2.1 M triples)
#   bash bench/run.sh 10000               # chosen scales
#   PEERS="oxigraph-mem" bash bench/run.sh 10000
#   MODES="osce-kg:OSCE_KG_CACHE=0 osce-kg-w1t8:OSCE_KG_CACHE=0,OSCE_KG_WORKERS=1,OSCE_KG_THREADS=8" \
#     PEERS="" PAGES=0 BUILD_COST=0 bash bench/run.sh 10000
#
# osce-kg is the harness's `custom` system, once per mode: a mode is NAME:ENV, ENV being
# comma-separated OSCE_KG_* settings for `osce-kg serve` (default: the result cache off, then on).
# Output in $BENCH_OUT (default bench-out/, git-ignored): results/report.md is the harness
# report, with results/notes.md (the targets, pages, build figures) appended.
set -uo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
HARNESS="${HARNESS:-$REPO/../shared/bench}"
OKG_VENV="${OKG_VENV:-$REPO/.venv}"
OKG="$OKG_VENV/bin/osce-kg"
PY="$OKG_VENV/bin/python"
export BENCH_OUT="${BENCH_OUT:-$REPO/bench-out}"
SCALES=("$@"); [ ${#SCALES[@]} -eq 0 ] && SCALES=(10000 100000)
PEERS="${PEERS-oxigraph-mem oxigraph virtuoso}"
# the row cap raised as the harness raises Virtuoso's ResultSetMaxRows: every answer complete
ROWS="OSCE_KG_MAX_RESULT_ROWS=1000000"
MODES="${MODES-osce-kg:OSCE_KG_CACHE=0,$ROWS osce-kg-cache:OSCE_KG_CACHE=1,$ROWS}"
PAGES="${PAGES:-1}"            # entity pages benchmark per mode (bench/pages.py)
BUILD_COST="${BUILD_COST:-1}"  # time and memory of `osce-kg build` with validation (BUILD_TIMEOUT s)
RESULTS="$BENCH_OUT/results"
WORK="$BENCH_OUT/work"/http    # the harness's work directory; the custom build goes to okg/

[ -x "$OKG" ] || { echo "no $OKG: run 'make build' (or set OKG_VENV)" >&2; exit 2; }
[ -f "$HARNESS/run_anchors.sh" ] || { echo "no harness at $HARNESS (set HARNESS)" >&2; exit 2; }
mkdir -p "$RESULTS/pages" "$RESULTS/build"
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

installed="${SKIP_INSTALL:-}"
harness() {  # harness SYSTEMS N [extra env assignments…]
  local systems="$1" n="$2"; shift 2
  env "$@" SYSTEMS="$systems" ${installed:+SKIP_INSTALL=1} bash "$HARNESS/run_anchors.sh" "$n"
  installed=1
}

for N in "${SCALES[@]}"; do
  for MODE in $MODES; do
    NAME="${MODE%%:*}"; SETTINGS="${MODE#*:}"; SETTINGS="${SETTINGS//,/ }"
    echo "== N=$N $NAME ($SETTINGS)"
    harness custom "$N" CUSTOM_NAME="$NAME" CUSTOM_PORT="$(free_port)" \
      CUSTOM_ENDPOINT='http://127.0.0.1:{port}/sparql' \
      CUSTOM_PRE="$OKG build --from {data} --no-validate --out {workdir}/okg" \
      CUSTOM_START="env $SETTINGS $OKG serve --store {workdir}/okg --host 127.0.0.1 --port {port}"
    if [ "$PAGES" = 1 ] && [ -f "$WORK/okg/build.json" ]; then
      echo "== N=$N $NAME entity pages"
      timeout -k 30 900 "$PY" "$REPO/bench/pages.py" --name "$NAME" --build "$WORK/okg" \
        --start "env $SETTINGS $OKG serve --store {build} --host 127.0.0.1 --port {port}" \
        --out "$RESULTS/pages/N$N/$NAME.json"
    fi
  done
  if [ -n "$PEERS" ]; then
    echo "== N=$N peers: $PEERS"
    harness "$PEERS" "$N"
  fi
  if [ "$BUILD_COST" = 1 ]; then
    echo "== N=$N osce-kg build with validation"
    "$PY" "$REPO/bench/buildcost.py" --timeout "${BUILD_TIMEOUT:-900}" --out "$RESULTS/build/N$N.json" -- \
      "$OKG" build --from "$BENCH_OUT/data/osce-$N.nt" --out "$BENCH_OUT/work"/okg-validated
    # the synthetic graph is not in our model (refused): time a conforming graph of its size too
    echo "== N=$N osce-kg build with validation of a conforming graph of the same size"
    [ -f "$REPO/dist/osce-kg.nt.gz" ] || "$OKG" build >/dev/null
    "$PY" "$REPO/bench/conforming.py" --dump "$REPO/dist/osce-kg.nt.gz" \
      --triples "$(wc -l < "$BENCH_OUT/data/osce-$N.nt")" --out "$BENCH_OUT/data/conforming-$N.nt"
    "$PY" "$REPO/bench/buildcost.py" --timeout "${BUILD_TIMEOUT:-900}" \
      --out "$RESULTS/build/N$N-conforming.json" -- \
      "$OKG" build --from "$BENCH_OUT/data/conforming-$N.nt" --out "$BENCH_OUT/work"/okg-conforming
  fi
done
"$PY" "$REPO/bench/targets.py" --results "$RESULTS" --out "$RESULTS/notes.md"
"$PY" "$HARNESS/report.py" --raw "$RESULTS/raw" --out "$RESULTS/report.md"
echo "report: $RESULTS/report.md"
