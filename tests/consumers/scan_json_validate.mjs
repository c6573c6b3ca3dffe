// cradle's scan JSON against its own contract, schemas/scan.schema.json (draft-07), with Ajv
// (pinned in package-lock.json): an independent second validator beside the tests' valijson.
//   node scan_json_validate.mjs SCHEMA FILE...  -> "valid FILE: N findings" or "invalid FILE: ..."
//   per file; exit 0 when every file is valid, 1 otherwise, 2 when the validator itself fails.
import fs from 'node:fs'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'

function main([schemaFile, ...files]) {
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')))
  let invalid = 0
  for (const file of files) {
    const document = JSON.parse(fs.readFileSync(file, 'utf8'))
    if (validate(document)) {
      const findings = document.components.reduce((n, c) => n + c.findings.length, 0)
      console.log(`valid ${file}: ${findings} findings`)
    } else {
      invalid += 1
      console.log(`invalid ${file}: ${validate.errors.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`)
    }
  }
  return invalid === 0 ? 0 : 1
}

try {
  process.exit(main(process.argv.slice(2)))
} catch (error) {
  console.error(`the validator failed: ${error.stack}`)
  process.exit(2)
}
