#!/usr/bin/env bash
# Before `npm test`: the browser tests drive Debian's Chromium, and Chinese renders only with CJK
# fonts. Installs both when they are missing and this machine can (root with apt-get), or stops at
# once with the command to run.
set -euo pipefail

PACKAGES="chromium fonts-noto-cjk"
CHROMIUM="${WEEKLY_TEST_CHROMIUM:-/usr/bin/chromium}"
missing() {
  [ -x "$CHROMIUM" ] || return 0
  fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || return 0
  return 1
}

missing || exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "npm test: installing Chromium and CJK fonts for the browser tests (apt-get install -y $PACKAGES)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
  missing && { echo "npm test: apt-get did not install $PACKAGES; install them, then run npm test again." >&2; exit 1; }
  exit 0
fi

echo "npm test: the browser tests need Chromium ($CHROMIUM) and CJK fonts. Install them, then run npm test again:" >&2
echo "  sudo apt-get install -y $PACKAGES" >&2
exit 1
