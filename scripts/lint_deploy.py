#!/usr/bin/env python3
"""Checks that deploy/ is in step with the code (run by scripts/lint-deploy.sh in `make test`).

- every YAML file parses (multi-document ones too) and the Grafana dashboard is JSON;
- every variable a service reads (env.int/string/bool/optional(...) and settings["..."] in
  Shared/ and Services/) is set for that service in deploy/compose.yaml and in
  deploy/k8s (the ConfigMap or the Deployment's env); no variable is set there that
  nothing reads (besides the deploy-only ones kam-init.sh and the URL templates use);
- the compose file's ${VARIABLES} are exactly those of deploy/.env.example;
- ports, probes and commands: HTTP_PORT matches every containerPort, probe, annotation,
  healthcheck and the Dockerfile's default; probes call /health/ready and /health/live,
  which the code serves; commands name products of Package.swift; grace periods leave
  KAM_SHUTDOWN_BUDGET_SECONDS its time;
- kustomization resources exist; $(VAR) references in k8s env resolve;
- every metric the alert rules and the dashboard query is one PlatformMetrics exports, and
  every alert links a section of docs/operations.md;
- the console likewise: the variables it reads (Console/, backend URLs included) set in
  compose and its Deployment, nothing else; its port, probes, command and role kam_console;
  its backend URLs name the services; kam-init gets KAM_CONSOLE_DB_PASSWORD in both;
- README.md's configuration table lists every variable the services and the console read.

Prints one line per problem and `deploy manifests: N passed, M failed` (one check per file
or rule family); exits 1 when anything failed.
"""
import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVICES = ["orders", "credit", "receivables", "planning"]
# Read by the code, deliberately never set by a deployment.
DEV_ONLY = {"KAM_DEV_MODE"}
# Set by deployments for kam-init.sh or URL templates, not read by the services.
DEPLOY_ONLY = {"DB_HOST", "DB_PORT", "DB_NAME", "KAM_DB_PASSWORD"}

results = []  # (check, problems)


def check(name):
    def wrap(fn):
        problems = []
        try:
            fn(problems)
        except Exception as e:  # a crash of a check is a failure of that check
            problems.append(f"{type(e).__name__}: {e}")
        results.append((name, problems))
        return fn
    return wrap


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def swift_files(*dirs):
    for d in dirs:
        yield from glob.glob(os.path.join(ROOT, d, "**", "*.swift"), recursive=True)


# Also a settings helper handed the environment and the name (`percent(env, "KAM_…", …)`).
ENV_READ = re.compile(r'(?:env\.(?:int|string|bool|optional)\(|settings\[|\(env,)\s*"([A-Z][A-Z0-9_]+)"')


def variables_read():
    """{service: set of variables} from the Swift sources; Shared/ counts for every service."""
    shared = set()
    for f in swift_files("Shared"):
        shared |= set(ENV_READ.findall(open(f, encoding="utf-8").read()))
    per = {}
    for s in SERVICES:
        own = set()
        for f in swift_files(f"Services/{s.capitalize()}"):
            own |= set(ENV_READ.findall(open(f, encoding="utf-8").read()))
        per[s] = shared | own
    return shared, per


SHARED_VARS, SERVICE_VARS = variables_read()
ALL_READ = set().union(*SERVICE_VARS.values())


def console_variables():
    """What the console reads: its own settings and the four backend URLs (`backend("ORDERS_URL")`)."""
    found = set()
    for f in swift_files("Console"):
        text = open(f, encoding="utf-8").read()
        found |= set(ENV_READ.findall(text)) | set(re.findall(r'backend\("([A-Z][A-Z0-9_]+)"\)', text))
    return found


CONSOLE_VARS = console_variables()
BACKEND_URLS = {f"{s.upper()}_URL": f"http://{s}:8080" for s in SERVICES}
INIT_VARS = set(re.findall(r"\b((?:KAM|KAFKA)_[A-Z0-9_]+)\b", read("deploy/kam-init.sh")))
PRODUCTS = set(re.findall(r'\.executable\(name:\s*"([^"]+)"', read("Package.swift")))
CODE_ROUTES = "".join(open(f, encoding="utf-8").read() for f in swift_files("Shared/ServiceKit"))


