#!/usr/bin/env bash
# Helpers shared by the side-by-side comparison scripts: process CPU and memory from /proc, a private
# nginx on 127.0.0.1, free ports, waiting for a URL, and cleaning up what was started.

started_pids=()
cleanup() {
  for pid in "${started_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# CPU seconds (user + system) a process has used, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_per_second() { getconf CLK_TCK; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

source scripts/minimal-run.sh # free_port, and minimal arguments for each service

wait_url() { # url
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "no answer from $1" >&2
  return 1
}

# start_nginx DIR PORT: a private nginx with stub_status at /stub_status; sets nginx_pid.
start_nginx() {
  local dir=$1 port=$2
  mkdir -p "$dir/logs" "$dir/tmp"
  cat > "$dir/nginx.conf" <<NGINX
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        location = /stub_status { stub_status; }
        location / { return 200 "ok\n"; }
    }
}
NGINX
  /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" -g 'daemon off;' >/dev/null 2>&1 &
  nginx_pid=$!
  started_pids+=("$nginx_pid")
  wait_url "http://127.0.0.1:$port/"
}

# scrape_n URL N: N sequential GETs on one kept-alive connection.
scrape_n() { curl -s "$1?n=[1-$2]" > /dev/null; }

# cpu_round PID URL CONNECTIONS SECONDS: wrk (1 thread) against URL for SECONDS; prints
# "cpu_ms_per_request requests_per_second" for the process PID, from its utime+stime in /proc.
cpu_round() {
  local before after requests hz
  hz=$(ticks_per_second)
  before=$(cpu_ticks "$1")
  requests=$(wrk -t1 -c"$3" -d"$4s" "$2" | awk '/requests in/ {print $1}')
  after=$(cpu_ticks "$1")
  awk -v b="$before" -v a="$after" -v n="$requests" -v hz="$hz" -v d="$4" \
    'BEGIN {printf "%.4f %.0f\n", (a - b) * 1000 / hz / n, n / d}'
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }
