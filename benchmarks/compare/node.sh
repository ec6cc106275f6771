#!/usr/bin/env bash
# Side by side, in one run: this suite's node exporter (as built for the JIT, and published with Native
# AOT unless AOT=0) against Debian's prometheus-node-exporter, all on 127.0.0.1 with the same collectors:
# each one's defaults (the same set: node_exporter 1.5's default collectors) but systemd, which Debian's
# build turns on and this suite does not have (it needs D-Bus). COLLECTORS=all runs instead every
# collector both have, each turned on by name.
#  - CPU milliseconds per /metrics scrape: after WARMUP scrapes each, wrk (1 thread, CONNECTIONS connections)
#    drives each exporter for DURATION seconds, ROUNDS times, alternating; CPU is read from /proc/<pid>/stat
#    (utime + stime) before and after each round.
#  - Scrapes per second during those rounds.
#  - RSS (VmRSS) after 1,000 scrapes of a freshly started process.
# Prints a markdown table of medians and the ratios ours/Go (CPU: the median of the per-round ratios).
# Native AOT needs clang and zlib1g-dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/compare/common.sh

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-200}
CONNECTIONS=${CONNECTIONS:-4}
AOT=${AOT:-1}
GO=/usr/bin/prometheus-node-exporter
DLL=src/Exporters.Node/bin/Release/net10.0/Exporters.Node.dll
./scripts/ensure-packages.sh prometheus-node-exporter wrk curl >/dev/null
dotnet build src/Exporters.Node -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
mkdir -p "$work/textfile"
builds=(ours)
if [ "$AOT" = 1 ]; then
  ./scripts/ensure-packages.sh clang zlib1g-dev >/dev/null
  # Serilog reports trim warnings for features the suite does not use (configuration from files).
  dotnet publish src/Exporters.Node -c Release -r linux-x64 -p:PublishAot=true -p:WarningsNotAsErrors=IL2104 \
    -o "$work/aot-build" -nologo -v quiet >/dev/null
  builds+=(aot)
fi

# Collectors both have: "Enable the <name> collector" in each --help.
collector_names() { grep -o 'Enable the [a-z0-9_]* collector' | awk '{print $3}' | sort -u; }
dotnet "$DLL" --help 2>&1 | collector_names > "$work/ours.txt"
"$GO" --help 2>&1 | collector_names > "$work/go.txt"
default_names() { tr -s ' \n' ' ' | grep -oE 'Enable the [a-z0-9_]+ collector \(default: enabled\)' | awk '{print $3}' | sort -u; }
if [ "${COLLECTORS:-default}" = all ]; then
  collectors=$(comm -12 "$work/ours.txt" "$work/go.txt")
  flags=(--collector.disable-defaults "--collector.textfile.directory=$work/textfile")
  for name in $collectors; do
    flags+=("--collector.$name")
  done
else
  dotnet "$DLL" --help 2>&1 | default_names > "$work/ours-default.txt"
  "$GO" --help 2>&1 | default_names | grep -vx systemd > "$work/go-default.txt"
  if ! cmp -s "$work/ours-default.txt" "$work/go-default.txt"; then
    echo "default collectors differ (< ours, > node_exporter):" >&2
    diff "$work/ours-default.txt" "$work/go-default.txt" >&2 || true
  fi
  collectors=$(cat "$work/go-default.txt")
  flags=(--no-collector.systemd "--collector.textfile.directory=$work/textfile")
fi

start_ours() { # port
  dotnet "$DLL" --web.listen-address="127.0.0.1:$1" --log.level=warn "${flags[@]}" >/dev/null 2>&1 &
  echo $!
}
start_aot() { # port
  "$work/aot-build/Exporters.Node" --web.listen-address="127.0.0.1:$1" --log.level=warn "${flags[@]}" >/dev/null 2>&1 &
  echo $!
}
start_go() { # port
  "$GO" --web.listen-address="127.0.0.1:$1" --log.level=warn "${flags[@]}" >/dev/null 2>&1 &
  echo $!
}

# RSS after 1,000 scrapes, each process fresh.
for who in "${builds[@]}" go; do
  port=$(free_port)
  pid=$("start_$who" "$port")
  started_pids+=("$pid")
  wait_url "http://127.0.0.1:$port/metrics"
  scrape_n "http://127.0.0.1:$port/metrics" 1000
  declare "rss_$who=$(rss_kib "$pid")"
  kill -TERM "$pid"
done

# CPU per scrape, alternating rounds on long-running processes after a warm-up.
for who in "${builds[@]}" go; do
  port=$(free_port)
  pid=$("start_$who" "$port")
  started_pids+=("$pid")
  declare "port_$who=$port" "pid_$who=$pid"
  wait_url "http://127.0.0.1:$port/metrics"
  scrape_n "http://127.0.0.1:$port/metrics" "$WARMUP"
done


: > "$work/go"
for who in "${builds[@]}"; do : > "$work/$who"; : > "$work/ratio_$who"; done
for _ in $(seq 1 "$ROUNDS"); do
  for who in "${builds[@]}"; do
    pid=pid_$who port=port_$who
    cpu_round "${!pid}" "http://127.0.0.1:${!port}/metrics" "$CONNECTIONS" "$DURATION" >> "$work/$who"
  done
  cpu_round "$pid_go" "http://127.0.0.1:$port_go/metrics" "$CONNECTIONS" "$DURATION" >> "$work/go"
  for who in "${builds[@]}"; do
    awk -v o="$(tail -1 "$work/$who" | cut -d' ' -f1)" -v g="$(tail -1 "$work/go" | cut -d' ' -f1)" \
      'BEGIN {printf "%.3f\n", o / g}' >> "$work/ratio_$who"
  done
done

col() { cut -d' ' -f"$2" "$work/$1" | median; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
ratio() { awk -v o="$1" -v g="$2" 'BEGIN {printf "%.2f", o / g}'; }
go_version=$("$GO" --version 2>&1 | head -1 | awk '{print $3}')

echo "Collectors: $(echo "$collectors" | tr '\n' ' ')"
echo
declare -A title=([ours]="this suite (JIT)" [aot]="this suite (Native AOT)")
declare -A short=([ours]="JIT" [aot]="AOT")
header="| measure |" rule="|---|" cpu="| CPU ms per scrape (median of $ROUNDS rounds of ${DURATION}s, $CONNECTIONS connections; ratio: median of per-round ratios) |"
rate="| scrapes per second |" rss="| RSS after 1,000 scrapes (MB) |"
for who in "${builds[@]}"; do
  header+=" ${title[$who]} |"; rule+="---|"
  cpu+=" $(col "$who" 1) |"; rate+=" $(col "$who" 2) |"; rss_var=rss_$who; rss+=" $(mb "${!rss_var}") |"
done
header+=" prometheus-node-exporter $go_version |"; rule+="---|"
cpu+=" $(col go 1) |"; rate+=" $(col go 2) |"; rss+=" $(mb "$rss_go") |"
for who in "${builds[@]}"; do
  header+=" ${short[$who]} / Go |"; rule+="---|"
  rss_var=rss_$who
  cpu+=" $(median < "$work/ratio_$who") |"; rate+=" $(ratio "$(col "$who" 2)" "$(col go 2)") |"; rss+=" $(ratio "${!rss_var}" "$rss_go") |"
done
printf '%s\n' "$header" "$rule" "$cpu" "$rate" "$rss"
rm -rf "$work"
