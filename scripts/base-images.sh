#!/usr/bin/env bash
# Makes, with podman and no container registry, the base images the worker stack's images are built on:
#   localhost/exporters-base/debian:<codename>       debootstrap --variant=minbase of this machine's Debian
#                                                     release, from the archive this machine's apt uses
#   localhost/exporters-base/runtime-deps:10.0       what .NET's runtime-deps image has (libc, libssl,
#                                                     libicu, zlib, tzdata, CA certificates; user app 1654)
#   localhost/exporters-base/dotnet-sdk:10.0         the runtime-deps image plus this machine's .NET SDK,
#                                                     clang and zlib1g-dev (for Native AOT), and this
#                                                     machine's CA bundle and NUGET_CERT_REVOCATION_MODE, so
#                                                     that a restore inside it trusts what this machine trusts
#   localhost/exporters-base/nginx:<codename>        Debian's nginx (and wget, for the compose health check),
#                                                     run as the official nginx image runs it
# Each image carries a label with the hash of what it was made from and is made again only when that
# changes, so a second run takes seconds. These images hold machine files: they are made here, never
# pushed or committed. Prints the four image names as NAME=value lines for the compose variables.
#
# Usage: scripts/base-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/container-engine.sh

codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
mirror=$( (cat /etc/apt/sources.list.d/*.sources 2>/dev/null || true) | awk '/^URIs:/ { print $2; exit }')
if [ -z "$mirror" ]; then
  mirror=$( (cat /etc/apt/sources.list 2>/dev/null || true) | awk '$1 == "deb" { print $2; exit }')
fi
[ -n "$mirror" ] || { echo "base-images: no Debian archive found in this machine's apt sources" >&2; exit 1; }

prefix=localhost/exporters-base
debian=$prefix/debian:$codename
runtime_deps=$prefix/runtime-deps:10.0
sdk=$prefix/dotnet-sdk:10.0
nginx=$prefix/nginx:$codename

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# apt_install PACKAGE...: the RUN instruction that installs them, leaving no package lists or archives.
apt_install() {
  printf 'RUN export DEBIAN_FRONTEND=noninteractive && apt-get update -qq \\\n && apt-get install -y -qq --no-install-recommends %s \\\n && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb\n' "$*"
}

label_of() { podman image inspect --format '{{ index .Labels "exporters.inputs" }}' "$1" 2>/dev/null || true; }

# build IMAGE CONTEXT: builds CONTEXT/Containerfile as IMAGE unless IMAGE was built from the same inputs
# (the Containerfile, the hash of its base and the extra text in $inputs).
build() {
  local image=$1 context=$2 hash
  hash=$( { cat "$context/Containerfile"; printf '%s\n' "${inputs:-}"; } | sha256sum | cut -c1-16)
  if [ "$(label_of "$image")" = "$hash" ]; then
    echo "base-images: $image is up to date" >&2
    return
  fi
  echo "base-images: building $image" >&2
  podman build --quiet --layers=false --label "exporters.inputs=$hash" -t "$image" "$context" >/dev/null
}

# The Debian base: debootstrap into a folder, then imported as a one-layer image.
debian_inputs="$codename $mirror minbase policy-rc.d"
if [ "$(label_of "$debian")" != "$(sha256sum <<< "$debian_inputs" | cut -c1-16)" ]; then
  echo "base-images: debootstrap $codename from this machine's Debian archive (about a minute)" >&2
  debootstrap --variant=minbase "$codename" "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/*
  # Packages installed in an image must not try to start services.
  printf '#!/bin/sh\nexit 101\n' > "$work/rootfs/usr/sbin/policy-rc.d"
  chmod +x "$work/rootfs/usr/sbin/policy-rc.d"
  tar -C "$work/rootfs" -c . | podman import --quiet \
    --change "LABEL exporters.inputs=$(sha256sum <<< "$debian_inputs" | cut -c1-16)" \
    --change 'CMD ["/bin/bash"]' - "$debian" >/dev/null
  rm -rf "$work/rootfs"
fi
debian_id=$(podman image inspect --format '{{.Id}}' "$debian")

mkdir -p "$work/runtime-deps"
cat > "$work/runtime-deps/Containerfile" <<EOF
FROM $debian
$(apt_install ca-certificates libc6 libgcc-s1 libicu72 libssl3 libstdc++6 tzdata zlib1g)
RUN groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --no-create-home --shell /usr/sbin/nologin app
EOF
inputs=$debian_id build "$runtime_deps" "$work/runtime-deps"
runtime_deps_id=$(podman image inspect --format '{{.Id}}' "$runtime_deps")

# The SDK: this machine's dotnet folder, hard-linked into the build context rather than copied.
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
mkdir -p "$work/sdk"
cp -al "$dotnet_root" "$work/sdk/dotnet" 2>/dev/null || cp -a "$dotnet_root" "$work/sdk/dotnet"
cp /etc/ssl/certs/ca-certificates.crt "$work/sdk/ca-certificates.crt"
cat > "$work/sdk/Containerfile" <<EOF
FROM $runtime_deps
$(apt_install clang zlib1g-dev libc6-dev)
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet \\
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \\
    DOTNET_NOLOGO=1 \\
    DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=true \\
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \\
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \\
    NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}
EOF
inputs="$runtime_deps_id $(dotnet --list-sdks | tr '\n' ' ') $(sha256sum < /etc/ssl/certs/ca-certificates.crt)" \
  build "$sdk" "$work/sdk"

mkdir -p "$work/nginx"
cat > "$work/nginx/Containerfile" <<EOF
FROM $debian
$(apt_install nginx wget)
RUN rm -rf /etc/nginx/sites-enabled/default /var/log/nginx/*
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
EOF
inputs=$debian_id build "$nginx" "$work/nginx"

printf '%s\n' "DOTNET_SDK_IMAGE=$sdk" "DOTNET_RUNTIME_DEPS_IMAGE=$runtime_deps" "NGINX_IMAGE=$nginx"
