// Writes a CycloneDX 1.6 JSON SBOM, to standard output, of every Go module the Go vulnerability
// database's OSV records name, each at the first VERSIONS versions v0.0.1, v0.0.2, ...: a
// heavily affected SBOM from real advisory data (most records affect every version from 0).
// The first DUPLICATES components are listed three times each (other bom-refs, same purl), as
// SBOMs that record one package at several locations do.
//   node go_modules_sbom.js GO_VULNDB_OSV_DIR VERSIONS DUPLICATES
const fs = require('fs');
const path = require('path');

const [dir, versions, duplicates] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const modules = new Set();
for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
  const record = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  for (const affected of record.affected || []) {
    const name = affected.package && affected.package.name;
    if (affected.package.ecosystem === 'Go' && name && name !== 'stdlib' && name !== 'toolchain') modules.add(name);
  }
}
const components = [];
for (const module of [...modules].sort()) {
  for (let v = 1; v <= versions; v++) {
    const version = `v0.0.${v}`;
    components.push({
      type: 'library',
      'bom-ref': `${module}@${version}`,
      name: module,
      version,
      purl: `pkg:golang/${module}@${version}`,
    });
  }
}
for (const component of components.slice(0, duplicates)) {
  for (const copy of [2, 3]) components.push({ ...component, 'bom-ref': `${component['bom-ref']}#${copy}` });
}
process.stdout.write(JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  serialNumber: 'urn:uuid:5e0c2a52-7f3e-4d0c-9c55-3a0f2c9d1b7e',
  version: 1,
  metadata: {
    timestamp: '2026-12-01T00:00:00Z',
    component: { type: 'application', 'bom-ref': 'app', name: 'go-modules', version: '1.0.0' },
  },
  components,
}, null, 1) + '\n');
