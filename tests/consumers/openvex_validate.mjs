// OpenVEX documents against the official OpenVEX 0.2.0 JSON schema (../shared/data/openvex/spec,
// draft 2020-12), with Ajv (pinned in package-lock.json), as OpenVEX tooling has no runnable
// validator outside Go; and the rule the schema states in words: one statement per
// (vulnerability, product, subcomponent).
//   node openvex_validate.mjs SCHEMA FILE...   -> "valid FILE: N statements" or "invalid FILE: ..."
//   per file; exit 0 when every file is valid, 1 otherwise, 2 when the validator itself fails.
import fs from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

function main([schemaFile, ...files]) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  // The schema's `iri` format, as RFC 3987 defines an absolute IRI (a scheme, ':', then no
  // white space or characters IRIs exclude). ajv-formats-draft2019's `iri` also demands a scheme
  // registered with IANA, which purl's `pkg:` is not, though OpenVEX's own examples name
  // products by purl.
  ajv.addFormat('iri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/u)
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')))
  let invalid = 0
  for (const file of files) {
    const document = JSON.parse(fs.readFileSync(file, 'utf8'))
    const problems = []
    if (!validate(document)) problems.push(...validate.errors.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`))
    const seen = new Set()
    for (const statement of document.statements ?? []) {
      for (const product of statement.products ?? []) {
        const subcomponents = (product.subcomponents ?? []).map((s) => s['@id']).sort().join(',')
        const key = `${statement.vulnerability?.name} ${product['@id']} ${subcomponents}`
        if (seen.has(key)) problems.push(`a second statement for ${key}`)
        seen.add(key)
      }
    }
    if (problems.length === 0) {
      console.log(`valid ${file}: ${document.statements.length} statements`)
    } else {
      invalid += 1
      console.log(`invalid ${file}: ${problems.slice(0, 5).join('; ')}`)
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
