#!/usr/bin/env bash
# Debian packages the tests and benchmarks need, installed only when missing:
#   chromium      a real headless browser for the web chat test
#   postgresql    the SQL tracker store of the scale-out configuration (we start our own
#                 instance with initdb on our own port, never the system-wide service)
#   redis-server  Rasa's Redis lock store (again our own instance)
#   nginx         the round-robin balancer in front of the Rasa replicas (a small Python proxy
#                 is used when it is absent)
#   tesseract-ocr, tesseract-ocr-vie
#                 OCR of the printed dossier code on a receipt photo (bot/receipt), with its
#                 Vietnamese data; without them only the QR code / barcode of a receipt is read
# Needs root (or password-less sudo) and apt-get. Without them it says what to install and
# exits 0: the tests that need a missing program then skip, naming it.
#
#   scripts/install-system-deps.sh            # install what is missing (about 20-60 s)
#   scripts/install-system-deps.sh --check    # only say what is missing (exit 1 if anything is)
set -uo pipefail

started=$(date +%s)
have_postgres() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null 2>&1
}

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
have_postgres || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
have_tessdata() {
  compgen -G "/usr/share/tesseract-ocr/*/tessdata/$1.traineddata" >/dev/null 2>&1
}
command -v tesseract >/dev/null 2>&1 && have_tessdata eng || missing+=(tesseract-ocr)
have_tessdata vie || missing+=(tesseract-ocr-vie)

if [ "${1:-}" = "--check" ]; then
  if [ ${#missing[@]} -eq 0 ]; then echo "system-deps: all present"; exit 0; fi
  echo "system-deps: missing ${missing[*]}"; exit 1
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get; please install: ${missing[*]}" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "system-deps: not root; please run: apt-get install ${missing[*]}" >&2
    exit 0
  fi
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d 101: the packages must not start their system-wide services (the tests start
# their own instances on free ports); removed again afterwards if we created it.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && created_policy=1
fi
ok=1
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null 2>&1
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || ok=0
fi
[ "$created_policy" = 1 ] && $SUDO rm -f "$policy"
if [ "$ok" = 1 ]; then
  echo "system-deps: installed ${missing[*]} in $(( $(date +%s) - started )) s"
else
  echo "system-deps: could not install ${missing[*]}" >&2
fi
exit 0
