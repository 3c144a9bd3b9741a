#!/usr/bin/env node
// Compiles schemas/monitors.schema.json into a standalone ajv validator
// (schemas/monitors.validator.cjs). Loading it takes a few ms; importing ajv and
// compiling at startup takes ~150 ms, which `mon validate` would pay on every run.
// CommonJS because ajv's standalone output still calls require() (ajv#1976).
// test/config/schema-sync.test.ts regenerates it in memory and compares.
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SCHEMA_PATH = path.join(ROOT, 'schemas/monitors.schema.json')
export const VALIDATOR_PATH = path.join(ROOT, 'schemas/monitors.validator.cjs')

const BANNER = `// GENERATED from schemas/monitors.schema.json by scripts/generate-validator.js:
// do not edit; change the schema and run \`node scripts/generate-validator.js\`.
`

/** The ajv options mon validates with; tests that compile the schema in memory use the same. */
export const AJV_OPTIONS = {allErrors: true, strict: true, allowUnionTypes: true}

export async function generateValidator() {
  const {Ajv2020} = await import('ajv/dist/2020.js')
  const standaloneModule = await import('ajv/dist/standalone/index.js')
  const standaloneCode = standaloneModule.default.default ?? standaloneModule.default
  const schema = JSON.parse(await readFile(SCHEMA_PATH, 'utf8'))
  const ajv = new Ajv2020({...AJV_OPTIONS, code: {source: true, esm: false, lines: true}})
  const validate = ajv.compile(schema)
  return BANNER + standaloneCode(ajv, validate)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(VALIDATOR_PATH, await generateValidator())
  console.log(`wrote ${path.relative(ROOT, VALIDATOR_PATH)}`)
}
