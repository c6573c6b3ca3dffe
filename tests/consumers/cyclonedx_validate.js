// Validates CycloneDX JSON documents with the CycloneDX JavaScript library's strict JSON
// validator (the schemas of the spec version each document states), as CycloneDX tools do.
//   node cyclonedx_validate.js FILE...   -> "valid FILE" or "invalid FILE: errors" per file;
//   exit 0 when every file is valid, 1 otherwise, 2 when the validator itself fails.
const CDX = require('@cyclonedx/cyclonedx-library');
const fs = require('fs');

async function main(files) {
  let invalid = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const validator = new CDX.Validation.JsonStrictValidator(JSON.parse(text).specVersion);
    const errors = await validator.validate(text);
    if (errors === null) {
      console.log(`valid ${file}`);
    } else {
      invalid += 1;
      console.log(`invalid ${file}: ${JSON.stringify(errors).slice(0, 1000)}`);
    }
  }
  return invalid === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
  console.error(`the validator failed: ${error.message}`);
  process.exit(2);
});
