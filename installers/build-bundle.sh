#!/usr/bin/env bash
# Builds the installable bundle from the module builds: a jlink runtime with only the modules needed, a jpackage
# app-image with two launchers (bin/DjinnBot for the console, bin/djinnbot for the command line and the server) and,
# where the machine has the tools, a .deb and a .rpm. Run through Maven (mvn -Dbundle package, or ./djinnbot package),
# which builds the modules first and passes the settings below.
#
# Settings (environment):
#   CONSOLE_MAIN   the console launcher's MODULE/MAIN-CLASS (the Maven property console.main)
#   APP_VERSION    the project version; a -SNAPSHOT suffix is dropped for the packages
#   JAVA_HOME      a JDK 25 with jlink, jdeps and jpackage
#   BUNDLE_TYPES   native packages to try after the app-image (default "deb rpm"; "" for the app-image only)
#
# Output under installers/target/: app/DjinnBot/ (the app-image), packages/ (the .deb/.rpm), work/ (staging).
set -euo pipefail

INSTALLERS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$INSTALLERS")"
TARGET="$INSTALLERS/target"
WORK="$TARGET/work"
APP_NAME=DjinnBot
PACKAGE_NAME=djinnbot

: "${CONSOLE_MAIN:?CONSOLE_MAIN is not set (run through Maven: mvn -Dbundle package)}"
: "${APP_VERSION:?APP_VERSION is not set}"
: "${JAVA_HOME:?JAVA_HOME is not set}"
BUNDLE_TYPES="${BUNDLE_TYPES-deb rpm}"
JDK_BIN="$JAVA_HOME/bin"
# jpackage wants a purely numeric version (1 to 3 dot-separated numbers).
NUMERIC_VERSION="${APP_VERSION%%-*}"
JAVA_FEATURE="$("$JDK_BIN/java" -XshowSettings:properties -version 2>&1 \
    | awk -F' = ' '/java.specification.version/ {print $2}')"

SERVER_BUILD="$ROOT/api-server/target"
CONSOLE_BUILD="$ROOT/desktop-console/target"

# Per-user locations. The launchers expand $HOME when they start; an unset XDG_CACHE_HOME could not be expanded,
# so the class-data archives go to the XDG default cache folder. Nothing is ever written under the install folder.
USER_CACHE='$HOME/.cache/djinnbot'

step() {
    echo "[bundle ${SECONDS}s] $*"
}

# Runs jpackage with its output in work/jpackage-NAME.log; shows the log on failure. Temurin 25 ships no jmods/,
# so jpackage always warns "No JDK Modules found"; that line is dropped.
run_jpackage() {
    local log="$WORK/jpackage-$1.log"
    shift
    if ! "$JDK_BIN/jpackage" "$@" >"$log" 2>&1; then
        cat "$log" >&2
        echo "build-bundle: jpackage failed (log: $log)" >&2
        exit 1
    fi
    grep -v "No JDK Modules found" "$log" || true
}

for needed in "$SERVER_BUILD/api-server.jar" "$SERVER_BUILD/lib" "$CONSOLE_BUILD/desktop-console.jar" \
    "$CONSOLE_BUILD/lib"; do
    if [ ! -e "$needed" ]; then
        echo "build-bundle: $needed is missing; build the modules first (mvn -DskipTests package)" >&2
        exit 1
    fi
done

rm -rf "$WORK" "$TARGET/app" "$TARGET/packages"
mkdir -p "$WORK/server" "$WORK/fx" "$WORK/mods" "$TARGET/app" "$TARGET/packages"

# --- Stage -----------------------------------------------------------------------------------------------------
# server/: the server jar and its libraries, which stay on the class path (several are automatic modules or none).
cp "$SERVER_BUILD/api-server.jar" "$WORK/server/"
cp -r "$SERVER_BUILD/lib" "$WORK/server/lib"

