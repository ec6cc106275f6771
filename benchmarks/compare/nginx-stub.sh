#!/usr/bin/env bash
# Side by side, in one run: this suite's nginx stub exporter against Debian's prometheus-nginx-exporter,
# both scraping the same private nginx on 127.0.0.1.
#  - CPU milliseconds per /metrics scrape: wrk (1 thread, 1 connection) drives each exporter for
#    DURATION seconds, ROUNDS times, alternating; CPU is read from /proc before and after each round.
#  - RSS after 1,000 scrapes of a freshly started process.
# Prints a markdown table of medians and the ratio ours/Go.
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/compare/common.sh

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5}
./scripts/ensure-packages.sh nginx prometheus-nginx-exporter wrk curl >/dev/null
dotnet build src/Exporters.NginxStub -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
nginx_port=$(free_port)
start_nginx "$work/nginx" "$nginx_port"
scrape_uri="http://127.0.0.1:$nginx_port/stub_status"

start_ours() { # port
  dotnet src/Exporters.NginxStub/bin/Release/net10.0/Exporters.NginxStub.dll \
    --web.listen-address="127.0.0.1:$1" --nginx.scrape-uri="$scrape_uri" --log.level=warn >/dev/null 2>&1 &
  started_pids+=($!)
  echo $!
}
start_go() { # port
  /usr/bin/prometheus-nginx-exporter -web.listen-address="127.0.0.1:$1" -nginx.scrape-uri="$scrape_uri" >/dev/null 2>&1 &
  started_pids+=($!)
  echo $!
}

# RSS after 1,000 scrapes, each process fresh.
for who in ours go; do
  port=$(free_port)
  pid=$("start_$who" "$port")
  wait_url "http://127.0.0.1:$port/metrics"
  scrape_n "http://127.0.0.1:$port/metrics" 1000
  declare "rss_$who=$(rss_kib "$pid")"
done

# CPU per scrape, alternating rounds on long-running processes after a warm-up.
ours_port=$(free_port); ours_pid=$(start_ours "$ours_port")
go_port=$(free_port); go_pid=$(start_go "$go_port")
wait_url "http://127.0.0.1:$ours_port/metrics"; wait_url "http://127.0.0.1:$go_port/metrics"
scrape_n "http://127.0.0.1:$ours_port/metrics" 2000
scrape_n "http://127.0.0.1:$go_port/metrics" 2000
hz=$(ticks_per_second)

round() { # pid port -> "cpu_ms_per_scrape scrapes_per_second"
  local before after requests
  before=$(cpu_ticks "$1")
  requests=$(wrk -t1 -c1 -d"${DURATION}s" "http://127.0.0.1:$2/metrics" | awk '/requests in/ {print $1}')
  after=$(cpu_ticks "$1")
  awk -v b="$before" -v a="$after" -v n="$requests" -v hz="$hz" -v d="$DURATION" \
    'BEGIN {printf "%.4f %.0f\n", (a - b) * 1000 / hz / n, n / d}'
}

: > "$work/ours"; : > "$work/go"; : > "$work/ratio"
for _ in $(seq 1 "$ROUNDS"); do
  read -r ours_cpu ours_rate < <(round "$ours_pid" "$ours_port")
  read -r go_cpu go_rate < <(round "$go_pid" "$go_port")
  echo "$ours_cpu $ours_rate" >> "$work/ours"
  echo "$go_cpu $go_rate" >> "$work/go"
  awk -v o="$ours_cpu" -v g="$go_cpu" 'BEGIN {printf "%.3f\n", o / g}' >> "$work/ratio"
done

ours_cpu=$(cut -d' ' -f1 "$work/ours" | median); go_cpu=$(cut -d' ' -f1 "$work/go" | median)
ours_rate=$(cut -d' ' -f2 "$work/ours" | median); go_rate=$(cut -d' ' -f2 "$work/go" | median)
ratio=$(median < "$work/ratio")

echo "| measure | this suite | prometheus-nginx-exporter $(/usr/bin/prometheus-nginx-exporter -version 2>&1 | grep -o 'version=[^ ]*' | cut -d= -f2) | ratio (ours / Go) |"
echo "|---|---|---|---|"
echo "| CPU ms per scrape (median of $ROUNDS rounds of ${DURATION}s) | $ours_cpu | $go_cpu | $ratio |"
echo "| scrapes per second, 1 connection | $ours_rate | $go_rate | $(awk -v o="$ours_rate" -v g="$go_rate" 'BEGIN {printf "%.2f", o / g}') |"
echo "| RSS after 1,000 scrapes (MB) | $(awk -v k="$rss_ours" 'BEGIN {printf "%.1f", k / 1024}') | $(awk -v k="$rss_go" 'BEGIN {printf "%.1f", k / 1024}') | $(awk -v o="$rss_ours" -v g="$rss_go" 'BEGIN {printf "%.2f", o / g}') |"
rm -rf "$work"
