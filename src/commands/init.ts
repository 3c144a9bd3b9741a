import {existsSync} from 'node:fs'
import {copyFile, mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {Flags} from '@oclif/core'

import {MonCommand, configFlag, dbFlag, lockTimeoutFlag} from '../base-command.js'
import {MonError, messageOf} from '../errors.js'
import {durationFlag} from '../duration.js'

const SCHEMA_FILE = fileURLToPath(new URL('../../schemas/monitors.schema.json', import.meta.url))

/**
 * The modeline points at ./schemas/monitors.schema.json beside the file (as
 * export writes it), and init puts a copy of the schema there: a path into
 * mon's own install would work only on the machine that ran init.
 */
const SCHEMA_REFERENCE = './schemas/monitors.schema.json'

async function writeSchemaBeside(configFile: string): Promise<string | null> {
  const target = path.join(path.dirname(path.resolve(configFile)), SCHEMA_REFERENCE)
  if (existsSync(target)) return null
  await mkdir(path.dirname(target), {recursive: true})
  await copyFile(SCHEMA_FILE, target)
  return path.relative(process.cwd(), target)
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

export default class Init extends MonCommand {
  static override summary = 'Write a starter monitors.yaml and create and migrate the database.'
  static override description = `Refuses (exit 1) when monitors.yaml or the database already exists, unless --force.
With --force, monitors.yaml is overwritten; an existing database is never emptied, only migrated.`

  static override examples = [
    {command: '<%= config.bin %> init', description: 'monitors.yaml and monitor.db in this directory.'},
    {command: '<%= config.bin %> init --db postgres://mon@db:5432/mon', description: 'Start with a shared PostgreSQL.'},
  ]

  static override flags = {
    config: configFlag,
    db: dbFlag,
    'lock-timeout': lockTimeoutFlag,
    force: Flags.boolean({description: 'Overwrite monitors.yaml; migrate a database that exists (its data is kept).'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Init)
    const timeout = durationFlag('lock-timeout', flags['lock-timeout'], {allowZero: true})
    const {parseDb, describeDb} = await import('../store/open.js')
    const where = parseDb(flags.db)
    const {migrate, migrationStatus} = await import('../store/migrator.js')
    if (!flags.force) {
      const existing: string[] = []
      if (existsSync(flags.config)) existing.push(flags.config)
      if (where.engine === 'sqlite' && existsSync(where.location)) existing.push(where.display)
      if (where.engine === 'postgres') {
        const states = await this.withDriver(flags.db, (driver) => migrationStatus(driver))
        if (states.some((m) => m.status !== 'pending')) existing.push(`${where.display} (already has a mon schema)`)
      }
      if (existing.length > 0) throw new MonError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (use --force to overwrite the file and keep and migrate the database)`)
    }
    const migrated = await this.withDriver(flags.db, (driver) => migrate(driver, {lockTimeoutMs: timeout}), {create: true})
    let schemaCopy: string | null
    try {
      await writeFile(flags.config, starterConfig(SCHEMA_REFERENCE))
      schemaCopy = await writeSchemaBeside(flags.config)
    } catch (err) {
      throw new MonError(`cannot write ${flags.config}: ${messageOf(err)}`)
    }
    if (this.jsonEnabled()) {
      this.logJson({config: flags.config, schema: schemaCopy, db: describeDb(flags.db), migrated})
      return
    }
    this.log(`Wrote ${flags.config} (1 example entity with 2 endpoints)${schemaCopy ? ` and ${schemaCopy} (for editors)` : ''}.`)
    this.log(`Database ${describeDb(flags.db)}: ${migrated.length > 0 ? `ran ${migrated.length} migration${migrated.length === 1 ? '' : 's'}` : 'already up to date'}.`)
    this.log(`Next: edit ${flags.config}, then mon validate, mon plan and mon apply.`)
  }
}
