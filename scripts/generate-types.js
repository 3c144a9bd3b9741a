#!/usr/bin/env node
// Writes src/config/monitors.types.ts from schemas/monitors.schema.json, so the
// TypeScript shape of the raw file is never written by hand.
// test/config/schema-sync.test.ts regenerates it in memory and compares.
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SCHEMA_PATH = path.join(ROOT, 'schemas/monitors.schema.json')
export const TYPES_PATH = path.join(ROOT, 'src/config/monitors.types.ts')

const BANNER = `/**
 * The shape of monitors.yaml as written, before defaults are applied.
 * GENERATED from schemas/monitors.schema.json by scripts/generate-types.js:
 * do not edit; change the schema and run \`node scripts/generate-types.js\`.
 */`

export async function generateTypes() {
  const {compile} = await import('json-schema-to-typescript')
  const schema = JSON.parse(await readFile(SCHEMA_PATH, 'utf8'))
  return compile(schema, 'MonitorsFile', {
    bannerComment: BANNER,
    additionalProperties: false,
    unreachableDefinitions: false,
    format: true,
    style: {semi: false, singleQuote: true, printWidth: 120, bracketSpacing: false},
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(TYPES_PATH, await generateTypes())
  console.log(`wrote ${path.relative(ROOT, TYPES_PATH)}`)
}
