// CSAF 2.0 documents as the CSAF validator of the BSI's Secvisogram judges them
// (@secvisogram/csaf-validator-lib, pinned in package-lock.json): the strict JSON schema test
// and every mandatory test (6.1.x), one JSON line per file:
//   {"file": F, "schema": true|false, "tests": {"6.1.1": true|false, ...}, "errors": [...]}
//   node csaf_validate.mjs FILE...   -> exit 0 when every file passes all, 1 otherwise, 2 when
//   the validator itself fails.
//   node csaf_validate.mjs --compare CHECK_JSON   -> compares `cradle csaf check --format json`'s
//   verdict per document and test with the validator's: a test cradle says failed must be one
//   the validator fails, and the reverse; a test cradle cannot tell is listed, not compared.
//   Exit 0 when they agree, 1 otherwise.
import fs from 'node:fs'
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js'
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js'

async function judge(file) {
  const document = JSON.parse(fs.readFileSync(file, 'utf8'))
  return validateStrict([csaf_2_0_strict, ...Object.values(mandatory)], document)
}

async function compare(checkJson) {
  const report = JSON.parse(fs.readFileSync(checkJson, 'utf8'))
  let disagreements = 0
  let compared = 0
  const unknown = []
  for (const document of report.documents) {
    if (!document.read) {
      console.log(`not read by cradle: ${document.file}: ${document.diagnostics.join('; ')}`)
      disagreements += 1
      continue
    }
    const result = await judge(document.file)
    const theirs = new Map(result.tests.map((test) => [test.name.replace(/^mandatoryTest_/, '').replaceAll('_', '.'), test]))
    for (const test of document.tests) {
      const their = theirs.get(test.id)
      if (test.status === 'cannot tell') {
        unknown.push(`${document.file} ${test.id} (validator: ${their.isValid ? 'passed' : 'failed'})`)
        continue
      }
      compared += 1
      if ((test.status === 'failed') !== !their.isValid) {
        disagreements += 1
        console.log(`DISAGREE ${test.id} ${document.file}: cradle ${test.status}` +
          ` ${JSON.stringify(test.failures)}; validator ${their.isValid ? 'passed' : 'failed'} ${JSON.stringify(their.errors)}`)
      }
    }
  }
  console.log(`${report.documents.length} documents, ${compared} test verdicts compared, ${disagreements} disagreements,` +
    ` ${unknown.length} that cradle cannot tell`)
  for (const line of unknown) console.log(`  cannot tell: ${line}`)
  return disagreements === 0 ? 0 : 1
}

async function main(args) {
  if (args[0] === '--compare') return compare(args[1])
  let invalid = 0
  for (const file of args) {
    const result = await judge(file)
    const line = { file, schema: true, tests: {}, errors: [] }
    for (const test of result.tests) {
      const id = test.name.replace(/^mandatoryTest_/, '').replaceAll('_', '.')
      if (test.name === 'csaf_2_0_strict') line.schema = test.isValid
      else line.tests[id] = test.isValid
      for (const error of test.errors) line.errors.push(`${test.name} ${error.instancePath}: ${error.message}`)
    }
    if (!result.isValid) invalid += 1
    console.log(JSON.stringify(line))
  }
  return invalid === 0 ? 0 : 1
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
  console.error(`the validator failed: ${error.stack}`)
  process.exit(2)
})
