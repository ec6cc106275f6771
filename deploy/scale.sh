#!/usr/bin/env bash
# Scales service-a of the worker stack to N replicas (1-10) without recreating running containers, then
# reloads nginx so that its upstream is every replica there is now (nginx resolves service-a on reload).
# Usage: deploy/scale.sh N   (from anywhere; the compose file is this folder's docker-compose.yml unless
# COMPOSE_FILE names the files, as Docker Compose reads it)
# COMPOSE: the compose command, by default "docker compose", or "docker-compose" when that is what exists.
set -euo pipefail

if [ "$#" -ne 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$((10#$1))" -lt 1 ] || [ "$((10#$1))" -gt 10 ]; then
    echo "usage: scale.sh N, where N is an integer from 1 to 10 (got: ${*:-nothing})" >&2
    exit 2
fi
replicas=$((10#$1))

if [ -n "${COMPOSE:-}" ]; then
    read -r -a compose <<< "$COMPOSE"
elif docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
    compose=(docker-compose)
else
    echo "scale.sh: neither \"docker compose\" nor docker-compose is installed (or set COMPOSE)" >&2
    exit 1
fi
if [ -z "${COMPOSE_FILE:-}" ]; then
    compose+=(-f "$(dirname "$0")/docker-compose.yml")
fi

"${compose[@]}" up -d --scale "service-a=$replicas" --no-recreate

# nginx checks the configuration, resolving service-a, before it signals the running master; the
# engine's DNS can miss the name for a moment while containers are removed, so try again a few times.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if error=$("${compose[@]}" exec -T nginx nginx -s reload 2>&1); then
        exit 0
    fi
    sleep 1
done
echo "scale.sh: nginx did not reload after $attempt tries, it still sends traffic to the replicas it had: $error" >&2
exit 1
