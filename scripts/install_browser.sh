#!/usr/bin/env bash
# Installs what the browser tests need from Debian's packages, when it is missing:
#   chromium      the browser Playwright drives (/usr/bin/chromium; Playwright's own
#                 browser download is never used)
#   fonts-dejavu-core, fonts-liberation
#                 fonts with metrics close to the usual web fonts, so screenshots and
#                 text-size checks look like a real visitor's screen
# Safe to run again: does nothing when everything is there. Prints the browser's path
# and version.
set -euo pipefail

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
packages=()
[ -x "$CHROMIUM" ] || packages+=(chromium)
dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q "ok installed" || packages+=(fonts-dejavu-core)
dpkg-query -W -f='${Status}' fonts-liberation 2>/dev/null | grep -q "ok installed" || packages+=(fonts-liberation)

if [ ${#packages[@]} -gt 0 ]; then
    echo "Installing from Debian's packages: ${packages[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    log=$(mktemp)
    if ! { $sudo apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            "${packages[@]}"; } >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "Could not install ${packages[*]}" >&2
        exit 1
    fi
    rm -f "$log"
fi

if [ ! -x "$CHROMIUM" ]; then
    echo "Chromium is still missing at $CHROMIUM" >&2
    exit 1
fi
echo "Browser: $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null || echo "version unknown"))"
