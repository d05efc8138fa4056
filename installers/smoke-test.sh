#!/usr/bin/env bash
# Smoke test of the app-image, run the way a user without a JDK would: PATH holds no java, JAVA_HOME is unset,
# HOME and the data directory are temporary. Checks that
#   1. bin/djinnbot --help prints the usage,
#   2. bin/djinnbot run execute "..." completes on the offline model (it starts and stops its own server),
#   3. bin/djinnbot server answers GET /v1/status,
#   4. bin/DjinnBot opens a window titled DjinnBot under Xvfb that is not blank (only where xvfb-run exists),
#   5. nothing was written inside the app-image.
#
# usage: installers/smoke-test.sh [APP_IMAGE]     (default installers/target/app/DjinnBot)
# SMOKE_PORT (default 18320) and SMOKE_PORT+1 are used; SMOKE_CONSOLE=0 skips step 4.
set -euo pipefail

INSTALLERS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SMOKE_PORT="${SMOKE_PORT:-18320}"
ADMIN_PORT=$((SMOKE_PORT + 1))
TIMEOUT_SECONDS=90

# Runs inside xvfb-run (see console_check): starts the console, waits for its window and a non-blank screen.
if [ "${1:-}" = "__console" ]; then
    image="$2"
    scratch="$3"
    # xvfb-run can return before the X server accepts clients on a busy machine: wait until it answers.
    for _ in $(seq 1 100); do
        xwininfo -root >/dev/null 2>&1 && break
        sleep 0.1
    done
    started=$(date +%s%N)
    env -i PATH="$(cat "$scratch/path")" HOME="$scratch/home" DISPLAY="$DISPLAY" XAUTHORITY="${XAUTHORITY:-}" \
        DJINNBOT_PORT="$SMOKE_PORT" DJINNBOT_ADMIN_PORT="$ADMIN_PORT" DJINNBOT_DATA_DIR="$scratch/data" \
        "$image/bin/DjinnBot" >"$scratch/console.log" 2>&1 &
    console=$!
    shown=""
    for _ in $(seq 1 $((TIMEOUT_SECONDS * 10))); do
        if xwininfo -root -tree 2>/dev/null | grep -q '"DjinnBot"'; then
            shown=$(( ($(date +%s%N) - started) / 1000000 ))
            break
        fi
        kill -0 "$console" 2>/dev/null || break
        sleep 0.1
    done
    # Nothing answers on the smoke port, so the console starts the bundle's own server: wait for it to answer.
    served=""
    if [ -n "$shown" ]; then
        for _ in $(seq 1 $((TIMEOUT_SECONDS * 10))); do
            if curl -fsS "http://127.0.0.1:$SMOKE_PORT/v1/status" >/dev/null 2>&1; then
                served=yes
                sleep 2
                break
            fi
            kill -0 "$console" 2>/dev/null || break
            sleep 0.1
        done
    fi
    colours=0
    if [ -n "$shown" ]; then
        # The window is mapped before it is painted: take screenshots until one has more than one colour.
        for _ in $(seq 1 40); do
            import -window root "$scratch/console.png"
            colours="$(convert "$scratch/console.png" -format '%k' info:)"
            [ "$colours" -gt 1 ] && break
            sleep 0.5
        done
    fi
    kill "$console" 2>/dev/null || true
    wait "$console" 2>/dev/null || true
    stopped=""
    for _ in $(seq 1 150); do
        if ! curl -fsS "http://127.0.0.1:$SMOKE_PORT/v1/status" >/dev/null 2>&1; then
            stopped=yes
            break
        fi
        sleep 0.1
    done
    if [ -z "$shown" ]; then
        echo "FAIL console: no window titled DjinnBot within ${TIMEOUT_SECONDS}s" >&2
        cat "$scratch/console.log" >&2
        exit 1
    fi
    if [ "$colours" -le 1 ]; then
        echo "FAIL console: the window stayed blank" >&2
        exit 1
    fi
    if [ -z "$served" ]; then
        echo "FAIL console: it did not start a local server on port $SMOKE_PORT" >&2
        cat "$scratch/console.log" >&2
        exit 1
    fi
    if [ -z "$stopped" ]; then
        echo "FAIL console: the server it started still answers after the console exited" >&2
        exit 1
    fi
    echo "ok   console window shown after ${shown} ms; screenshot has $colours colours"
    echo "ok   console started the local server itself and stopped it on exit"
    exit 0
fi

IMAGE="$(cd "${1:-$INSTALLERS/target/app/DjinnBot}" && pwd)"
for launcher in djinnbot DjinnBot; do
    if [ ! -x "$IMAGE/bin/$launcher" ]; then
        echo "smoke-test: $IMAGE/bin/$launcher not found; build the bundle first (./djinnbot package)" >&2
        exit 1
    fi
done

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/djinnbot-smoke.XXXXXX")"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT
mkdir -p "$SCRATCH/home" "$SCRATCH/bin"
touch "$SCRATCH/before"

# PATH without any folder that holds java, plus setsid, which the command line uses for the server it starts.
clean_path="$SCRATCH/bin"
IFS=: read -r -a path_entries <<<"$PATH"
for entry in "${path_entries[@]}"; do
    if [ -n "$entry" ] && [ ! -e "$entry/java" ]; then
        clean_path="$clean_path:$entry"
    fi
