#!/usr/bin/env bash
# Installs lavapipe, Mesa's software Vulkan driver, into a private folder so that Dawn (the npm
# package `webgpu`) finds an adapter on a machine without a GPU: CI runs the webgpu parity tests on
# it. Dawn refuses bookworm's own lavapipe (Mesa 22.3); bookworm-backports' (Mesa 25) works. Only
# the driver comes from backports, unpacked with dpkg -x: the system's Mesa and apt sources stay as
# they are (backports is read through a private apt list). The libraries the driver links come from
# bookworm. Writes $DIR/lvp_icd.json (for VK_ICD_FILENAMES) and $DIR/env.sh; see docs/webgpu.md.
set -euo pipefail
DIR=${LRFIND_LAVAPIPE_DIR:-/opt/lrfind/lavapipe}
LIB="$DIR/lib/libvulkan_lvp.so"

# What lavapipe 25 (bookworm-backports) links, by bookworm package (checked with ldd).
RUNTIME_PACKAGES="libvulkan1 libllvm15 zlib1g libzstd1 libdrm2 libexpat1 libxcb1 libxcb-randr0 libx11-xcb1
  libxcb-dri3-0 libxcb-present0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxshmfence1 libwayland-client0 libstdc++6"

missing_libraries() { ldd "$LIB" 2>/dev/null | awk '/not found/ {print $1}' | tr '\n' ' '; }

if [ -e "$LIB" ] && [ -e "$DIR/lvp_icd.json" ] && [ -z "$(missing_libraries)" ]; then exit 0; fi
if ! command -v apt-get >/dev/null; then echo "apt-get not available: cannot install lavapipe" >&2; exit 1; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then echo "not root and no sudo: cannot install lavapipe" >&2; exit 1; fi
  SUDO="sudo"
fi

$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086 # the list is meant to split into words
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $RUNTIME_PACKAGES >/dev/null

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/lists/partial" "$WORK/cache/archives/partial" "$WORK/deb"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-backports main" > "$WORK/sources.list"
# A private list, state and cache: the system's apt never sees backports.
APT_OPTS=(-o "Dir::Etc::SourceList=$WORK/sources.list" -o "Dir::Etc::SourceParts=-" -o "Dir::State::Lists=$WORK/lists" -o "Dir::Cache=$WORK/cache")
# apt's download sandbox user cannot write into a root-owned temp folder.
if [ "$(id -u)" -eq 0 ]; then APT_OPTS+=(-o "APT::Sandbox::User=root"); fi
apt-get "${APT_OPTS[@]}" update -qq >/dev/null
(cd "$WORK/deb" && apt-get "${APT_OPTS[@]}" download -qq mesa-vulkan-drivers >/dev/null)
DEB=$(ls "$WORK"/deb/mesa-vulkan-drivers_*.deb)
dpkg -x "$DEB" "$WORK/root"

$SUDO mkdir -p "$DIR/lib" "$DIR/shader-cache"
$SUDO cp "$(find "$WORK/root" -name libvulkan_lvp.so | head -n 1)" "$LIB"
API=$(sed -n 's/.*"api_version": *"\([^"]*\)".*/\1/p' "$WORK/root/usr/share/vulkan/icd.d/lvp_icd.json")
printf '{"file_format_version": "1.0.0", "ICD": {"library_path": "%s", "api_version": "%s"}}\n' "$LIB" "${API:-1.3.0}" | $SUDO tee "$DIR/lvp_icd.json" >/dev/null
# The shader cache is shared by every user of the folder; keep it out of $HOME.
$SUDO chmod 1777 "$DIR/shader-cache"
printf 'export VK_ICD_FILENAMES=%s\nexport MESA_SHADER_CACHE_DIR=%s\nexport LRFIND_WEBGPU_ALLOW_SOFTWARE=1\n' "$DIR/lvp_icd.json" "$DIR/shader-cache" | $SUDO tee "$DIR/env.sh" >/dev/null
basename "$DEB" | $SUDO tee "$DIR/VERSION" >/dev/null

MISSING=$(missing_libraries)
if [ -n "$MISSING" ]; then echo "lavapipe installed in $DIR but these libraries are missing: $MISSING" >&2; exit 1; fi
echo "installed lavapipe ($(cat "$DIR/VERSION")) into $DIR"
