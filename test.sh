#!/usr/bin/env bash
# Runs every test of the suite: installs the Debian packages the tests use (nginx, Prometheus and
# promtool, the Go exporters they are compared with, the Python client's OpenMetrics parser, podman and
# docker-compose), builds with warnings as errors, runs all test projects, then the worker stack test
# (tests/Deploy.Tests/Stack: the images of deploy/ built and the compose stack run under podman, on its
# own so that no other test shares the machine with it), then scripts/publish-check.sh on the JIT build
# stage of deploy/Dockerfile (its Native AOT stage is built for real by the stack test; counted as one
# test), and ends with one line: "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"

./scripts/ensure-packages.sh nginx prometheus prometheus-nginx-exporter prometheus-node-exporter curl python3-prometheus-client || exit 1
./scripts/container-engine.sh || exit 1

configuration=Release
if ! dotnet build Exporters.sln -c "$configuration" -warnaserror -nologo -v quiet; then
  echo "tests: 0 passed, 0 failed (build failed)"
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Exporters.sln -c "$configuration" --no-build -nologo --filter 'Category!=Stack' 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
dotnet test tests/Deploy.Tests -c "$configuration" --no-build -nologo --filter 'Category=Stack' 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# One summary line per test project and run: "Passed!  - Failed:     0, Passed:    74, Skipped: ..."
passed=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | awk '{sum += $4} END {print sum + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | awk '{sum += $2+0} END {print sum + 0}')
# Every test project once, and Deploy.Tests a second time for the stack test.
projects=$(($(find tests -name '*.Tests.csproj' | wc -l) + 1))
reported=$(grep -Ec 'Failed: +[0-9]+, Passed: +[0-9]+' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed or a project that ran nothing reports no count of its own.
  failed=$((projects - reported > 0 ? projects - reported : 1))
fi

if ./scripts/publish-check.sh build-jit; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  status=1
fi

echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$reported" -eq "$projects" ]
