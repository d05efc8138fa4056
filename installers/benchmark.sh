#!/usr/bin/env bash
# Start-up benchmark of the app-image. Prints a Markdown table of the median (min-max) over RUNS starts of
#   - the server launcher (bin/djinnbot server) until GET /v1/status answers: first start (no class-data archive
#     yet), later starts (with the archive the first one wrote), and for comparison the bundle's runtime with
#     class-data sharing off, and with a trained JDK 25 AOT cache (not used by the launchers, see the README);
#   - the console launcher (bin/DjinnBot) until its window is mapped, first and later starts (needs xvfb-run,
#     xwininfo).
# Each row gives the wall time from the moment the process is started and the CPU time (user + system) the process
# used until then. Every start gets a fresh data directory; HOME (where the archives live) is temporary, so nothing
# of the user's is touched.
#
# usage: installers/benchmark.sh [APP_IMAGE] [RUNS]     (defaults: installers/target/app/DjinnBot, 5)
# BENCH_PORT (default 18340) and BENCH_PORT+1 are used.
set -euo pipefail

INSTALLERS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${BENCH_PORT:-18340}"
ADMIN_PORT=$((PORT + 1))

now_ms() {
    echo $(( $(date +%s%N) / 1000000 ))
}

# CPU time (user + system, ms) that process $1 has used so far. Unlike wall time it hardly depends on what else
# the machine is doing, so it shows the effect of the archives even on a busy machine.
cpu_ms() {
    local stat
    read -r -a stat <"/proc/$1/stat"
    echo $(( (stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK) ))
}

# "median (min-max)" of the numbers on stdin, in seconds with one decimal.
summary() {
    sort -n | awk '{v[NR] = $1} END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.1f s (%.1f-%.1f)", m / 1000, v[1] / 1000, v[NR] / 1000 }'
}

# Runs the console once (HOME=$1) and prints the wall and CPU milliseconds until its window is mapped.
console_once() {
    local home="$1" started console
    started=$(now_ms)
    env -i PATH=/usr/bin:/bin HOME="$home" DISPLAY="$DISPLAY" XAUTHORITY="${XAUTHORITY:-}" \
        DJINNBOT_PORT="$PORT" "$IMAGE/bin/DjinnBot" >/dev/null 2>&1 &
    console=$!
    until xwininfo -root -tree 2>/dev/null | grep -q '"DjinnBot"'; do
        kill -0 "$console" 2>/dev/null || { echo "benchmark: the console exited" >&2; return 1; }
        sleep 0.02
    done
    echo "$(( $(now_ms) - started )) $(cpu_ms "$console")"
    # Let the window settle, then close it; the JVM writes its archive while exiting.
    sleep 1
    kill "$console"
    wait "$console" 2>/dev/null || true
}

# One table row: label, then "WALL CPU" pairs.
row() {
    local label="$1" wall cpu
    shift
    wall="$(printf '%s\n' "$@" | cut -d' ' -f1 | summary)"
    cpu="$(printf '%s\n' "$@" | cut -d' ' -f2 | summary)"
    echo "| $label | $wall | $cpu |"
}

if [ "${1:-}" = "__console" ]; then
    IMAGE="$2"
    RUNS="$3"
    SCRATCH="$4"
    first=()
    for i in $(seq 1 "$RUNS"); do
        first+=("$(console_once "$SCRATCH/console-fresh-$i")")
    done
    # The console does not create the cache folder; the command line does on its first start. Without the folder
    # the JVM cannot write the archive, so the later starts are measured with the folder in place.
    mkdir -p "$SCRATCH/console-warm/.cache/djinnbot"
    console_once "$SCRATCH/console-warm" >/dev/null
    warm=()
    for _ in $(seq 1 "$RUNS"); do
        warm+=("$(console_once "$SCRATCH/console-warm")")
    done
    row "console: window shown, first start" "${first[@]}"
    row "console: window shown, later starts (archive)" "${warm[@]}"
    exit 0
