#!/usr/bin/env bash
# Sizes of the worker stack's images as the stack test builds them (tests/Deploy.Tests/Stack: project
# exporters-stack-test, on the base images of scripts/base-images.sh), as a Markdown table: each image's
# size, its base's, and what the image adds to it. Run after the stack test (./test.sh) on the same machine.
#
# Usage: bash benchmarks/compare/image-sizes.sh [PROJECT]
set -euo pipefail
project=${1:-exporters-stack-test}
runtime_deps=localhost/exporters-base/runtime-deps:10.0
nginx=localhost/exporters-base/nginx:$(. /etc/os-release && echo "$VERSION_CODENAME")

size() { podman image inspect --format '{{.Size}}' "$1"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; }

echo "| image | size (MB) | base | base size (MB) | added (MB) |"
echo "|---|---|---|---|---|"
for service in nginx-stub-exporter nginx-log-exporter node-exporter merger; do
  image=${project}_$service
  total=$(size "$image")
  base=$(size "$runtime_deps")
  echo "| $service | $(mb "$total") | runtime-deps (Debian 12) | $(mb "$base") | $(mb $((total - base))) |"
done
total=$(size worker/service-a-stand-in:latest)
base=$(size "$nginx")
echo "| service-a stand-in | $(mb "$total") | nginx (Debian 12) | $(mb "$base") | $(mb $((total - base))) |"
