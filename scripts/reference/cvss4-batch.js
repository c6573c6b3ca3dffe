// Reads CVSS v4.0 vectors, one per line, and prints "vector<TAB>score" as the reference
// implementation scores them (ae-cvss-calculator's Cvss4P0, the FIRST calculator's algorithm;
// the overall score, i.e. CVSS-B, -BT, -BE or -BTE as the vector allows), or
// "vector<TAB>error" when it refuses the vector.
// usage: NODE_PATH=DIR/node_modules node scripts/reference/cvss4-batch.js < vectors
const { Cvss4P0 } = require('ae-cvss-calculator');
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
for (const vector of lines) {
  try {
    const scores = new Cvss4P0(vector).calculateScores();
    process.stdout.write(`${vector}\t${scores.overall.toFixed(1)}\n`);
  } catch (error) {
    process.stdout.write(`${vector}\terror\n`);
  }
}
