#!/usr/bin/env bash
# Installs, with apt-get, the tools the tests call that a fresh machine may lack:
# openssl and jq (independent verification), flock (lock tests, from util-linux).
set -euo pipefail
missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v flock >/dev/null 2>&1 || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing tools: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
# Optional: python3 with `cryptography` runs the independent checkers of Ops/interop
# (the test is skipped without it). Best effort: never fails the run.
if ! python3 -c 'import cryptography' >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-cryptography >/dev/null 2>&1 \
    || echo "python3-cryptography not installed; the Python interop test will be skipped" >&2
fi
echo "tools: $(openssl version), $(jq --version), $(flock --version | head -n 1)"
