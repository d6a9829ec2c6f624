#!/usr/bin/env bash
# Installs from Debian what the tests need and the machine lacks (Chromium for the browser tests, PostgreSQL for
# head office's, socat for the fake GSM modem's pseudo-terminal pair), so that
# `npm test` on a fresh machine needs nothing remembered. Run by `npm test` and by .ci/run.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v socat >/dev/null 2>&1 || missing+=(socat)

# Head office's tests run on a real PostgreSQL server too: installed from Debian and started when missing.
bash "$(dirname "$0")/ensure-postgres.sh" >/dev/null

[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing from Debian for the tests: ${missing[*]}"
sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
