#!/usr/bin/env bash
# Installs Debian's Fashion-MNIST package (MIT) when it is missing and apt is usable.
set -euo pipefail
if [ -d /usr/share/datasets/fashion-mnist ]; then exit 0; fi
if ! command -v apt-get >/dev/null; then echo "apt-get not available"; exit 1; fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq dataset-fashion-mnist >/dev/null
