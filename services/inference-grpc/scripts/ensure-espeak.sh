#!/usr/bin/env bash
# Makes sure `espeak-ng` is on PATH: the voice tests synthesise speech with it at known rates
# (words per minute) so that VAD and pace are checked against real speech, not a stand-in.
# Installs Debian's package when we are root; otherwise says what to run. Idempotent.
set -euo pipefail

if command -v espeak-ng >/dev/null 2>&1; then
  echo "espeak-ng present: $(espeak-ng --version 2>/dev/null | head -n 1)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "espeak-ng is not installed and this script is not running as root." >&2
  echo "Install it with: sudo apt-get update && sudo apt-get install -y espeak-ng" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "espeak-ng is not installed and apt-get is not available; install espeak-ng with your package manager." >&2
  exit 1
fi

echo "espeak-ng not found; installing it with apt-get (Debian package espeak-ng)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y espeak-ng

if ! command -v espeak-ng >/dev/null 2>&1; then
  echo "apt-get finished but espeak-ng is still not on PATH." >&2
  exit 1
fi
echo "espeak-ng installed: $(espeak-ng --version 2>/dev/null | head -n 1)"