def load_all(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


@check("YAML and JSON parse")
def parse(problems):
    if not SHARED_VARS:
        problems.append("found no environment variables in Shared/: the pattern no longer matches the code")
    for path in sorted(glob.glob(os.path.join(ROOT, "deploy", "**", "*.y*ml"), recursive=True)):
        try:
            load_all(os.path.relpath(path, ROOT))
        except yaml.YAMLError as e:
            problems.append(f"{os.path.relpath(path, ROOT)}: {e}")
    for path in glob.glob(os.path.join(ROOT, "deploy", "grafana", "*.json")):
        try:
            json.load(open(path, encoding="utf-8"))
        except ValueError as e:
            problems.append(f"{os.path.relpath(path, ROOT)}: {e}")


def env_names(env):
    if isinstance(env, dict):
        return set(env)
    return {str(e).split("=", 1)[0] for e in env or []}


COMPOSE = load_all("deploy/compose.yaml")[0]


def console_problems(svc, where, problems, budget):
    """The console in compose: what it reads and nothing else, its port, health, command, role and backends."""
    if svc is None:
        problems.append(f"{where}: no service console")
        return
    if not {"ORDERS_URL", "PLANNING_URL", "KAM_CONSOLE_SESSION_HOURS"} <= CONSOLE_VARS:
        problems.append("Console/: the variables found no longer match the code's pattern")
    env = svc.get("environment") or {}
    names = env_names(env)
    for missing in sorted(CONSOLE_VARS - names - DEV_ONLY):
        problems.append(f"{where}: console does not set {missing}, which it reads")
    for stale in sorted(names - CONSOLE_VARS - DEPLOY_ONLY):
        problems.append(f"{where}: console sets {stale}, which it does not read")
    port = str(env.get("HTTP_PORT", ""))
    if port != "8080" or not any(str(p).endswith(f":{port}") for p in svc.get("ports", [])):
        problems.append(f"{where}: console HTTP_PORT {port!r} is not 8080 published")
    if "127.0.0.1:8080/health/ready" not in " ".join(svc.get("healthcheck", {}).get("test", [])):
        problems.append(f"{where}: console healthcheck does not call /health/ready on 8080")
    if svc.get("command") != ["console"] or "console" not in PRODUCTS:
        problems.append(f"{where}: console command {svc.get('command')} is not the product console")
    if not str(env.get("DATABASE_URL", "")).startswith("postgres://kam_console:"):
        problems.append(f"{where}: console DATABASE_URL does not use the role kam_console")
    for name, url in sorted(BACKEND_URLS.items()):
        if env.get(name) != url:
            problems.append(f"{where}: console {name} is {env.get(name)!r}, expected {url}")
    grace = str(svc.get("stop_grace_period", "10s"))
    if budget is not None and (not grace.endswith("s") or int(grace[:-1]) <= budget):
        problems.append(f"{where}: console stop_grace_period {grace} is not longer than KAM_SHUTDOWN_BUDGET_SECONDS {budget}")


@check("compose: variables, ports, commands")
def compose(problems):
    services = COMPOSE["services"]
    budget = None
    for s in SERVICES:
        svc = services.get(s)
        if svc is None:
            problems.append(f"compose.yaml: no service {s}")
            continue
        env = svc.get("environment") or {}
        names = env_names(env)
        for missing in sorted(SERVICE_VARS[s] - names - DEV_ONLY):
            problems.append(f"compose.yaml: {s} does not set {missing}, which the code reads")
        for stale in sorted(names - ALL_READ - DEPLOY_ONLY):
            problems.append(f"compose.yaml: {s} sets {stale}, which nothing reads")
        port = str(env.get("HTTP_PORT", ""))
        if port != "8080":
            problems.append(f"compose.yaml: {s} HTTP_PORT is {port!r}, the image and healthchecks use 8080")
        if not any(str(p).endswith(f":{port}") for p in svc.get("ports", [])):
            problems.append(f"compose.yaml: {s} publishes no port mapped to HTTP_PORT {port}")
        test = " ".join(svc.get("healthcheck", {}).get("test", []))
        if f"127.0.0.1:{port}/health/ready" not in test:
            problems.append(f"compose.yaml: {s} healthcheck does not call /health/ready on {port}")
        if svc.get("command") != [s] or s not in PRODUCTS:
            problems.append(f"compose.yaml: {s} command {svc.get('command')} is not the product {s}")
        if env.get("KAM_CONSUMER_GROUP") != f"kam-{s}":
            problems.append(f"compose.yaml: {s} KAM_CONSUMER_GROUP should be kam-{s}")
        if not str(env.get("DATABASE_URL", "")).startswith(f"postgres://kam_{s}:"):
            problems.append(f"compose.yaml: {s} DATABASE_URL does not use the role kam_{s}")
        budget = int(env.get("KAM_SHUTDOWN_BUDGET_SECONDS", 30))
        grace = str(svc.get("stop_grace_period", "10s"))
        if not grace.endswith("s") or int(grace[:-1]) <= budget:
            problems.append(f"compose.yaml: {s} stop_grace_period {grace} is not longer than KAM_SHUTDOWN_BUDGET_SECONDS {budget}")
    console_problems(services.get("console"), "compose.yaml", problems, budget)
    init = services.get("init", {})
    if init.get("command") != ["kam-init"]:
        problems.append("compose.yaml: init does not run kam-init")
    if "KAM_CONSOLE_DB_PASSWORD" not in env_names(init.get("environment")):
        problems.append("compose.yaml: init does not get KAM_CONSOLE_DB_PASSWORD: the console's role would be missing")
    for stale in sorted(env_names(init.get("environment")) - INIT_VARS - {"LOG_LEVEL"}):
        problems.append(f"compose.yaml: init sets {stale}, which kam-init.sh does not read")
    used = set(re.findall(r"\$\{([A-Z0-9_]+)", read("deploy/compose.yaml")))
    example = {l.split("=", 1)[0] for l in read("deploy/.env.example").splitlines() if "=" in l and not l.startswith("#")}
    for v in sorted(used - example):
        problems.append(f".env.example lacks {v}, which compose.yaml uses")
    for v in sorted(example - used):
        problems.append(f".env.example has {v}, which compose.yaml does not use")


def k8s_docs():
    docs = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "deploy", "k8s", "*.yaml"))):
        rel = os.path.relpath(path, ROOT)
        docs[rel] = load_all(rel)
    return docs


