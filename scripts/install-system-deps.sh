#!/usr/bin/env bash
# Debian packages some tests need (a real headless browser for the web chat test).
# Installs only what is missing; needs root (or sudo) and apt. Without them it says what to
# install and carries on: the tests that need a missing program then skip, naming it.
set -uo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: no apt-get; please install: ${missing[*]}" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "install-system-deps: not root; please run: apt-get install ${missing[*]}" >&2
    exit 0
  fi
fi
echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "install-system-deps: could not install ${missing[*]}" >&2
