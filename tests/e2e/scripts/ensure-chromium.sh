#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium: the end-to-end tests drive it with
# playwright-core (`npx playwright install` cannot download browsers on this network).
# Installs the Debian package when running as root; otherwise says what to run. Idempotent.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is not installed and this script is not running as root." >&2
  echo "Install it with: sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is not installed and apt-get is not available; install Chromium at /usr/bin/chromium." >&2
  exit 1
fi

echo "chromium not found; installing it with apt-get (Debian package chromium)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "apt-get finished but /usr/bin/chromium is still missing." >&2
  exit 1
fi
echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
