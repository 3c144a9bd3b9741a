/**
 * What `mon init` writes: a starter monitors.yaml with the schema modeline,
 * and a copy of the schema beside it for editors.
 */
import {existsSync} from 'node:fs'
import {copyFile, mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {MonError, messageOf} from './errors.js'

const SCHEMA_FILE = fileURLToPath(new URL('../schemas/monitors.schema.json', import.meta.url))

/**
 * The modeline points at ./schemas/monitors.schema.json beside the file (as
 * export writes it), and init puts a copy of the schema there: a path into
 * mon's own install would work only on the machine that ran init.
 */
const SCHEMA_REFERENCE = './schemas/monitors.schema.json'

/** Where a file's modeline can point: the schema copy beside it (as init writes one), or null when there is none. */
export function schemaBeside(configFile: string): string | null {
  return existsSync(path.join(path.dirname(path.resolve(configFile)), SCHEMA_REFERENCE)) ? SCHEMA_REFERENCE : null
}

async function writeSchemaBeside(configFile: string): Promise<string | null> {
  const target = path.join(path.dirname(path.resolve(configFile)), SCHEMA_REFERENCE)
  if (existsSync(target)) return null
  await mkdir(path.dirname(target), {recursive: true})
  await copyFile(SCHEMA_FILE, target)
  return path.relative(process.cwd(), target)
}

/** Writes the starter file and the schema copy; returns where the copy went, or null when one was there. */
export async function writeStarter(configFile: string): Promise<string | null> {
  try {
    await writeFile(configFile, starterConfig(SCHEMA_REFERENCE))
    return await writeSchemaBeside(configFile)
  } catch (err) {
    throw new MonError(`cannot write ${configFile}: ${messageOf(err)}`)
  }
}

export function starterConfig(schema: string): string {
  return `# yaml-language-server: $schema=${schema}
#
# The inventory mon keeps. Each entity is a thing you run (service, backend,
# tool, gateway or registry) with the endpoints that mon check probes.
# Edit it, then: mon validate, mon plan, mon apply.
version: 1

defaults:
  check:
    timeout: 5s          # a hard deadline for each check
    degraded_after: 1s   # slower than this: warn

entities:
  - id: example-api
    type: service
    label: Example API
    owner: my-team
    notes: Replace with your own services
    endpoints:
      - kind: health                       # id: example-api:health
        url: http://127.0.0.1:8080/health
      - kind: api                          # id: example-api:api
        url: http://127.0.0.1:8080/v1/items
        check:
          status: [200]
          degraded_after: 300ms
          # headers:
          #   Authorization: Bearer \${EXAMPLE_TOKEN}   # resolved at check time, never stored resolved
    # registry:
    #   - path: ./registries/example.json   # a file or an http(s) URL, read by mon check
    #     authority: my-team
`
}
