#!/usr/bin/env bash
# Side by side, in one run: this suite's nginx stub exporter (as built for the JIT, and published with
# Native AOT) against Debian's prometheus-nginx-exporter, all scraping the same private nginx on 127.0.0.1.
#  - CPU milliseconds per /metrics scrape: wrk (1 thread, 1 connection) drives each exporter for
#    DURATION seconds, ROUNDS times, alternating; CPU is read from /proc before and after each round.
#  - RSS after 1,000 scrapes of a freshly started process.
# Prints a markdown table of medians and the ratios ours/Go (per round, then the median of the ratios).
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/compare/common.sh

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5}
./scripts/ensure-packages.sh nginx prometheus-nginx-exporter wrk curl >/dev/null
dotnet build src/Exporters.NginxStub -c Release -nologo -v quiet >/dev/null
aot=$(mktemp -d)
# Serilog reports trim warnings for features the suite does not use (configuration from files).
dotnet publish src/Exporters.NginxStub -c Release -r linux-x64 -p:PublishAot=true -p:WarningsNotAsErrors=IL2104 \
  -o "$aot" -nologo -v quiet >/dev/null

work=$(mktemp -d)
nginx_port=$(free_port)
start_nginx "$work/nginx" "$nginx_port"
scrape_uri="http://127.0.0.1:$nginx_port/stub_status"

start_jit() { # port
  dotnet src/Exporters.NginxStub/bin/Release/net10.0/Exporters.NginxStub.dll \
    --web.listen-address="127.0.0.1:$1" --nginx.scrape-uri="$scrape_uri" --log.level=warn >/dev/null 2>&1 &
  echo $!
}
start_aot() { # port
  "$aot/Exporters.NginxStub" --web.listen-address="127.0.0.1:$1" --nginx.scrape-uri="$scrape_uri" --log.level=warn >/dev/null 2>&1 &
  echo $!
}
start_go() { # port
  /usr/bin/prometheus-nginx-exporter -web.listen-address="127.0.0.1:$1" -nginx.scrape-uri="$scrape_uri" >/dev/null 2>&1 &
  echo $!
}

# RSS after 1,000 scrapes, each process fresh.
for who in jit aot go; do
  port=$(free_port)
  pid=$("start_$who" "$port")
  started_pids+=("$pid")
  wait_url "http://127.0.0.1:$port/metrics"
  scrape_n "http://127.0.0.1:$port/metrics" 1000
  declare "rss_$who=$(rss_kib "$pid")"
  kill -TERM "$pid"
done

# CPU per scrape, alternating rounds on long-running processes after a warm-up.
for who in jit aot go; do
  port=$(free_port)
  pid=$("start_$who" "$port")
  started_pids+=("$pid")
  declare "port_$who=$port" "pid_$who=$pid"
  wait_url "http://127.0.0.1:$port/metrics"
  scrape_n "http://127.0.0.1:$port/metrics" 2000
done

for who in jit aot go; do : > "$work/$who"; done
: > "$work/ratio_jit"; : > "$work/ratio_aot"
for _ in $(seq 1 "$ROUNDS"); do
  for who in jit aot go; do
    pid_var="pid_$who"; port_var="port_$who"
    cpu_round "${!pid_var}" "http://127.0.0.1:${!port_var}/metrics" 1 "$DURATION" >> "$work/$who"
  done
  go_cpu=$(tail -1 "$work/go" | cut -d' ' -f1)
  for who in jit aot; do
    awk -v o="$(tail -1 "$work/$who" | cut -d' ' -f1)" -v g="$go_cpu" 'BEGIN {printf "%.3f\n", o / g}' >> "$work/ratio_$who"
  done
done

col() { cut -d' ' -f"$2" "$work/$1" | median; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
ratio() { awk -v o="$1" -v g="$2" 'BEGIN {printf "%.2f", o / g}'; }
go_version=$(/usr/bin/prometheus-nginx-exporter -version 2>&1 | grep -o 'version=[^ ]*' | cut -d= -f2)

echo "| measure | this suite (JIT) | this suite (Native AOT) | prometheus-nginx-exporter $go_version | JIT / Go | AOT / Go |"
echo "|---|---|---|---|---|---|"
echo "| CPU ms per scrape (median of $ROUNDS rounds of ${DURATION}s; ratio: median of per-round ratios) | $(col jit 1) | $(col aot 1) | $(col go 1) | $(median < "$work/ratio_jit") | $(median < "$work/ratio_aot") |"
echo "| scrapes per second, 1 connection | $(col jit 2) | $(col aot 2) | $(col go 2) | $(ratio "$(col jit 2)" "$(col go 2)") | $(ratio "$(col aot 2)" "$(col go 2)") |"
echo "| RSS after 1,000 scrapes (MB) | $(mb "$rss_jit") | $(mb "$rss_aot") | $(mb "$rss_go") | $(ratio "$rss_jit" "$rss_go") | $(ratio "$rss_aot" "$rss_go") |"
rm -rf "$work" "$aot"