done
if command -v setsid >/dev/null; then
    ln -s "$(command -v setsid)" "$SCRATCH/bin/setsid"
fi
echo "$clean_path" >"$SCRATCH/path"
if env -i PATH="$clean_path" /bin/sh -c 'command -v java' >/dev/null; then
    echo "smoke-test: java is still on the cleaned PATH ($clean_path)" >&2
    exit 1
fi

# The clean environment the launchers run in. An array, not a function, so that "$!" of a background start is the
# launcher itself and not a subshell around it.
CLEAN_ENV=(env -i PATH="$clean_path" HOME="$SCRATCH/home" LANG=C.UTF-8 DJINNBOT_DATA_DIR="$SCRATCH/data"
    DJINNBOT_PORT="$SMOKE_PORT" DJINNBOT_ADMIN_PORT="$ADMIN_PORT" DJINNBOT_OFFLINE_PACE_MS=0)

milliseconds_since() {
    echo $(( ($(date +%s%N) - $1) / 1000000 ))
}

fail() {
    echo "FAIL $*" >&2
    exit 1
}

if curl -s -o /dev/null "http://127.0.0.1:$SMOKE_PORT/v1/status"; then
    fail "something already answers on port $SMOKE_PORT; set SMOKE_PORT"
fi

# 1. Help.
"${CLEAN_ENV[@]}" "$IMAGE/bin/djinnbot" --help >"$SCRATCH/help.txt" 2>&1 || fail "djinnbot --help: exit $?"
grep -q "usage: djinnbot" "$SCRATCH/help.txt" || fail "djinnbot --help printed no usage"
echo "ok   djinnbot --help"

# 2. A whole run on the offline model.
started=$(date +%s%N)
if ! "${CLEAN_ENV[@]}" "$IMAGE/bin/djinnbot" run execute "Write a haiku about packaging" >"$SCRATCH/run.txt" 2>&1; then
    cat "$SCRATCH/run.txt" >&2
    [ -f "$SCRATCH/data/logs/server.log" ] && tail -n 30 "$SCRATCH/data/logs/server.log" >&2
    fail "djinnbot run execute did not exit 0"
fi
grep -q "completed" "$SCRATCH/run.txt" || fail "djinnbot run printed no completion: $(cat "$SCRATCH/run.txt")"
if curl -s -o /dev/null "http://127.0.0.1:$SMOKE_PORT/v1/status"; then
    fail "the server that djinnbot run started still answers after the run"
fi
[ -f "$SCRATCH/data/djinnbot.db" ] || fail "no database in the data directory $SCRATCH/data"
echo "ok   djinnbot run execute completed in $(milliseconds_since "$started") ms (server started and stopped)"

# 3. The server launcher answers /v1/status.
started=$(date +%s%N)
"${CLEAN_ENV[@]}" "$IMAGE/bin/djinnbot" server >"$SCRATCH/server.log" 2>&1 &
SERVER_PID=$!
status=""
for _ in $(seq 1 $((TIMEOUT_SECONDS * 10))); do
    if status="$(curl -sf "http://127.0.0.1:$SMOKE_PORT/v1/status")"; then
        break
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$SCRATCH/server.log" >&2; fail "djinnbot server exited"; }
    sleep 0.1
done
[[ "$status" == *'"status":"ok"'* ]] || { tail -n 30 "$SCRATCH/server.log" >&2; fail "/v1/status: '$status'"; }
echo "ok   djinnbot server answered /v1/status after $(milliseconds_since "$started") ms: $status"
kill "$SERVER_PID"
for _ in $(seq 1 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$SERVER_PID" 2>/dev/null && fail "djinnbot server did not stop within 30 s of SIGTERM"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
echo "ok   djinnbot server stopped on SIGTERM"

# 4. The console opens a window.
if [ "${SMOKE_CONSOLE:-1}" = "0" ]; then
    echo "skip console (SMOKE_CONSOLE=0)"
elif ! command -v xvfb-run >/dev/null || ! command -v xwininfo >/dev/null || ! command -v import >/dev/null; then
    echo "skip console: needs xvfb-run, xwininfo (x11-utils) and import (imagemagick)"
else
    # A fresh X server per try: on a loaded machine Xvfb occasionally refuses the first client.
    for attempt in 1 2 3; do
        if SMOKE_PORT="$SMOKE_PORT" xvfb-run -a -s "-screen 0 1024x768x24" "$0" __console "$IMAGE" "$SCRATCH"; then
            break
        fi
        if [ "$attempt" = 3 ] || ! grep -q "Unable to open DISPLAY" "$SCRATCH/console.log" 2>/dev/null; then
            exit 1
        fi
        echo "retry console: the X server did not accept the window (try $attempt)"
    done
    mkdir -p "$INSTALLERS/target/smoke"
    cp "$SCRATCH/console.png" "$INSTALLERS/target/smoke/console.png"
fi

# 5. User data stays outside the install folder.
written="$(find "$IMAGE" -newer "$SCRATCH/before" -print)"
[ -z "$written" ] || fail "files were written inside the app-image: $written"
echo "ok   nothing written inside $IMAGE"
echo "smoke test passed"
