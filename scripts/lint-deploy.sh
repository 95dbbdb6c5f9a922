#!/usr/bin/env bash
# deploy/ checked against the code, run by `make test` (scripts/test.sh) before the suite:
#   promtool check rules + test rules (deploy/prometheus/alerts.test.yaml), promtool check
#   config of the compose Prometheus configuration, and scripts/lint_deploy.py (YAML,
#   variables, ports, probes, commands, metric names; see its docstring).
# Prints `deploy: N passed, M failed` last; exits 1 when a check failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
passed=0 failed=0
run() { # name command...
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name"; printf '%s\n' "$out" | sed 's/^/    /'
  fi
}

if command -v promtool >/dev/null; then
  run "promtool check rules deploy/prometheus/alerts.yaml" promtool check rules deploy/prometheus/alerts.yaml
  run "promtool test rules deploy/prometheus/alerts.test.yaml" promtool test rules deploy/prometheus/alerts.test.yaml
  # The compose configuration loads the rules from where the container mounts them.
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cp deploy/prometheus/alerts.yaml "$tmp/alerts.yaml"
  sed "s|/etc/prometheus/alerts.yaml|$tmp/alerts.yaml|" deploy/prometheus/prometheus.yml >"$tmp/prometheus.yml"
  run "promtool check config deploy/prometheus/prometheus.yml" promtool check config "$tmp/prometheus.yml"
else
  failed=$((failed + 1)); echo "FAIL promtool is not installed (scripts/setup.sh installs Debian's prometheus)"
fi

# PyYAML: the machine's python3 usually has it; Debian's python3-yaml otherwise (setup.sh).
py=python3
"$py" -c 'import yaml' 2>/dev/null || py=/usr/bin/python3
run "scripts/lint_deploy.py (compose, Kubernetes, dashboard against the code)" "$py" scripts/lint_deploy.py

echo "deploy: $passed passed, $failed failed"
((failed == 0))
