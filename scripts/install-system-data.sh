#!/usr/bin/env bash
# Installs Debian's Fashion-MNIST package (MIT) when its files are missing and apt is usable.
# lrfind reads them from /usr/share/datasets/fashion-mnist; tests that need them skip without them.
set -euo pipefail
DIR=/usr/share/datasets/fashion-mnist
if [ -e "$DIR/train-images-idx3-ubyte.gz" ] || [ -e "$DIR/train-images-idx3-ubyte" ]; then exit 0; fi
if ! command -v apt-get >/dev/null; then echo "apt-get not available: cannot install dataset-fashion-mnist" >&2; exit 1; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then echo "not root and no sudo: cannot install dataset-fashion-mnist" >&2; exit 1; fi
  SUDO="sudo"
fi
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq dataset-fashion-mnist >/dev/null
test -e "$DIR/train-images-idx3-ubyte.gz" || test -e "$DIR/train-images-idx3-ubyte"
echo "installed dataset-fashion-mnist into $DIR"
