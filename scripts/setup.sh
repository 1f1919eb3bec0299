#!/usr/bin/env bash
# Set-up on a fresh Debian machine, in one command: installs what is missing (the Debian packages, then the npm
# packages with `npm ci`) and starts the app on its built-in Demo connection in the browser host. Run it again at
# any time: what is installed is left as it is, and an unchanged build is not built again.
#
#   bash scripts/setup.sh                 install what is missing, then start the app (Ctrl-C stops it)
#   bash scripts/setup.sh --no-start      only install
#   bash scripts/setup.sh -- --port 8080  arguments after -- go to `npm run web`
#
# The tests are the other command: `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

start=1
web_args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --no-start) start=0 ;;
    --) shift; web_args=("$@"); break ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

# 1. Debian packages (native builds, the keychain, the test tools), with sudo when not root.
bash scripts/debian-packages.sh

# 2. Node.js to run npm: any Node 20 or newer (the project then runs on its own Node 22, the node@22 devDependency).
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v npm >/dev/null 2>&1 || [ "$(node_major)" -lt 20 ]; then
  candidate="$(apt-cache policy nodejs 2>/dev/null | sed -n 's/^ *Candidate: *\([0-9]*\).*/\1/p')"
  if [ -n "$candidate" ] && [ "$candidate" -ge 20 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian's Node.js $candidate and npm"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm
  else
    echo "setup: npm with Node.js 20 or newer is needed to install the project, and this Debian offers Node.js ${candidate:-none}." >&2
    echo "       Install Node.js 20 or newer (https://nodejs.org, or your distribution's backports), then run this again." >&2
    exit 1
  fi
fi

# 3. The npm packages, exactly as locked, when they are not installed yet or the lock file is newer than the
#    install (npm keeps its own copy of what it installed in node_modules/.package-lock.json). Electron's binary is
#    not downloaded: the app runs in the browser host, which needs none.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
  npm ci --no-audit --no-fund
fi

[ "$start" -eq 1 ] || { echo "Installed. Start the app with: npm run web"; exit 0; }

# 4. A note for headless Linux: the Demo needs no secret, a connection of your own stores one in a Secret Service.
if ! { [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-send >/dev/null 2>&1 &&
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
    string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; }; then
  cat <<'NOTE'
Note: no Secret Service (a keyring) answers in this session. The Demo works without one; to save a connection
of your own, start the app inside one, e.g. a throwaway keyring that lasts while the app runs:
    bash scripts/with-keyring.sh npm run web -- --data-dir ~/.config/symetrisk-desk
(README.md, "Run on Linux without a desktop", says more.)
NOTE
fi

echo "Starting Symetrisk Desk: open the link below, choose Demo (Bruk Demo), then Synkroniser nå."
exec npm run --silent web -- "${web_args[@]}"