K8S = k8s_docs()
CONFIGMAP = next(d for docs in K8S.values() for d in docs if d.get("kind") == "ConfigMap")["data"]


def http_get(probe):
    return (probe or {}).get("httpGet", {})


@check("kubernetes: variables, ports, probes, commands")
def kubernetes(problems):
    kustom = load_all("deploy/k8s/kustomization.yaml")[0]
    for res in kustom.get("resources", []):
        if not os.path.exists(os.path.join(ROOT, "deploy", "k8s", res)):
            problems.append(f"kustomization.yaml: resource {res} does not exist")
    port = int(CONFIGMAP.get("HTTP_PORT", 0))
    if f"HTTP_PORT={port}" not in read("deploy/Dockerfile").replace(" ", ""):
        problems.append(f"Dockerfile: its HTTP_PORT default is not the ConfigMap's {port}")
    for stale in sorted(set(CONFIGMAP) - ALL_READ - DEPLOY_ONLY - INIT_VARS):
        problems.append(f"configmap.yaml: {stale} is read by nothing")
    budget = int(CONFIGMAP.get("KAM_SHUTDOWN_BUDGET_SECONDS", 30))
    deployments = {d["metadata"]["name"]: (rel, d) for rel, docs in K8S.items() for d in docs if d.get("kind") == "Deployment"}
    for s in SERVICES + ["console"]:
        if s not in deployments:
            problems.append(f"k8s: no Deployment {s}")
            continue
        reads = CONSOLE_VARS if s == "console" else SERVICE_VARS[s]
        rel, d = deployments[s]
        spec = d["spec"]["template"]["spec"]
        c = spec["containers"][0]
        env = c.get("env", [])
        names = {e["name"] for e in env}
        uses_configmap = any(r.get("configMapRef", {}).get("name") == "kam-config" for r in c.get("envFrom", []))
        have = names | (set(CONFIGMAP) if uses_configmap else set())
        for missing in sorted(reads - have - DEV_ONLY):
            problems.append(f"{rel}: {s} gets no {missing}, which the code reads")
        for stale in sorted(names - (CONSOLE_VARS if s == "console" else ALL_READ) - DEPLOY_ONLY):
            problems.append(f"{rel}: sets {stale}, which nothing reads")
        defined = set(CONFIGMAP) if uses_configmap else set()
        for e in env:
            for ref in re.findall(r"\$\(([A-Z0-9_]+)\)", str(e.get("value", ""))):
                if ref not in defined:
                    problems.append(f"{rel}: {e['name']} refers to $({ref}), not defined before it")
            defined.add(e["name"])
        values = {e["name"]: e.get("value") for e in env}
        if s == "console":
            for name, url in sorted(BACKEND_URLS.items()):
                if values.get(name) != url:
                    problems.append(f"{rel}: {name} is {values.get(name)!r}, expected {url}")
        elif values.get("KAM_CONSUMER_GROUP") != f"kam-{s}":
            problems.append(f"{rel}: KAM_CONSUMER_GROUP should be kam-{s}")
        if not str(values.get("DATABASE_URL", "")).startswith(f"postgres://kam_{s}:"):
            problems.append(f"{rel}: DATABASE_URL does not use the role kam_{s}")
        if c.get("command") != [f"/usr/local/bin/{s}"] or s not in PRODUCTS:
            problems.append(f"{rel}: command {c.get('command')} is not /usr/local/bin/{s}")
        ports = {p.get("name"): p.get("containerPort") for p in c.get("ports", [])}
        if ports.get("http") != port:
            problems.append(f"{rel}: containerPort http is {ports.get('http')}, HTTP_PORT is {port}")
        ann = d["spec"]["template"]["metadata"].get("annotations", {})
        if str(ann.get("prometheus.io/port")) != str(port) or ann.get("prometheus.io/path") != "/metrics":
            problems.append(f"{rel}: prometheus.io annotations do not point at :{port}/metrics")
        for probe, path in [("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live"), ("startupProbe", "/health/live")]:
            got = http_get(c.get(probe))
            if got.get("path") != path or got.get("port") not in ("http", port):
                problems.append(f"{rel}: {probe} is {got}, expected {path} on the http port")
            if f'"{path}"' not in CODE_ROUTES:
                problems.append(f"the code serves no {path} (probed by {rel})")
        pre = c.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command", [])
        pause = int(pre[1]) if len(pre) == 2 and pre[0] == "sleep" else 0
        grace = int(spec.get("terminationGracePeriodSeconds", 30))
        if grace <= pause + budget:
            problems.append(f"{rel}: terminationGracePeriodSeconds {grace} leaves KAM_SHUTDOWN_BUDGET_SECONDS {budget} "
                            f"no room after the preStop pause of {pause} s")
        svc = next((x for docs in K8S.values() for x in docs if x.get("kind") == "Service" and x["metadata"]["name"] == s), None)
        if svc is None or svc["spec"]["ports"][0].get("targetPort") not in ("http", port):
            problems.append(f"k8s: Service {s} does not target the http port")
    jobs = [d for docs in K8S.values() for d in docs if d.get("kind") == "Job"]
    for job in jobs:
        c = job["spec"]["template"]["spec"]["containers"][0]
        if c.get("command") != ["/usr/local/bin/kam-init"]:
            problems.append(f"Job {job['metadata']['name']}: command is not kam-init")
        for stale in sorted({e["name"] for e in c.get("env", [])} - INIT_VARS):
            problems.append(f"Job {job['metadata']['name']}: sets {stale}, which kam-init.sh does not read")
        if "KAM_CONSOLE_DB_PASSWORD" not in {e["name"] for e in c.get("env", [])}:
            problems.append(f"Job {job['metadata']['name']}: gets no KAM_CONSOLE_DB_PASSWORD: the console's role would be missing")


