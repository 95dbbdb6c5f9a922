#!/usr/bin/env bash
# `make demo`: starts the stack when it is not up, plays a day of ERP traffic through it
# and prints what happened, then the consumer lag (SPEC §8).
set -euo pipefail
STACK_NAME=dev
source "$(dirname "$0")/lib.sh"

cd "$ROOT" # kamctl finds .run/stack.env from here
[ -f .run/stack.env ] || bash scripts/stack.sh up
# `up` builds everything; when the stack was already up, kamctl may be older than the source.
swift_build --product kamctl
BIN=$(bin_dir)
"$BIN/kamctl" simulate --day 2026-11-30
echo
echo "Consumer lag (kamctl lag)"
"$BIN/kamctl" lag
