#!/usr/bin/env bash
# Start the scale-out configuration: PostgreSQL (SQL tracker store), Redis (lock store), the
# portal simulator, the action server, N Rasa replicas and a round-robin balancer on one
# address. Debian packages only (installed when missing by scripts/install-system-deps.sh); no Docker.
#
#   scripts/scale/up.sh [--replicas 2] [--state var/scale] [--balancer auto|nginx|python]
#                       [--lb-port 5100] [--pg-port 55432] [--redis-port 56379] [--model M]
#   scripts/scale/down.sh [--state var/scale]
#
# The REST channel is then at http://127.0.0.1:5100/webhooks/rest/webhook; replica i on
# port 5100+i with Rasa's HTTP API (loopback). Addresses: <state>/cluster.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
bash scripts/install-system-deps.sh
exec "$PY" -m bot.ops.cluster up "$@"