# fx/: the JavaFX platform jars, which are explicit modules and get linked into the runtime. Maven also delivers an
# empty jar without classifier for each of them; it is an automatic module and is left out.
# mods/: the console and the rest of its modules, which go on the launcher's module path.
cp "$CONSOLE_BUILD/desktop-console.jar" "$WORK/mods/"
for jar in "$CONSOLE_BUILD"/lib/*.jar; do
    case "$(basename "$jar")" in
        javafx-*)
            description="$("$JDK_BIN/jar" --describe-module --file "$jar")"
            if [[ "$description" != *automatic* ]]; then
                cp "$jar" "$WORK/fx/"
            fi
            ;;
        *) cp "$jar" "$WORK/mods/" ;;
    esac
done
step "staged $(ls "$WORK/server/lib" | wc -l) server libraries, $(ls "$WORK/fx" | wc -l) JavaFX modules," \
    "$(ls "$WORK/mods" | wc -l) console modules"

# --- Which modules the runtime needs ---------------------------------------------------------------------------
# The server: the JDK modules its class path uses.
server_modules="$("$JDK_BIN/jdeps" --print-module-deps --ignore-missing-deps --multi-release "$JAVA_FEATURE" \
    --class-path "$WORK/server/lib/*" "$WORK/server/api-server.jar")"

# The console: resolve its module graph without running it and keep the JDK and JavaFX modules that the console's
# own modules and the JavaFX modules require. Edges from JDK modules are skipped: jlink follows those itself, and
# the resolution also lists modules that only service binding ("binds" lines) pulled in, such as jdk.jshell.
jdk_modules="$("$JDK_BIN/java" --list-modules | sed 's/@.*//')"
console_modules="$("$JDK_BIN/java" --module-path "$WORK/fx:$WORK/mods" --show-module-resolution --dry-run \
    --module "$CONSOLE_MAIN" 2>&1 \
    | awk '$2 == "requires" {print $1, $3}' | sort -u \
    | while read -r from module; do
        if grep -qx "$from" <<<"$jdk_modules"; then
            continue
        fi
        if [[ "$module" == javafx.* ]] || grep -qx "$module" <<<"$jdk_modules"; then
            echo "$module"
        fi
    done | sort -u | paste -sd, -)"
if [ -z "$console_modules" ]; then
    echo "build-bundle: could not resolve the console module $CONSOLE_MAIN" >&2
    "$JDK_BIN/java" --module-path "$WORK/fx:$WORK/mods" --dry-run --module "$CONSOLE_MAIN" >&2 || true
    exit 1
fi
modules="$(tr ',' '\n' <<<"$server_modules,$console_modules" | sort -u | paste -sd, -)"
echo "$modules" >"$WORK/runtime-modules.txt"
step "runtime modules: $modules"

# --- Runtime ---------------------------------------------------------------------------------------------------
# --generate-cds-archive puts the JDK's default class-data archive into the runtime: it is the base on which the
# launchers' per-user archives are built. Only the compressed-oops variant is kept: the heaps here stay far below
# the 32 GB where the other one would be used.
if ! "$JDK_BIN/jlink" --module-path "$WORK/fx" --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6 --generate-cds-archive \
    --output "$WORK/runtime" >"$WORK/jlink.log" 2>&1; then
    cat "$WORK/jlink.log" >&2
    echo "build-bundle: jlink failed" >&2
    exit 1
fi
rm -f "$WORK/runtime/lib/server/classes_nocoops.jsa"
step "runtime linked: $(du -sh "$WORK/runtime" | cut -f1)"

# --- App-image -------------------------------------------------------------------------------------------------
# Options shared by both launchers: the serial collector suits one user's desktop, and -XX:+AutoCreateSharedArchive
# makes the first start record a class-data archive that later starts map (the JDK re-creates it by itself when
# the bundle changes). Its messages (classes it cannot archive) are switched off: they are not the user's business,
# and a missing or unusable archive only costs start-up time.
cat >"$WORK/djinnbot.properties" <<PROPS
main-jar=api-server.jar
main-class=io.djinnbot.server.Main
description=DjinnBot command line: djinnbot run PIPELINE TASK, djinnbot server
java-options=--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
-Ddjinnbot.cacheDir=$USER_CACHE -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$USER_CACHE/djinnbot.jsa \
-Xlog:cds*=off,aot*=off
PROPS

