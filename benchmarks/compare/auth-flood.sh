#!/usr/bin/env bash
# A good scrape while wrong passwords flood basic authentication: this suite's stub exporter (JIT build)
# against Debian's prometheus-node-exporter (exporter-toolkit; only the loadavg collector, so that the
# scrape itself costs little), both with the same basic_auth_users (one user, bcrypt cost 10).
#  - good scrape: SCRAPES GETs with the right password, 0.2 s apart, first alone, then while FLOODERS
#    curl loops send a new wrong password each (no cache can answer them); median and max seconds.
#  - during the flood: wrong attempts answered per second, and the exporter's CPU (cores busy).
# Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/compare/common.sh

SCRAPES=${SCRAPES:-30}
FLOODERS=${FLOODERS:-4}
./scripts/ensure-packages.sh prometheus-node-exporter curl >/dev/null
dotnet build src/Exporters.NginxStub -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
# The password is "s3cret".
printf '%s\n' 'basic_auth_users:' "  prometheus: '\$2a\$10\$rBDXvXVS08wvbXBOjlaWKuUy51t/KJsllBFNXtgq0M4YIvQwlLdxa'" > "$work/web.yml"

start_ours() { # port
  dotnet src/Exporters.NginxStub/bin/Release/net10.0/Exporters.NginxStub.dll --web.listen-address="127.0.0.1:$1" \
    --nginx.scrape-uri="http://127.0.0.1:$(free_port)/stub_status" --web.config.file="$work/web.yml" --log.level=warn >/dev/null 2>&1 &
  echo $!
}
start_go() { # port
  /usr/bin/prometheus-node-exporter --web.listen-address="127.0.0.1:$1" --web.config.file="$work/web.yml" \
    --collector.disable-defaults --collector.loadavg >/dev/null 2>&1 &
  echo $!
}

# good_scrapes URL -> "median max" seconds of SCRAPES scrapes with the right password.
good_scrapes() {
  for _ in $(seq 1 "$SCRAPES"); do
    curl -s -o /dev/null -w '%{time_total}\n' -u prometheus:s3cret "$1"
    sleep 0.2
  done | sort -n | awk '{a[NR] = $1} END {printf "%.4f %.4f\n", a[int((NR + 1) / 2)], a[NR]}'
}

measure() { # name start-function
  local port pid url quiet flood ticks0 ticks1 t0 t1 attempts
  port=$(free_port)
  pid=$($2 "$port")
  started_pids+=("$pid")
  url="http://127.0.0.1:$port/metrics"
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -u prometheus:s3cret "$url")" = 200 ] && break
    sleep 0.05
  done
  quiet=$(good_scrapes "$url")
  : > "$work/attempts"
  touch "$work/flooding"
  for j in $(seq 1 "$FLOODERS"); do
    (i=0; while [ -f "$work/flooding" ]; do
      i=$((i + 1))
      curl -s -o /dev/null -u "prometheus:wrong-$j-$i" "$url" && echo >> "$work/attempts"
    done) &
  done
  sleep 1
  ticks0=$(cpu_ticks "$pid"); t0=$(date +%s.%N); a0=$(wc -l < "$work/attempts")
  flood=$(good_scrapes "$url")
  ticks1=$(cpu_ticks "$pid"); t1=$(date +%s.%N); a1=$(wc -l < "$work/attempts")
  rm -f "$work/flooding"
  wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
  kill -TERM "$pid"
  awk -v n="$1" -v q="$quiet" -v f="$flood" -v c0="$ticks0" -v c1="$ticks1" -v t0="$t0" -v t1="$t1" -v a0="$a0" -v a1="$a1" -v hz="$(ticks_per_second)" \
    'BEGIN {split(q, qq, " "); split(f, ff, " "); w = t1 - t0;
      printf "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |\n", n, qq[1] * 1000, qq[2] * 1000, ff[1] * 1000, ff[2] * 1000, (a1 - a0) / w, (c1 - c0) / hz / w}'
}

echo "| exporter | good scrape alone, median ms | alone, max ms | during the flood, median ms | during, max ms | wrong attempts answered per s | exporter CPU during the flood (cores) |"
echo "|---|---|---|---|---|---|---|"
measure "this suite (stub exporter, JIT)" start_ours
measure "prometheus-node-exporter $(dpkg-query -W -f='${Version}' prometheus-node-exporter) (loadavg only)" start_go
