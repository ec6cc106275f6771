#!/usr/bin/env bash
# Makes this Debian machine able to run the worker stack in containers, idempotently: Debian's podman
# (with runc, netavark and aardvark-dns) as the engine and Debian's docker-compose as the compose tool,
# which talks to podman's Docker-compatible API. Writes podman's settings for a machine without systemd
# into /etc/containers/containers.conf.d/50-exporters.conf when they are not there yet:
#   runc (crun is not in Debian 12's podman dependencies), cgroupfs, events to a file, and default
#   ulimits that the container runtime accepts here (nofile 20000, nproc 32768).
# Nothing is pulled from a container registry; scripts/base-images.sh makes the base images locally.
#
# Usage: scripts/container-engine.sh
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/ensure-packages.sh podman runc netavark aardvark-dns iptables docker-compose debootstrap

settings=/etc/containers/containers.conf.d/50-exporters.conf
wanted='# Written by the Exporters repository (scripts/container-engine.sh): podman on a machine without systemd.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[network]
network_backend = "netavark"'
if [ "$(cat "$settings" 2>/dev/null)" != "$wanted" ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" mkdir -p "$(dirname "$settings")"
  printf '%s\n' "$wanted" | "${as_root[@]}" tee "$settings" >/dev/null
  echo "container-engine: wrote $settings" >&2
fi

podman info --format '{{.Host.OCIRuntime.Name}} {{.Host.CgroupManager}} {{.Host.NetworkBackend}}' 2>/dev/null \
  | grep -qx 'runc cgroupfs netavark' || { echo "container-engine: podman does not use runc, cgroupfs and netavark" >&2; exit 1; }