fi

IMAGE="$(cd "${1:-$INSTALLERS/target/app/DjinnBot}" && pwd)"
RUNS="${2:-5}"
RUNTIME_JAVA="$IMAGE/lib/runtime/bin/java"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/djinnbot-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

if curl -s -o /dev/null "http://127.0.0.1:$PORT/v1/status"; then
    echo "benchmark: something already answers on port $PORT; set BENCH_PORT" >&2
    exit 1
fi

# Starts a server with HOME=$1 and the command that follows, prints the wall and CPU milliseconds until /v1/status
# answers,
# then stops it (SIGTERM) and waits, so that an archive written at exit is complete before the next start.
server_once() {
    local home="$1" started data
    shift
    data="$(mktemp -d "$SCRATCH/data.XXXXXX")"
    mkdir -p "$home"
    started=$(now_ms)
    env -i PATH=/usr/bin:/bin HOME="$home" DJINNBOT_DATA_DIR="$data" DJINNBOT_PORT="$PORT" \
        DJINNBOT_ADMIN_PORT="$ADMIN_PORT" "$@" >"$SCRATCH/server.log" 2>&1 &
    SERVER_PID=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/v1/status"; do
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SCRATCH/server.log" >&2; return 1; }
        sleep 0.02
    done
    echo "$(( $(now_ms) - started )) $(cpu_ms "$SERVER_PID")"
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

# The options of the djinnbot launcher, for the rows that start the runtime's java directly.
JAVA_OPTIONS=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
SERVER_MAIN=(-cp "$IMAGE/lib/app/api-server.jar" io.djinnbot.server.Main server)

series() {
    local label="$1" i
    shift
    local times=()
    for i in $(seq 1 "$RUNS"); do
        times+=("$("$@" "$i")")
    done
    row "$label" "${times[@]}"
}
fresh_server() { server_once "$SCRATCH/server-fresh-$1" "$IMAGE/bin/djinnbot" server; }
warm_server() { server_once "$SCRATCH/server-warm" "$IMAGE/bin/djinnbot" server; }
base_archive() { server_once "$SCRATCH/plain" "$RUNTIME_JAVA" "${JAVA_OPTIONS[@]}" "${SERVER_MAIN[@]}"; }
no_sharing() { server_once "$SCRATCH/plain" "$RUNTIME_JAVA" -Xshare:off "${JAVA_OPTIONS[@]}" "${SERVER_MAIN[@]}"; }
aot_server() {
    server_once "$SCRATCH/plain" "$RUNTIME_JAVA" -XX:AOTCache="$SCRATCH/server.aot" "${JAVA_OPTIONS[@]}" \
        "${SERVER_MAIN[@]}"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs per row"
echo
echo "| Start | Wall time to ready: median (min-max) | CPU time to ready: median (min-max) |"
echo "|---|---|---|"
series "server: /v1/status, runtime java with class-data sharing off" no_sharing
series "server: /v1/status, runtime java with the runtime's base archive only" base_archive
series "server: /v1/status, first start (no archive yet)" fresh_server
warm_server >/dev/null # writes the archive
series "server: /v1/status, later starts (archive)" warm_server
# One training run writes the AOT cache when the server exits.
server_once "$SCRATCH/plain" "$RUNTIME_JAVA" -XX:AOTCacheOutput="$SCRATCH/server.aot" "${JAVA_OPTIONS[@]}" \
    "${SERVER_MAIN[@]}" >/dev/null
series "server: /v1/status, trained JDK 25 AOT cache (reference)" aot_server

if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null; then
    xvfb-run -a -s "-screen 0 1024x768x24" "$0" __console "$IMAGE" "$RUNS" "$SCRATCH"
else
    echo "(console rows skipped: needs xvfb-run and xwininfo)"
fi
echo
echo "machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"
