#!/usr/bin/env bash
# The access-log exporter's syslog UDP source against its file source, same build, same lines. Syslog: N
# RFC 3164 datagrams (as nginx's access_log syslog: writes them) sent from one socket by
# syslog-sender.c (64 per sendmmsg), as fast as it goes; the exporter's received and counted-line totals,
# the drops it counted for its socket (the kernel's, reported with SO_RXQ_OVFL), and the CPU it used. File:
# the same N lines appended at once to the file it follows, as nginxlog.sh does. Each bounded: the sender
# stops after SEND_SECONDS. The exporter is published with Native AOT (needs clang and zlib1g-dev), as the
# images ship it; AOT=0 measures the Release (JIT) build instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/compare/common.sh

LINES=${LINES:-2000000}
SEND_SECONDS=${SEND_SECONDS:-60}
AOT=${AOT:-1}
work=$(mktemp -d)
./scripts/ensure-packages.sh gcc libc6-dev curl >/dev/null
cc -O2 -o "$work/syslog-sender" benchmarks/compare/syslog-sender.c
if [ "$AOT" = 1 ]; then
  build="Native AOT build"
  ./scripts/ensure-packages.sh clang zlib1g-dev >/dev/null
  dotnet publish src/Exporters.NginxLog -c Release -r linux-x64 -p:PublishAot=true -p:WarningsNotAsErrors=IL2104 \
    -o "$work/aot-build" -nologo -v quiet >/dev/null
  exe=("$work/aot-build/Exporters.NginxLog")
else
  build="JIT build"
  dotnet build src/Exporters.NginxLog -c Release -nologo -v quiet >/dev/null
  exe=(dotnet src/Exporters.NginxLog/bin/Release/net10.0/Exporters.NginxLog.dll)
fi

python3 benchmarks/compare/generate-worker-log.py 1000 > "$work/1000.log"
format='"$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" rt=$request_time"'

start_exporter() { # port source-yaml
  printf 'namespaces:\n  - name: nginx\n    format: %s\n    source:\n%s\n' "$format" "$2" > "$work/ours.yml"
  "${exe[@]}" --config.file="$work/ours.yml" --web.listen-address="127.0.0.1:$1" --log.level=warn >/dev/null 2>&1 &
  echo $!
}
metric() { # port name -> sum of the family's samples
  curl -s "http://127.0.0.1:$1/metrics" | awk -v n="$2" '$1 ~ "^"n"([{]|$)" {sum += $NF} END {printf "%d\n", sum}'
}
settle() { # port name -> waits until the family stops growing for a second; prints "value time_of_last_growth"
  local last=-1 now t=0 since
  since=$(date +%s.%N)
  while :; do
    now=$(metric "$1" "$2")
    if [ "$now" != "$last" ]; then last=$now; since=$(date +%s.%N); t=0
    elif [ "$t" -ge 20 ]; then break
    else t=$((t + 1)); fi
    sleep 0.05
  done
  echo "$last $since"
}
kernel_drops() { # udp port -> drops the kernel counted on that socket
  awk -v p="$(printf '%04X' "$1")" '$2 ~ ":"p"$" {print $NF}' /proc/net/udp | head -1
}
hz=$(ticks_per_second)

# Syslog over UDP.
port=$(free_port); udp=$(free_port)
pid=$(start_exporter "$port" "      syslog:
        listen_address: udp://127.0.0.1:$udp
        format: rfc3164
        tags: [nginx]")
started_pids+=("$pid")
wait_url "http://127.0.0.1:$port/metrics"; sleep 1
before=$(cpu_ticks "$pid"); start=$(date +%s.%N)
read -r sent send_seconds < <("$work/syslog-sender" 127.0.0.1 "$udp" "$LINES" "$work/1000.log" "$SEND_SECONDS")
read -r received _ < <(settle "$port" nginxlog_exporter_syslog_messages_received_total)
read -r counted last < <(settle "$port" nginx_http_response_count_total)
after=$(cpu_ticks "$pid"); drops=$(kernel_drops "$udp")
counted_drops=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^nginxlog_exporter_syslog_messages_dropped_total[{].*reason="buffer_full"/ {print $NF}')
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
syslog=$(awk -v s="$start" -v e="$last" -v n="$sent" -v r="$received" -v c="$counted" -v ss="$send_seconds" -v b="$before" -v a="$after" -v hz="$hz" -v d="$drops" -v cd="$counted_drops" \
  'BEGIN {printf "%d %.3f %.0f %d %d %d %d %.0f %.2f %.2f\n", n, ss, n / ss, r, d, cd, c, r / (e - s), (a - b) / hz, (a - b) / hz / (c / 1e6)}')

# The same lines from a file.
: > "$work/access.log"
for _ in $(seq 1 $((LINES / 1000))); do cat "$work/1000.log"; done > "$work/source.log"
port=$(free_port)
pid=$(start_exporter "$port" "      files:
        - $work/access.log")
started_pids+=("$pid")
wait_url "http://127.0.0.1:$port/metrics"; sleep 1
before=$(cpu_ticks "$pid"); start=$(date +%s.%N)
cat "$work/source.log" >> "$work/access.log"
read -r counted last < <(settle "$port" nginx_http_response_count_total)
after=$(cpu_ticks "$pid")
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
file=$(awk -v s="$start" -v e="$last" -v c="$counted" -v b="$before" -v a="$after" -v hz="$hz" \
  'BEGIN {printf "%d %.0f %.2f %.2f\n", c, c / (e - s), (a - b) / hz, (a - b) / hz / (c / 1e6)}')

set -- $syslog
echo "| measure ($LINES lines, $build) | syslog UDP (RFC 3164) | file |"
echo "|---|---|---|"
echo "| datagrams sent, seconds, per second (one socket, sendmmsg) | $1 in $2 s = $3/s | |"
echo "| received by the exporter / dropped by the kernel, per /proc/net/udp / as the exporter counted them | $4 / $5 / $6 | |"
echo "| lines counted | $7 | $(echo "$file" | cut -d' ' -f1) |"
echo "| lines per second counted | $8 | $(echo "$file" | cut -d' ' -f2) |"
echo "| CPU seconds / per million lines counted | $9 / ${10} | $(echo "$file" | cut -d' ' -f3) / $(echo "$file" | cut -d' ' -f4) |"
rm -rf "$work"
