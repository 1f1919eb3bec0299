#!/usr/bin/env bash
# Installs the Debian packages Symetrisk Desk needs that are not installed yet (apt-get, with sudo when not root).
# Used by scripts/setup.sh (a fresh machine) and .ci/run (CI); does nothing when all are there.
#
#   build-essential python3   native modules (better-sqlite3, keytar) build where no prebuilt binary fits
#   libsecret-1-dev           keytar builds against it; its runtime talks to the Secret Service
#   gnome-keyring dbus dbus-bin  a Secret Service for stored secrets on Linux without a desktop keyring
#                             (scripts/with-keyring.sh), and the keychain tests
#   chromium                  the end-to-end suite (Playwright drives Debian's Chromium; no browser download)
#   xvfb xauth                a display for the Electron suite where an Electron binary exists
#   libreoffice-calc-nogui    an independent reader that opens the Excel packs
#   poppler-utils             pdftotext and pdfimages read the PDF LibreOffice prints of a pack
#   postgresql                a real PostgreSQL for the team tests (each starts a throwaway cluster of its own; the
#                             package's own service is not used)
set -euo pipefail

PACKAGES=(build-essential python3 libsecret-1-dev gnome-keyring dbus dbus-bin chromium xvfb xauth libreoffice-calc-nogui poppler-utils postgresql)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "These packages are missing and this is not a Debian-like system (no apt-get): ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
