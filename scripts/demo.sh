#!/usr/bin/env bash
# `make demo`: starts the stack when it is not up, plays a day of ERP traffic through it
# and prints what happened, then the consumer lag (SPEC §8) and where the console is, and
# ends with one KAM's scorecard (with the bonus) and that KAM's contact plan for next week.
set -euo pipefail
STACK_NAME=dev
source "$(dirname "$0")/lib.sh"

cd "$ROOT" # kamctl finds .run/stack.env from here
# `up` starts whatever is not running (nothing when the stack is up) and keeps the data.
bash scripts/stack.sh up
# When the stack was already up, kamctl may be older than the source.
swift_build --product kamctl
BIN=$(bin_dir)
DAY=2026-11-30
KAM=kam-ivanova
"$BIN/kamctl" simulate --day "$DAY" --kam "$KAM" --no-kam-week
echo
echo "Consumer lag (kamctl lag)"
"$BIN/kamctl" lag
echo
# The stack stays up: the day's orders, holds, ageing and scorecards are in the console.
. "$ROOT/.run/stack.env"
echo "Console: $CONSOLE_URL — sign in as head (head of sales) or kam-ivanova, kam-petrov, kam-smirnova,"
echo "kam-kuznetsov (KAMs) with the password $(cat "$ROOT/.run/dev/secrets/console-demo"); make down stops the stack."
echo
"$BIN/kamctl" kam-week --day "$DAY" --kam "$KAM"
