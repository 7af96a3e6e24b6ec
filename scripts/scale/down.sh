#!/usr/bin/env bash
# Stop everything scripts/scale/up.sh started (balancer, replicas, action server, simulator,
# Redis, PostgreSQL). Data stays in the state directory (default var/scale); remove it to
# start from scratch.
#
#   scripts/scale/down.sh [--state var/scale]
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
exec "$PY" -m bot.ops.cluster down "$@"
