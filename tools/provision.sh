#!/usr/bin/env bash
# Runs before `npm test` and `npm run test:e2e` (npm's pre-scripts): makes sure the system packages the
# end-to-end tests drive are here. Chromium with fonts (browser tests, from Debian's archive: test tools
# download no browsers), nginx (deploy tests) and PostgreSQL (the comment service on PostgreSQL). As root with apt-get they are installed; otherwise
# it stops at once, naming every missing package and the command that installs them.
set -euo pipefail

missing=()

find_first() {
  for candidate in "$@"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && return 0
  done
  return 1
}

# The same places tests/support/browser.ts and tests/support/nginx.ts look.
find_first "${CHROME_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable \
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" /Applications/Chromium.app/Contents/MacOS/Chromium ||
  missing+=(chromium)
# Without fonts Chromium has nothing to lay text out with.
if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; }; then
  missing+=(fonts-dejavu-core fonts-liberation)
fi
find_first "${NGINX_PATH:-}" /usr/sbin/nginx /usr/bin/nginx /usr/local/sbin/nginx || missing+=(nginx)
# A real PostgreSQL server for the comment service's PostgreSQL tests (tests/support/postgres.ts).
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || [ -n "${PG_BIN:-}" ] || missing+=(postgresql)

[ ${#missing[@]} -eq 0 ] && exit 0

install_command="apt-get install -y --no-install-recommends ${missing[*]}"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "provision: installing ${missing[*]} from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $install_command -qq >/dev/null
  exit 0
fi

{
  echo "provision: the end-to-end tests need system packages that are missing: ${missing[*]}"
  if command -v apt-get >/dev/null 2>&1; then
    echo "  install them with:  sudo apt-get update && sudo $install_command"
  else
    echo "  install them with your system's package manager (Debian/Ubuntu: $install_command),"
  fi
  echo "  or point CHROME_PATH / NGINX_PATH / PG_BIN at existing binaries. Unit tests alone need none: npm run test:unit"
} >&2
exit 1
