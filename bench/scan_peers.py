#!/usr/bin/python3
"""cradle scan next to Renovate's own OSV matching code (../shared/peers/osvmatch.js) on the
same advisories and the same queries, in the same run: the time of each and whether they give
the same answers.

Queries: every version named in the ranges (introduced, fixed, last_affected) and versions[]
of the Go, RustSec and PyPI databases in ../shared/data, as (ecosystem, package, version). The
same queries become one CycloneDX SBOM for cradle. Answers are compared per query as the set of
advisory ids that affect it (records, not aliases; withdrawn skipped on both sides).

Needs the peers (../shared/peers/install.sh; $PEERS_DIR, default /tmp/peers) and build/.
usage: /usr/bin/python3 bench/scan_peers.py [MAX_QUERIES]
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("CRADLE_SHARED_DATA", ROOT.parent / "shared" / "data"))
PEERS = Path(os.environ.get("PEERS_DIR", "/tmp/peers"))
SHARED_PEERS = ROOT.parent / "shared" / "peers"
MAX_QUERIES = int(sys.argv[1]) if len(sys.argv) > 1 else 20000

DATABASES = [("golang-vulndb/data/osv", "Go"), ("rustsec-advisory-db-osv/crates", "crates.io")]
PURL_TYPE = {"Go": "golang", "crates.io": "cargo", "PyPI": "pypi"}


def purl(ecosystem, name, version):
    if ecosystem == "Go":
        return f"pkg:golang/{name}@{urllib.parse.quote(version, safe='')}"
    return f"pkg:{PURL_TYPE[ecosystem]}/{name}@{urllib.parse.quote(version, safe='')}"


def queries_from(directory, ecosystem):
    found = set()
    for path in sorted(directory.rglob("*.json")):
        record = json.loads(path.read_text())
        for affected in record.get("affected", []):
            package = affected.get("package") or {}
            if package.get("ecosystem") != ecosystem:
                continue
            versions = set(affected.get("versions", []))
            for r in affected.get("ranges", []):
                for event in r.get("events", []):
                    versions.update(v for k, v in event.items() if k != "limit" and v != "0")
            for version in versions:
                if " " not in version and " " not in package["name"]:
                    found.add((ecosystem, package["name"], version))
    return found


class TextTimes(yaml.SafeLoader):
    """YAML loading that keeps timestamps as the text written (OSV times are RFC 3339 strings)."""


TextTimes.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def convert_yaml(source, destination):
    """The PyPI YAML records as JSON files, for osvmatch.js (which reads JSON only)."""
    destination.mkdir(parents=True)
    for path in sorted(source.rglob("*.yaml")):
        record = yaml.load(path.read_text(encoding="utf-8"), Loader=TextTimes)
        (destination / (path.stem + ".json")).write_text(json.dumps(record))


def main():
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        pypi = work / "pypi"
        convert_yaml(DATA / "pypa-advisory-database/vulns", pypi)
        dirs = [DATA / d for d, _ in DATABASES] + [pypi]
        queries = set()
        for d, ecosystem in DATABASES:
            queries |= queries_from(DATA / d, ecosystem)
        queries |= queries_from(pypi, "PyPI")
        queries = sorted(queries)
        if len(queries) > MAX_QUERIES:
            queries = sorted(random.Random(1).sample(queries, MAX_QUERIES))
        (work / "queries.txt").write_text("".join(f"{e} {n} {v}\n" for e, n, v in queries))
        sbom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
            {"type": "library", "bom-ref": f"c{i}", "name": n, "version": v, "purl": purl(e, n, v)}
            for i, (e, n, v) in enumerate(queries)]}
        (work / "sbom.json").write_text(json.dumps(sbom))

        start = time.perf_counter()
        renovate = subprocess.run(
            ["node", str(SHARED_PEERS / "osvmatch.js"), str(work / "queries.txt"), *map(str, dirs)],
            env={**os.environ, "NODE_PATH": str(PEERS / "renovate/node_modules")},
            capture_output=True, text=True, check=True)
        renovate_seconds = time.perf_counter() - start

        # Timed with the table output (Renovate prints ids only); the JSON, with every finding's
        # evidence, is produced afterwards for the comparison of answers.
        command = [str(ROOT / "build/src/cradle"), "scan", str(work / "sbom.json"),
                   "--advisories", *map(str, dirs)]
        start = time.perf_counter()
        timed = subprocess.run(command, capture_output=True, text=True)
        cradle_seconds = time.perf_counter() - start
        cradle = subprocess.run(command + ["--format", "json"], capture_output=True, text=True)

    theirs = {}
    for line in renovate.stdout.splitlines():
        key, _, ids = line.partition("\t")
        theirs[key] = set(ids.split(",")) - {""}
    ours = {}
    report = json.loads(cradle.stdout)
    for (e, n, v), component in zip(queries, report["components"]):
        ids = set()
        for finding in component["findings"]:
            ids |= {m["id"] for m in finding["matches"] if m["verdict"] == "affected"}
        if component["state"] == "not_scannable" and "parse" in component.get("reason", ""):
            ids.add("!invalid-version")
        ours[(e, n, v)] = ids
    disagreements = []
    for e, n, v in queries:
        key = f"{e} {(n.lower().replace('_', '-').replace('.', '-') if e == 'PyPI' else n)} {v}"
        if theirs.get(key, set()) != ours[(e, n, v)]:
            disagreements.append((e, n, v, sorted(theirs.get(key, set())), sorted(ours[(e, n, v)])))
    print(f"{len(queries)} queries over {len(dirs)} databases (Go, RustSec, PyPI)")
    print(f"renovate osvmatch: {renovate_seconds:.2f} s ({renovate.stderr.strip()})")
    print(f"cradle scan:       {cradle_seconds:.2f} s (exit {timed.returncode}; "
          f"{cradle.stderr.count(chr(10))} diagnostic lines)")
    for line in cradle.stderr.splitlines()[:3]:
        print("  cradle:", line)
    print(f"ratio: cradle is {renovate_seconds / cradle_seconds:.1f}x faster, whole process each")
    print(f"answers: {len(queries) - len(disagreements)} of {len(queries)} the same")
    shown = int(os.environ.get("SHOW", "10"))
    for e, n, v, theirs_ids, ours_ids in disagreements[:shown]:
        def short(ids):
            return ",".join(ids[:4]) + (f",... ({len(ids)})" if len(ids) > 4 else "")
        print(f"  differs: {e} {n} {v}: renovate [{short(theirs_ids)}] cradle [{short(ours_ids)}]")


if __name__ == "__main__":
    main()
