// node-semver on the pairs read from stdin ("A B" per line): parse once, then time compare().
// Prints "<ns per compare> <pairs>". Usage: node semver_compare.js SEMVER_MODULE_DIR < pairs
const semver = require(process.argv[2]);
const pairs = require('fs').readFileSync(0, 'utf8').split('\n').filter(Boolean).map((line) => {
  const [a, b] = line.split(' ');
  return [new semver.SemVer(a), new semver.SemVer(b)];
});
let rounds = 0, less = 0;
const start = process.hrtime.bigint();
let elapsed = 0n;
while (elapsed < 1_000_000_000n) {
  for (const [a, b] of pairs) less += a.compare(b) < 0 ? 1 : 0;
  rounds++;
  elapsed = process.hrtime.bigint() - start;
}
console.log(`${Number(elapsed) / (rounds * pairs.length)} ${pairs.length} ${less > 0}`);
