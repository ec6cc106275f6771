#!/usr/bin/env bash
# Side by side, in one run: this suite's access-log exporter (built for the JIT, and published with
# Native AOT) against mtail (Debian package), each
# following its own empty log file to which the same generated 1,000,000-line worker-format log is
# appended at once. For each: seconds from the append until its metrics count every line, lines per
# second, CPU seconds used for them, and peak RSS. ROUNDS rounds, alternating; medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/compare/common.sh

LINES=${LINES:-1000000}
ROUNDS=${ROUNDS:-3}
./scripts/ensure-packages.sh mtail curl python3 >/dev/null
dotnet build src/Exporters.NginxLog -c Release -nologo -v quiet >/dev/null
aot=$(mktemp -d)
# Serilog reports trim warnings for features the suite does not use (configuration from files).
dotnet publish src/Exporters.NginxLog -c Release -r linux-x64 -p:PublishAot=true -p:WarningsNotAsErrors=IL2104 \
  -o "$aot" -nologo -v quiet >/dev/null

work=$(mktemp -d)
python3 benchmarks/compare/generate-worker-log.py "$LINES" > "$work/source.log"
mkdir -p "$work/progs"
cp benchmarks/compare/nginxlog.mtail "$work/progs/"

write_config() { # log
  cat > "$work/ours.yml" <<YAML
namespaces:
  - name: nginx
    format: "\$remote_addr - \$remote_user [\$time_local] \\"\$request\\" \$status \$body_bytes_sent \\"\$http_referer\\" \\"\$http_user_agent\\" rt=\$request_time"
    source:
      files:
        - $1
YAML
}
start_jit() { # log port
  write_config "$1"
  dotnet src/Exporters.NginxLog/bin/Release/net10.0/Exporters.NginxLog.dll --config.file="$work/ours.yml" \
    --web.listen-address="127.0.0.1:$2" --log.level=warn >/dev/null 2>&1 &
  echo $!
}
start_aot() { # log port
  write_config "$1"
  "$aot/Exporters.NginxLog" --config.file="$work/ours.yml" --web.listen-address="127.0.0.1:$2" --log.level=warn >/dev/null 2>&1 &
  echo $!
}
start_mtail() { # log port
  mtail -progs "$work/progs" -logs "$1" -address 127.0.0.1 -port "$2" -logtostderr >/dev/null 2>&1 &
  echo $!
}
counted() { # port -> lines counted so far
  curl -s "http://127.0.0.1:$1/metrics" | awk '/^nginx_http_response_count_total[{ ]/ {sum += $NF} END {printf "%d\n", sum}'
}

hz=$(ticks_per_second)
run() { # who -> "seconds lines_per_second cpu_seconds peak_rss_mb"
  local who=$1 port log pid before start end after
  port=$(free_port)
  log="$work/$who.log"
  : > "$log"
  pid=$("start_$who" "$log" "$port")
  started_pids+=("$pid")
  wait_url "http://127.0.0.1:$port/metrics"
  sleep 1
  before=$(cpu_ticks "$pid")
  start=$(date +%s.%N)
  cat "$work/source.log" >> "$log"
  while [ "$(counted "$port")" -lt "$LINES" ]; do sleep 0.02; done
  end=$(date +%s.%N)
  after=$(cpu_ticks "$pid")
  local hwm; hwm=$(hwm_kib "$pid")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  awk -v s="$start" -v e="$end" -v n="$LINES" -v b="$before" -v a="$after" -v hz="$hz" -v h="$hwm" \
    'BEGIN {printf "%.3f %.0f %.2f %.1f\n", e - s, n / (e - s), (a - b) / hz, h / 1024}'
  rm -f "$log"
}

for who in jit aot mtail; do : > "$work/$who"; done
: > "$work/ratio_jit"; : > "$work/ratio_aot"
for _ in $(seq 1 "$ROUNDS"); do
  for who in jit aot mtail; do run "$who" >> "$work/$who"; done
  for who in jit aot; do
    awk -v o="$(tail -1 "$work/$who" | cut -d' ' -f2)" -v m="$(tail -1 "$work/mtail" | cut -d' ' -f2)" 'BEGIN {printf "%.2f\n", o / m}' >> "$work/ratio_$who"
  done
done

col() { cut -d' ' -f"$2" "$work/$1" | median; }
ratio() { awk -v o="$1" -v m="$2" 'BEGIN {printf "%.3f", o / m}'; }
mtail_version=$(mtail -version 2>&1 | head -1 | grep -oE '[0-9]+\.[0-9]+[^ ,]*' | head -1)
echo "| measure ($LINES lines, median of $ROUNDS rounds) | this suite (JIT) | this suite (Native AOT) | mtail $mtail_version | JIT / mtail | AOT / mtail |"
echo "|---|---|---|---|---|---|"
echo "| seconds until every line is counted | $(col jit 1) | $(col aot 1) | $(col mtail 1) | $(ratio "$(col jit 1)" "$(col mtail 1)") | $(ratio "$(col aot 1)" "$(col mtail 1)") |"
echo "| lines per second (ratio: median of per-round ratios) | $(col jit 2) | $(col aot 2) | $(col mtail 2) | $(median < "$work/ratio_jit") | $(median < "$work/ratio_aot") |"
echo "| CPU seconds | $(col jit 3) | $(col aot 3) | $(col mtail 3) | $(ratio "$(col jit 3)" "$(col mtail 3)") | $(ratio "$(col aot 3)" "$(col mtail 3)") |"
echo "| peak RSS (MB) | $(col jit 4) | $(col aot 4) | $(col mtail 4) | $(ratio "$(col jit 4)" "$(col mtail 4)") | $(ratio "$(col aot 4)" "$(col mtail 4)") |"
rm -rf "$work" "$aot"
