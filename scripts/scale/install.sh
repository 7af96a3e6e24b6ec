#!/usr/bin/env bash
# Install the Debian packages the scale-out configuration needs, only those that are missing:
#   postgresql    (SQL tracker store; we run our own cluster with initdb, not the system one)
#   redis-server  (Rasa's Redis lock store)
#   nginx         (round-robin load balancer; a small Python proxy is used when it is absent)
# Needs root (or password-less sudo) and apt-get. Without them it says what to install and
# exits 0: the scale tests then skip, naming the missing program.
#
#   scripts/scale/install.sh            # install what is missing
#   scripts/scale/install.sh --check    # only say what is missing (exit 1 if anything is)
set -uo pipefail

started=$(date +%s)
have_postgres() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null 2>&1
}

missing=()
have_postgres || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)

if [ "${1:-}" = "--check" ]; then
  if [ ${#missing[@]} -eq 0 ]; then echo "scale/install: all present"; exit 0; fi
  echo "scale/install: missing ${missing[*]}"; exit 1
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "scale/install: postgresql, redis-server and nginx present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "scale/install: no apt-get; please install: ${missing[*]}" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "scale/install: not root; please run: apt-get install ${missing[*]}" >&2
    exit 0
  fi
fi
echo "scale/install: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d 101: the packages must not start their system-wide services (we start our own
# instances on our own ports); removed again afterwards if we created it.
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
  echo "scale/install: installed ${missing[*]} in $(( $(date +%s) - started )) s"
else
  echo "scale/install: could not install ${missing[*]}" >&2
fi
exit 0
