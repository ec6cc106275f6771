#!/usr/bin/env bash
# The merger in front of two upstream pages served as static files by a private nginx on 127.0.0.1: a
# page captured from Debian's prometheus-node-exporter and one from this suite's stub exporter. wrk
# (1 thread, 4 connections, DURATION seconds, ROUNDS times) drives the merger, then the same nginx serving
# the merged bytes as a static file: the floor an HTTP server on this machine sets. CPU is read from
# /proc/<pid>/stat before and after each round (the merger process; nginx's worker for the static page).
# Prints a markdown table of medians. With PERF_DATA=file, one more wrk run first is recorded with
# `perf record -g` on the merger (started with DOTNET_PerfMapEnabled=1) into that file.
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/compare/common.sh

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
./scripts/ensure-packages.sh nginx prometheus-node-exporter wrk curl >/dev/null
dotnet build src/Merger -c Release -nologo -v quiet >/dev/null
dotnet build src/Exporters.NginxStub -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
chmod 755 "$work" # nginx's worker, run as another user when started as root, reads the pages
trap 'cleanup; rm -rf "$work"' EXIT
www="$work/nginx/www"
mkdir -p "$www" "$work/nginx/logs" "$work/nginx/tmp"
nginx_port=$(free_port)
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        root $www;
        default_type "text/plain; version=0.0.4; charset=utf-8";
        location = /stub_status { stub_status; }
    }
}
NGINX
echo ok > "$www/index.html"
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" -g 'daemon off;' >/dev/null 2>&1 &
nginx_pid=$!
started_pids+=("$nginx_pid")
wait_url "http://127.0.0.1:$nginx_port/index.html"
nginx_worker=$(pgrep -P "$nginx_pid" | head -1)

# The upstream pages, captured once.
node_port=$(free_port)
/usr/bin/prometheus-node-exporter --web.listen-address="127.0.0.1:$node_port" >/dev/null 2>&1 &
node_pid=$!
started_pids+=("$node_pid")
wait_url "http://127.0.0.1:$node_port/metrics"
curl -fsS "http://127.0.0.1:$node_port/metrics" > "$www/node.prom"
kill -TERM "$node_pid"

stub_port=$(free_port)
dotnet src/Exporters.NginxStub/bin/Release/net10.0/Exporters.NginxStub.dll --web.listen-address="127.0.0.1:$stub_port" \
  --nginx.scrape-uri="http://127.0.0.1:$nginx_port/stub_status" --log.level=warn >/dev/null 2>&1 &
stub_pid=$!
started_pids+=("$stub_pid")
wait_url "http://127.0.0.1:$stub_port/metrics"
curl -fsS "http://127.0.0.1:$stub_port/metrics" > "$www/stub.prom"
kill -TERM "$stub_pid"

merger_port=$(free_port)
[ -n "${PERF_DATA:-}" ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
dotnet src/Merger/bin/Release/net10.0/Merger.dll --web.listen-address="127.0.0.1:$merger_port" --log.level=warn \
  --url "http://127.0.0.1:$nginx_port/node.prom" --url "http://127.0.0.1:$nginx_port/stub.prom" >/dev/null 2>&1 &
merger_pid=$!
started_pids+=("$merger_pid")
wait_url "http://127.0.0.1:$merger_port/metrics"
scrape_n "http://127.0.0.1:$merger_port/metrics" 2000
curl -fsS "http://127.0.0.1:$merger_port/metrics" > "$www/merged.prom"

if [ -n "${PERF_DATA:-}" ]; then
  perf record -F 999 -g -p "$merger_pid" -o "$PERF_DATA" -- sleep "$DURATION" >/dev/null 2>&1 &
  perf_pid=$!
  wrk -t1 -c4 -d"${DURATION}s" "http://127.0.0.1:$merger_port/metrics" >/dev/null
  wait "$perf_pid" || true
fi

: > "$work/merger"; : > "$work/static"
for _ in $(seq 1 "$ROUNDS"); do
  cpu_round "$merger_pid" "http://127.0.0.1:$merger_port/metrics" 4 "$DURATION" >> "$work/merger"
  cpu_round "$nginx_worker" "http://127.0.0.1:$nginx_port/merged.prom" 4 "$DURATION" >> "$work/static"
done

col() { cut -d' ' -f"$2" "$work/$1" | median; }
kb() { awk -v b="$(wc -c < "$1")" 'BEGIN {printf "%.1f", b / 1024}'; }
node_version=$(/usr/bin/prometheus-node-exporter --version 2>&1 | head -1 | awk '{print $3}')

echo "Upstream pages: prometheus-node-exporter $node_version $(kb "$www/node.prom") KB, stub exporter $(kb "$www/stub.prom") KB; merged page $(kb "$www/merged.prom") KB."
echo
echo "| served by | requests per second (wrk, 1 thread, 4 connections) | CPU ms per request (serving process) |"
echo "|---|---|---|"
echo "| merger: fetch both pages from nginx, parse, merge, write (median of $ROUNDS rounds of ${DURATION}s) | $(col merger 2) | $(col merger 1) |"
echo "| nginx: the merged bytes as a static file | $(col static 2) | $(col static 1) |"
