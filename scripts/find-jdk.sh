# Finds a JDK 25 or newer; sourced by ./djinnbot and .ci/run.
# After find_jdk: JAVA is the java binary and JAVA_HOME its JDK. DJINNBOT_JVM_DIR replaces /usr/lib/jvm.
MIN_JAVA=25

# The feature version of a java binary ("25" for 25.0.1, "8" for 1.8.0), or nothing.
java_major() {
    local version
    version="$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')" || return 0
    case "$version" in
        1.*) echo "${version#1.}" | cut -d. -f1 ;;
        *) echo "$version" | cut -d. -f1 | cut -d- -f1 | cut -d+ -f1 ;;
    esac
}

java_ok() {
    local major
    [ -x "$1" ] || return 1
    major="$(java_major "$1")"
    [ -n "$major" ] && [ "$major" -ge "$MIN_JAVA" ] 2>/dev/null
}

# Sets JAVA_HOME and JAVA to a JDK 25 or newer: JAVA_HOME, then java on PATH, then the newest under /usr/lib/jvm.
find_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && java_ok "$JAVA_HOME/bin/java"; then
        JAVA="$JAVA_HOME/bin/java"
        return 0
    fi
    local on_path
    on_path="$(command -v java 2>/dev/null || true)"
    if [ -n "$on_path" ] && java_ok "$on_path"; then
        JAVA="$(readlink -f "$on_path")"
        JAVA_HOME="$(dirname "$(dirname "$JAVA")")"
        return 0
    fi
    local best="" best_major=0 candidate major
    for candidate in "${DJINNBOT_JVM_DIR:-/usr/lib/jvm}"/*/bin/java; do
        java_ok "$candidate" || continue
        major="$(java_major "$candidate")"
        if [ "$major" -gt "$best_major" ]; then
            best="$candidate"
            best_major="$major"
        fi
    done
    if [ -n "$best" ]; then
        JAVA="$best"
        JAVA_HOME="$(dirname "$(dirname "$best")")"
        return 0
    fi
    cat >&2 <<MSG
djinnbot: no JDK $MIN_JAVA or newer found.
Looked at JAVA_HOME (${JAVA_HOME:-unset}), java on PATH (${on_path:-none}) and ${DJINNBOT_JVM_DIR:-/usr/lib/jvm}.
Install a JDK $MIN_JAVA (for example Eclipse Temurin 25 from https://adoptium.net) and set JAVA_HOME to it.
MSG
    return 1
}

