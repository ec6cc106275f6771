#!/usr/bin/env bash
# Runs every test of the suite: installs the Debian packages the tests use (nginx, Prometheus and
# promtool, the Go exporters they are compared with), builds with warnings as errors, runs all test
# projects, then scripts/publish-check.sh (deploy/Dockerfile's publish commands, Native AOT and JIT, and
# the services they produce; counted as one test), and ends with one line: "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"

./scripts/ensure-packages.sh nginx prometheus prometheus-nginx-exporter prometheus-node-exporter curl || exit 1

configuration=Release
if ! dotnet build Exporters.sln -c "$configuration" -warnaserror -nologo -v quiet; then
  echo "tests: 0 passed, 0 failed (build failed)"
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Exporters.sln -c "$configuration" --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test project: "Passed!  - Failed:     0, Passed:    74, Skipped: ..."
passed=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | awk '{sum += $4} END {print sum + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | awk '{sum += $2+0} END {print sum + 0}')
projects=$(find tests -name '*.Tests.csproj' | wc -l)
reported=$(grep -Ec 'Failed: +[0-9]+, Passed: +[0-9]+' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed or a project that ran nothing reports no count of its own.
  failed=$((projects - reported > 0 ? projects - reported : 1))
fi

if ./scripts/publish-check.sh; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  status=1
fi

echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$reported" -eq "$projects" ]
