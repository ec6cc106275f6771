#!/usr/bin/env bash
# Footprint of the suite's four services, each published as deploy/Dockerfile does it: framework-dependent
# for the JIT (the -jit targets, run with their DOTNET_GCgen0size) and with Native AOT (the default
# targets), all on 127.0.0.1 with a minimal configuration:
#  - the size that goes into the image: the AOT executable (and the whole AOT publish folder, with its
#    debug symbols, which the image leaves out), or the framework-dependent publish folder plus the
#    shared runtime it needs (Microsoft.NETCore.App + Microsoft.AspNetCore.App);
#  - milliseconds from process start to the first 200 from /healthz (median of STARTS starts);
#  - idle RSS 2 s after start;
#  - RSS after 10,000 /metrics scrapes on one kept-alive connection;
#  - for the access-log exporter, peak RSS after LINES worker-format lines are appended to its log.
# The merger merges the nginx stub exporter started alongside it. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/compare/common.sh

STARTS=${STARTS:-5}
SCRAPES=${SCRAPES:-10000}
LINES=${LINES:-1000000}
services=(stub log node merger)
declare -A project=([stub]=Exporters.NginxStub [log]=Exporters.NginxLog [node]=Exporters.Node [merger]=Merger)
declare -A title=([stub]="nginx stub exporter" [log]="nginx access-log exporter" [node]="node exporter" [merger]="merger")

./scripts/ensure-packages.sh curl python3 >/dev/null
work=$(mktemp -d)
# A service that does not publish with Native AOT gets a row saying so, with the first error.
declare -A aot_error=()
mb_of() { du -sk "$@" | awk '{sum += $1} END {printf "%.1f", sum / 1024}'; }
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime_version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" {v = $2} END {print v}')
aspnet_version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" {v = $2} END {print v}')
shared_mb=$(mb_of "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet_version")
declare -A size=()
for s in "${services[@]}"; do
  p=${project[$s]}
  # The publish commands of deploy/Dockerfile (scripts/publish-check.sh checks those exact lines).
  if ! dotnet publish "src/$p/$p.csproj" -c Release -r linux-x64 -p:PublishAot=true -warnaserror \
    -o "$work/aot/$p" -nologo -v quiet > "$work/publish.txt" 2>&1; then
    aot_error[$s]=$(grep -o 'error [A-Z]*[0-9]*' "$work/publish.txt" | sort -u | paste -sd, -)
    aot_error[$s]=${aot_error[$s]:-error}
  else
    size[aot-$s]="$(mb_of "$work/aot/$p/$p") (folder $(mb_of "$work/aot/$p"))"
  fi
  dotnet publish "src/$p/$p.csproj" -c Release --self-contained false -p:UseAppHost=true -warnaserror \
    -o "$work/jit/$p" -nologo -v quiet >/dev/null
  size[jit-$s]="$(mb_of "$work/jit/$p") + $shared_mb runtime"
done

# The stub exporter scrapes a port nothing listens on: it still serves its page, with nginx_up 0.
closed_port=$(free_port)
minimal_log_config "$work"

command_of() { # kind service -> the command's words, one per line
  local p=${project[$2]}
  if [ "$1" = jit ]; then
    printf '%s\n' env DOTNET_GCgen0size=200000 dotnet "$work/jit/$p/$p.dll"
  else
    printf '%s\n' "$work/aot/$p/$p"
  fi
}
args_of() { # service port -> the service's arguments, one per line
  minimal_args "${project[$1]}" "$2" "$work" "$([ "$1" = merger ] && echo "$stub_port" || echo "$closed_port")"
}
start() { # kind service port -> pid
  local words=()
  mapfile -t words < <(command_of "$1" "$2"; args_of "$2" "$3")
  "${words[@]}" >/dev/null 2>&1 &
  echo $!
}
stop() { # pid
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
now_ms() { date +%s%3N; }
until_healthy_ms() { # started_ms port -> milliseconds until /healthz answered 200
  for _ in $(seq 1 3000); do
    if curl -fs -o /dev/null "http://127.0.0.1:$2/healthz" 2>/dev/null; then
      echo $(($(now_ms) - $1))
      return 0
    fi
    sleep 0.005
  done
  echo "no /healthz on port $2" >&2
  return 1
}
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

rows=()
for kind in jit aot; do
  # The merger's upstream: one stub exporter of the same kind, running through the merger's measures.
  stub_port=$(free_port)
  stub_pid=$(start "$kind" stub "$stub_port")
  started_pids+=("$stub_pid")
  wait_url "http://127.0.0.1:$stub_port/healthz"

  for s in "${services[@]}"; do
    if [ "$kind" = aot ] && [ -n "${aot_error[$s]:-}" ]; then
      rows+=("| ${title[$s]} | $kind | publish fails (${aot_error[$s]}) | – | – | – | – |")
      continue
    fi
    : > "$work/startup"
    for _ in $(seq 1 "$STARTS"); do
      port=$(free_port)
      t0=$(now_ms)
      pid=$(start "$kind" "$s" "$port")
      started_pids+=("$pid")
      until_healthy_ms "$t0" "$port" >> "$work/startup"
      stop "$pid"
    done
    startup=$(median < "$work/startup")

    : > "$work/access.log"
    port=$(free_port)
    pid=$(start "$kind" "$s" "$port")
    started_pids+=("$pid")
    wait_url "http://127.0.0.1:$port/healthz"
    sleep 2
    idle=$(rss_kib "$pid")
    scrape_n "http://127.0.0.1:$port/metrics" "$SCRAPES"
    scraped=$(rss_kib "$pid")
    peak="–"
    if [ "$s" = log ]; then
      [ -f "$work/worker.log" ] || python3 benchmarks/compare/generate-worker-log.py "$LINES" > "$work/worker.log"
      cat "$work/worker.log" >> "$work/access.log"
      while [ "$(curl -s "http://127.0.0.1:$port/metrics" |
        awk '/^nginx_http_response_count_total[{ ]/ {sum += $NF} END {printf "%d\n", sum}')" -lt "$LINES" ]; do
        sleep 0.05
      done
      peak=$(mb "$(hwm_kib "$pid")")
    fi
    stop "$pid"
    rows+=("| ${title[$s]} | $kind | ${size[$kind-$s]} | $startup | $(mb "$idle") | $(mb "$scraped") | $peak |")
  done
  stop "$stub_pid"
done

echo "| service | build | size in the image (MB) | start to first /healthz 200 (ms, median of $STARTS) | idle RSS 2 s after start (MB) | RSS after $SCRAPES scrapes (MB) | peak RSS after $LINES log lines (MB) |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
rm -rf "$work"