METRICS_CODE = read("Shared/ServiceKit/Observability/PlatformMetrics.swift")
EXPORTED = set(re.findall(r'"(kam_[a-z_]+)"', METRICS_CODE))
HISTOGRAMS = {m for m in EXPORTED if m.endswith("_seconds")}
KNOWN = EXPORTED | {f"{h}_{suffix}" for h in HISTOGRAMS for suffix in ("bucket", "sum", "count")} | {"up"}
FUNCTIONS = {"sum", "max", "min", "avg", "count", "rate", "increase", "deriv", "delta", "absent", "histogram_quantile",
             "by", "on", "and", "or", "unless", "offset", "label_values", "ignoring", "without", "topk", "bool"}


def metrics_in(expr):
    expr = re.sub(r'"[^"]*"', '""', expr)           # label values
    expr = re.sub(r"\{[^}]*\}", "", expr)          # matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)         # ranges
    expr = re.sub(r"\$\w+", "", expr)              # dashboard variables
    names = set(re.findall(r"\b([a-z_][a-z0-9_]*)\b", expr))
    labels = set(re.findall(r"\b(?:by|on|without|ignoring)\s*\(([^)]*)\)", expr))
    label_names = {l.strip() for group in labels for l in group.split(",")}
    return {n for n in names - FUNCTIONS - label_names if "_" in n or n == "up"}


