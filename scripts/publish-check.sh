#!/usr/bin/env bash
# Checks that deploy/Dockerfile's publish commands work: runs every "dotnet restore" and "dotnet publish"
# RUN of its build stages, as written there, on a copy of the build context (what the Dockerfile's
# COPY lines take: global.json, the props files and src/, without bin/ and obj/), with /out/ moved to a
# temporary folder and warnings as errors. Then starts each published service on a free 127.0.0.1 port,
# waits for /healthz to answer 200, checks that "<service> --healthcheck" with the same flags exits 0 (the
# compose health check), and stops it with SIGTERM. Prints one line per step; exits 1 if any failed.
#
# Usage: scripts/publish-check.sh [STAGE...]   (default: every stage with a publish command, e.g. build build-jit)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dockerfile=deploy/Dockerfile

./scripts/ensure-packages.sh clang zlib1g-dev curl >/dev/null || exit 1

# "stage<TAB>command" for each RUN holding a dotnet restore or publish, continuation lines joined.
commands=$(awk '
  /^[ \t]*#/ { next }
  { line = line $0 }
  /\\$/ { sub(/\\$/, "", line); next }
  {
    if (toupper(line) ~ /^FROM / && match(line, / [Aa][Ss] [A-Za-z0-9_.-]+/)) stage = substr(line, RSTART + 4, RLENGTH - 4)
    else if (line ~ /^RUN / && line ~ /dotnet (restore|publish) /) { sub(/^RUN +/, "", line); gsub(/[ \t]+/, " ", line); print stage "\t" line }
    line = ""
  }' "$dockerfile")
if ! grep -q 'dotnet publish ' <<< "$commands"; then
  echo "publish-check: no dotnet publish command found in $dockerfile" >&2
  exit 1
fi
mapfile -t stages < <(if [ $# -gt 0 ]; then printf '%s\n' "$@"; else cut -f1 <<< "$commands" | uniq; fi)

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/src" "$work/out"
tar -c --exclude=bin --exclude=obj global.json Directory.Build.props Directory.Packages.props src | tar -x -C "$work/src"
SOURCE_REVISION=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
export SOURCE_REVISION

failures=0
fail() { echo "publish-check: FAILED: $*"; failures=$((failures + 1)); }

for stage in "${stages[@]}"; do
  while IFS=$'\t' read -r from command; do
    [ "$from" = "$stage" ] || continue
    # Warnings are errors already through Directory.Build.props; -warnaserror also covers MSBuild's own.
    case $command in
      *"dotnet publish "*-warnaserror*) ;;
      *"dotnet publish "*) command=${command//dotnet publish /dotnet publish -warnaserror } ;;
    esac
    command=${command//\/out\//$work/out/}
    echo "publish-check: [$stage] $command"
    started=$(date +%s)
    if (cd "$work/src" && bash -c "$command" > "$work/log" 2>&1); then
      echo "publish-check: [$stage] ok in $(($(date +%s) - started)) s"
    else
      grep -E ' error |error [A-Z]+[0-9]+' "$work/log" | sed 's/ \[[^]]*\]$//' | sort -u | head -20
      fail "[$stage] $command"
    fi
  done <<< "$commands"
done

source scripts/minimal-run.sh
minimal_log_config "$work"
# A framework-dependent launcher finds the runtime through DOTNET_ROOT.
DOTNET_ROOT=$(dirname "$(readlink -f "$(command -v dotnet)")")
export DOTNET_ROOT

for build in "$work"/out/*/; do
  build=$(basename "$build")
  for folder in "$work/out/$build"/*/; do
    project=$(basename "$folder")
    binary="$folder$project"
    if [ ! -x "$binary" ]; then
      fail "[$build] $project: no executable $project in the publish output"
      continue
    fi
    port=$(free_port)
    mapfile -t args < <(minimal_args "$project" "$port" "$work" "$(free_port)")
    t0=$(date +%s%3N)
    "$binary" "${args[@]}" > "$work/$build-$project.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    healthy=0
    for _ in $(seq 1 600); do
      if curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; then healthy=1; break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    if [ "$healthy" -eq 0 ]; then
      sed 's/^/    /' "$work/$build-$project.log" | head -20
      fail "[$build] $project did not answer /healthz on 127.0.0.1:$port"
      kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
      continue
    fi
    ms=$(($(date +%s%3N) - t0))
    if ! probe=$("$binary" --healthcheck "${args[@]}" 2>&1); then
      fail "[$build] $project --healthcheck: $probe"
    fi
    kill -TERM "$pid"
    if wait "$pid"; then
      echo "publish-check: [$build] $project ok: /healthz 200 after $ms ms, --healthcheck 0, $(du -sk "$binary" | cut -f1) KiB executable"
    else
      fail "[$build] $project did not exit 0 on SIGTERM"
    fi
  done
done

[ "$failures" -eq 0 ] && echo "publish-check: all passed" || echo "publish-check: $failures failed"
[ "$failures" -eq 0 ]
