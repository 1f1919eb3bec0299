#!/usr/bin/env bash
# Runs a command against a real, throwaway Secret Service: a private D-Bus session with gnome-keyring-daemon
# (secrets component only), unlocked with a random password, in a temporary HOME/XDG folder that is removed
# afterwards. The user's own keyring is never touched. Sets DESK_KEYRING=1 so keychain tests know they may run.
#
#   bash scripts/with-keyring.sh npx vitest run tests/integration/keychain
#
# Needs the Debian packages dbus (dbus-run-session), gnome-keyring and libsecret-1-0.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-keyring.sh COMMAND [ARG...]" >&2
  exit 2
fi

if [ "${DESK_KEYRING_INNER:-}" != "1" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "with-keyring: $tool is not installed (apt-get install dbus gnome-keyring libsecret-1-0)" >&2
      exit 3
    fi
  done
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/desk-keyring.XXXXXX")"
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/home" "$scratch/data" "$scratch/runtime" "$scratch/config" "$scratch/cache"
  chmod 700 "$scratch/runtime"
  # Not exec: the trap above must run to remove the scratch folder once the session ends.
  status=0
  env DESK_KEYRING_INNER=1 HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime" \
    XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache" DESK_KEYRING_SCRATCH="$scratch" \
    dbus-run-session -- bash "$0" "$@" || status=$?
  exit "$status"
fi

# Inside the private D-Bus session.
password="$(head -c 24 /dev/urandom | base64)"
# --unlock reads the login keyring's password from stdin and creates/unlocks it; its stdout is the environment
# (GNOME_KEYRING_CONTROL) that clients would need, which libsecret finds over D-Bus anyway.
daemon_env="$(printf '%s' "$password" | gnome-keyring-daemon --unlock --components=secrets --daemonize)"
unset password
daemon_pid="$(printf '%s\n' "$daemon_env" | sed -n 's/^GNOME_KEYRING_PID=//p')"
cleanup() {
  if [ -n "${daemon_pid:-}" ]; then kill "$daemon_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# Wait until the Secret Service answers on the bus (no fixed sleep: poll for its name, 10 s at most).
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done

status=0
DESK_KEYRING=1 "$@" || status=$?
exit "$status"
