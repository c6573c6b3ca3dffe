#!/usr/bin/python3
"""Generates the differential version-ordering fixtures in tests/data/versions/<scheme>.tsv.

Pairs of versions are drawn from the real data in ../shared/data (every version in an OSV
record's ranges and versions[], every version in a package URL of an SBOM or advisory) and from
the hand-written edge cases in tests/data/versions/edge/<scheme>.txt. Each pair is ordered by the
scheme's reference implementation (../shared/peers, installed by its install.sh under
$PEERS_DIR, default /tmp/peers; Composer's comes from Debian's php-cli and php-composer-semver
through scripts/reference/composer-batch.php); the answer (-1, 0, 1 or ERR) is written beside
the pair.

Deterministic: the same data and tools give byte-identical files, so a re-run must leave
`git diff` empty. Usage: /usr/bin/python3 scripts/gen-version-fixtures.py [SHARED_DATA_DIR]
"""
import json
import os
import random
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
    "CRADLE_SHARED_DATA", ROOT.parent / "shared" / "data"))
PEERS = Path(os.environ.get("PEERS_DIR", "/tmp/peers"))
OUT = ROOT / "tests" / "data" / "versions"

# OSV ecosystem (lowercase, without ":suffix") and purl type -> scheme.
ECOSYSTEMS = {
    "npm": "semver", "crates.io": "semver", "hex": "semver", "pub": "semver", "go": "go",
    "pypi": "pep440", "maven": "maven", "rubygems": "rubygems", "debian": "dpkg",
    "ubuntu": "dpkg", "red hat": "rpm", "almalinux": "rpm", "rocky linux": "rpm", "suse": "rpm",
    "opensuse": "rpm", "mageia": "rpm", "nuget": "nuget", "packagist": "composer",
    "alpine": "apk", "wolfi": "apk", "chainguard": "apk",
}
PURL_TYPES = {"npm": "semver", "cargo": "semver", "golang": "go", "pypi": "pep440",
              "maven": "maven", "gem": "rubygems", "deb": "dpkg", "rpm": "rpm", "nuget": "nuget",
              "apk": "apk", "composer": "composer"}

REFERENCES = {
    "semver": ("node semver", ["node", str(PEERS / "bin/node-batch.js"), "semver"]),
    "go": ("golang.org/x/mod/semver", [str(PEERS / "bin/gocmp"), "go"]),
    "pep440": ("python3-packaging (Debian 12)",
               ["/usr/bin/python3", str(PEERS / "bin/py-batch.py"), "pep440"]),
    "maven": ("maven-artifact ComparableVersion (Debian 12, Maven 3.8)",
              ["java", "-cp", f"/usr/share/java/maven3-artifact.jar:{PEERS / 'bin'}", "MvnBatch"]),
    "rubygems": ("Gem::Version (Debian 12 ruby)", ["ruby", str(PEERS / "bin/ruby-batch.rb")]),
    "dpkg": ("libdpkg dpkg_version_compare", [str(PEERS / "bin/cvercmp"), "deb"]),
    "rpm": ("librpm rpmverCmp", [str(PEERS / "bin/cvercmp"), "rpm"]),
    "composer": ("composer/semver (Debian php-composer-semver)",
                 ["php", str(ROOT / "scripts/reference/composer-batch.php")]),
    # Weak references (no apk-tools or .NET here); their disagreements are documented.
    "apk": ("go-apk-version (Trivy's, a weak reference)", [str(PEERS / "bin/gocmp"), "apk"]),
    "nuget": ("@snyk/nuget-semver (a weak reference)",
              ["node", str(PEERS / "bin/node-batch.js"), "nuget-semver"]),
}

PURL_VERSION = re.compile(r"pkg:([a-zA-Z][a-zA-Z0-9.+-]*)/[^\s\"'<>@]*@([^\s\"'<>?#]+)")
MAX_VERSIONS = 3000   # per scheme, sampled
RANDOM_PAIRS = 2500   # per scheme
SEED = 440


def usable(version):
    return 0 < len(version) <= 120 and not any(c.isspace() for c in version) and version.isprintable()