# The main launcher is the console; djinnbot.launcher tells it which command starts a server when none answers
# ($BINDIR is the app-image's bin/ folder, expanded by the launcher). Software rendering, as ./djinnbot console
# uses: tables, text and charts need no GPU, and the OpenGL path draws a black window on X servers without GL.
run_jpackage app-image --type app-image --name "$APP_NAME" --app-version "$NUMERIC_VERSION" \
    --vendor "DjinnBot" --description "DjinnBot agent-team platform: console and command line" \
    --dest "$TARGET/app" --runtime-image "$WORK/runtime" \
    --input "$WORK/server" --module-path "$WORK/mods" --module "$CONSOLE_MAIN" \
    --java-options "--enable-native-access=javafx.graphics -XX:+UseSerialGC" \
    --java-options "-Dprism.order=sw" \
    --java-options "-Ddjinnbot.launcher=\$BINDIR/djinnbot" \
    --java-options "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$USER_CACHE/console.jsa" \
    --java-options "-Xlog:cds*=off,aot*=off" \
    --add-launcher "djinnbot=$WORK/djinnbot.properties"

IMAGE="$TARGET/app/$APP_NAME"
CFG_DIR="$IMAGE/lib/app"
if [ ! -x "$IMAGE/bin/$APP_NAME" ] || [ ! -x "$IMAGE/bin/djinnbot" ]; then
    echo "build-bundle: jpackage did not produce both launchers in $IMAGE/bin" >&2
    exit 1
fi
# jpackage gives every launcher the whole --input folder as class path and the module path as well. Each launcher
# needs only its own part: the console its module path, the command line its class path.
sed -i '/^app\.classpath=/d' "$CFG_DIR/$APP_NAME.cfg"
sed -i '/^java-options=--module-path$/,/^java-options=\$APPDIR\/mods$/d' "$CFG_DIR/djinnbot.cfg"
step "app-image: $IMAGE ($(du -sh "$IMAGE" | cut -f1))"

# --- Native packages -------------------------------------------------------------------------------------------
# JavaFX loads GTK and OpenGL with dlopen, so jpackage cannot see them: they are named as dependencies by hand.
# jpackage's own menu integration (--linux-shortcut) is not used: it makes the package depend on xdg-utils and its
# install script fails on machines without a desktop menu. The .deb's install scripts (linux/postinst, prerm) add
# the menu entry and the /usr/bin/djinnbot link themselves, from a copy of the app-image that also holds the entry.
package() {
    local type="$1"
    shift
    run_jpackage "$type" --type "$type" --app-image "$WORK/package-image/$APP_NAME" --name "$APP_NAME" \
        --app-version "$NUMERIC_VERSION" --vendor "DjinnBot" \
        --description "DjinnBot agent-team platform: console and command line" \
        --linux-package-name "$PACKAGE_NAME" --linux-app-category devel --install-dir /opt \
        --dest "$TARGET/packages" "$@"
}
if [ -n "$BUNDLE_TYPES" ]; then
    mkdir -p "$WORK/package-image"
    cp -a "$IMAGE" "$WORK/package-image/"
    cp "$INSTALLERS/linux/djinnbot.desktop" "$WORK/package-image/$APP_NAME/lib/djinnbot.desktop"
fi
for type in $BUNDLE_TYPES; do
    case "$type" in
        deb)
            if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
                package deb --linux-package-deps "libgtk-3-0, libgl1" --linux-deb-maintainer "djinnbot@localhost" \
                    --resource-dir "$INSTALLERS/linux"
                step "deb: $(ls "$TARGET"/packages/*.deb)"
            else
                step "deb skipped: needs dpkg-deb and fakeroot"
            fi
            ;;
        rpm)
            if command -v rpmbuild >/dev/null; then
                package rpm --linux-package-deps "gtk3, mesa-libGL"
                step "rpm: $(ls "$TARGET"/packages/*.rpm)"
            else
                step "rpm skipped: needs rpmbuild"
            fi
            ;;
        *)
            echo "build-bundle: unknown package type $type (this recipe builds deb and rpm on Linux)" >&2
            exit 1
            ;;
    esac
done
