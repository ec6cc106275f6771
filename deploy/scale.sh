#!/usr/bin/env bash
# Scales service-a of the worker stack to N replicas (1-10) without recreating running containers.
# Usage: deploy/scale.sh N   (run from the repository root)
set -euo pipefail

if [ "$#" -ne 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$((10#$1))" -lt 1 ] || [ "$((10#$1))" -gt 10 ]; then
    echo "usage: scale.sh N, where N is an integer from 1 to 10 (got: ${*:-nothing})" >&2
    exit 2
fi

exec docker compose -f deploy/docker-compose.yml up -d --scale "service-a=$((10#$1))" --no-recreate