def osv_records(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        doc = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except Exception:
        return []
    docs = doc if isinstance(doc, list) else [doc]
    return [d for d in docs if isinstance(d, dict) and isinstance(d.get("affected"), list)]


def collect():
    versions = {scheme: set() for scheme in REFERENCES}
    for path in sorted(DATA.rglob("*")):
        if not path.is_file() or path.suffix not in (".json", ".yaml", ".yml", ".spdx", ".xml"):
            continue
        if path.stat().st_size > 8 << 20:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for purl_type, version in PURL_VERSION.findall(text):
            scheme = PURL_TYPES.get(purl_type.lower())
            version = urllib.parse.unquote(version)
            if scheme and usable(version):
                versions[scheme].add(version)
        if path.suffix in (".json", ".yaml", ".yml") and "affected" in text:
            for record in osv_records(path):
                for affected in record["affected"]:
                    if not isinstance(affected, dict):
                        continue
                    ecosystem = str((affected.get("package") or {}).get("ecosystem", ""))
                    scheme = ECOSYSTEMS.get(ecosystem.split(":")[0].lower())
                    if not scheme:
                        continue
                    found = [v for v in affected.get("versions") or [] if isinstance(v, str)]
                    for r in affected.get("ranges") or []:
                        if isinstance(r, dict) and r.get("type") in ("SEMVER", "ECOSYSTEM"):
                            for event in r.get("events") or []:
                                found += [v for v in event.values() if isinstance(v, str)]
                    versions[scheme].update(v for v in found if v != "0" and usable(v))
    return versions


def edge_cases(scheme):
    path = OUT / "edge" / f"{scheme}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def pairs_for(scheme, real):
    rng = random.Random(f"{SEED}-{scheme}")
    real = sorted(real)
    if len(real) > MAX_VERSIONS:
        real = sorted(rng.sample(real, MAX_VERSIONS))
    pairs = []
    pairs += list(zip(real, real[1:]))  # neighbours in text order: the close calls
    if len(real) > 1:
        pairs += [tuple(rng.sample(real, 2)) for _ in range(RANDOM_PAIRS)]
    edges = edge_cases(scheme)
    pairs += [(a, b) for i, a in enumerate(edges) for b in edges[i:]]
    if real:
        pairs += [(a, rng.choice(real)) for a in edges]
    seen, unique = set(), []
    for pair in pairs:
        if pair not in seen:
            seen.add(pair)
            unique.append(pair)
    return unique


def reference(scheme, pairs):
    name, command = REFERENCES[scheme]
    lines = []
    for a, b in pairs:
        if scheme == "go":  # x/mod/semver needs the 'v'; OSV writes Go versions without it
            a, b = ("v" + v if not v.startswith("v") else v for v in (a, b))
        lines.append(f"{a} {b}")
    result = subprocess.run(command, input="\n".join(lines) + "\n", capture_output=True,
                            text=True, check=True)
    answers = result.stdout.split()
    if len(answers) != len(pairs):
        sys.exit(f"{scheme}: {name} gave {len(answers)} answers for {len(pairs)} pairs")
    return name, answers


def main():
    if not DATA.is_dir():
        sys.exit(f"no shared data at {DATA}")
    versions = collect()
    for scheme in REFERENCES:
        pairs = pairs_for(scheme, versions[scheme])
        name, answers = reference(scheme, pairs)
        out = OUT / f"{scheme}.tsv"
        with out.open("w", encoding="utf-8") as f:
            f.write(f"# {scheme}: {len(pairs)} pairs ordered by {name}.\n")
            f.write(f"# {len(versions[scheme])} versions seen in the shared data, plus "
                    f"edge/{scheme}.txt. Generated by scripts/gen-version-fixtures.py; do not edit.\n")
            f.write("# a\tb\treference (-1, 0, 1, or ERR when the reference rejects a version)\n")
            for (a, b), answer in zip(pairs, answers):
                f.write(f"{a}\t{b}\t{answer}\n")
        print(f"{out.relative_to(ROOT)}: {len(pairs)} pairs ({len(versions[scheme])} real versions)")


if __name__ == "__main__":
    main()
