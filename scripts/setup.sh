#!/usr/bin/env bash
# Installs every Debian 12 package Lumbo's build, tests and demo need. Idempotent and
# non-interactive: when everything is present it installs nothing and says so.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libglm-dev nlohmann-json3-dev libsqlite3-dev libgtest-dev libgmock-dev libbenchmark-dev
  libbullet-dev libstb-dev
  libopenxr-dev libopenxr-loader1 openxr-layer-corevalidation libopenxr-utils
  libvulkan-dev mesa-vulkan-drivers vulkan-validationlayers glslc
  libimgui-dev libglfw3-dev xvfb xauth fonts-dejavu-core
  libopenal-dev libespeak-ng-dev espeak-ng-data
  libzmq3-dev cppzmq-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present, nothing to install"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