@check("alert rules and dashboard query exported metrics")
def metrics(problems):
    if not EXPORTED:
        problems.append("PlatformMetrics.swift: no kam_* metric names found")
    rules = load_all("deploy/prometheus/alerts.yaml")[0]
    for group in rules["groups"]:
        for rule in group["rules"]:
            for m in sorted(metrics_in(rule["expr"]) - KNOWN):
                problems.append(f"alerts.yaml {rule.get('alert')}: {m} is not a metric the services export")
            if "runbook" not in rule.get("annotations", {}):
                problems.append(f"alerts.yaml {rule.get('alert')}: no runbook annotation")
            else:
                anchor = rule["annotations"]["runbook"].split("#", 1)[-1]
                doc = read("docs/operations.md") if os.path.exists(os.path.join(ROOT, "docs/operations.md")) else ""
                headings = {re.sub(r"[^a-z0-9 -]", "", h.strip().lower()).replace(" ", "-")
                            for h in re.findall(r"^#+ (.+)$", doc, re.M)}
                if anchor not in headings:
                    problems.append(f"alerts.yaml {rule.get('alert')}: docs/operations.md has no section #{anchor}")
    for path in glob.glob(os.path.join(ROOT, "deploy", "grafana", "*.json")):
        board = json.load(open(path, encoding="utf-8"))
        for panel in board.get("panels", []):
            for target in panel.get("targets", []):
                for m in sorted(metrics_in(target.get("expr", "")) - KNOWN):
                    problems.append(f"{os.path.basename(path)} '{panel.get('title')}': {m} is not exported")
    for m in sorted(EXPORTED):
        if m not in read("deploy/grafana/kam-platform.json"):
            problems.append(f"kam-platform.json shows nothing of {m}")


@check("README configuration table names every variable")
def readme(problems):
    text = read("README.md")
    table = text[text.index("### Configuration"):] if "### Configuration" in text else ""
    table = table[:table.index("\n#", 1)] if "\n#" in table[1:] else table
    for v in sorted(ALL_READ | CONSOLE_VARS):
        if f"`{v}`" not in table:
            problems.append(f"README.md's configuration table does not list {v}")


failed = 0
for name, problems in results:
    for p in problems:
        print(f"  {name}: {p}")
    failed += bool(problems)
    print(f"{'ok  ' if not problems else 'FAIL'} {name}")
print(f"deploy manifests: {len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
