#!/usr/bin/env node
// Bytes per snapshot on SQLite, by table and index (the dbstat virtual table),
// for ROWS snapshots of the same checks: before (the schema at 0009, rows as
// `mon check` wrote them) and after (the current schema, rows through the
// store's write path, insertSnapshots, in batches of 200 as mon check writes).
// The rows are real: `mon apply` and three `mon check` runs against a local
// server (127.0.0.1) give each endpoint's rows; they are replicated with fresh
// ids, a minute apart, and latencies (columns, payload, detail) jittered as
// real checks vary, and the Date header set to the second the server answered
// in. One endpoint in ten answers a body that changes on every check (a
// counter), the others a stable body.
// Needs a build (npm run build). Usage: node bench/size.js [--rows N] [--endpoints N]
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import http from 'node:http'
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import Database from 'better-sqlite3'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BIN = path.join(ROOT, 'bin/run.js')
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href)
const {openDriver} = await dist('store/open.js')
const {migrate} = await dist('store/migrator.js')
const {insertSnapshots} = await dist('store/snapshots.js')
const {uuidv7} = await dist('time.js')
const {expandPayloads} = await dist('store/payload-bases.js')

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const ROWS = arg('rows', 1_000_000)
const ENDPOINTS = arg('endpoints', 100)
const BEFORE = '0009-snapshot-phases'

let counter = 0
const server = http.createServer((req, res) => {
  const changing = req.url.startsWith('/changing')
  const body = JSON.stringify(changing ? {status: 'ok', requests: ++counter} : {status: 'ok', version: '1.4.2', checks: {db: 'ok', cache: 'ok'}})
  res.writeHead(200, {'content-type': 'application/json', server: 'bench/1.0', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body)})
  res.end(body)
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const port = server.address().port

const dir = mkdtempSync(path.join(tmpdir(), 'mon-bench-size-'))
// Asynchronously: the server answering the checks is in this process.
const mon = (...args) =>
  promisify(execFile)(process.execPath, [BIN, ...args], {cwd: dir, env: {...process.env, NO_COLOR: '1'}}).catch((err) => {
    // mon check exits 1 or 2 when a check warns or fails: its rows are what we want.
    if (!(args[0] === 'check' && err.code <= 2)) throw err
  })

function monitorsYaml() {
  const lines = ['version: 1', 'entities:']
  for (let i = 0; i < ENDPOINTS; i++) {
    lines.push(`  - id: svc-${i}`, '    type: service', `    label: Service ${i}`, '    owner: ops', '    endpoints:')
    lines.push('      - kind: health', `        url: http://127.0.0.1:${port}/${i % 10 === 0 ? 'changing' : 'health'}/${i}`)
    lines.push('        check:', '          json:', '            - path: status', '              equals: ok')
  }
  return `${lines.join('\n')}\n`
}

/** Each endpoint's rows from three real checks. */
async function realRows() {
  writeFileSync(path.join(dir, 'monitors.yaml'), monitorsYaml())
  const db = path.join(dir, 'checks.db')
  await mon('apply', '--db', db)
  for (let run = 0; run < 3; run++) await mon('check', '--db', db)
  const driver = await openDriver(db)
  // As judged: the check stored them in the current forms.
  const rows = await expandPayloads(driver, await driver.all('SELECT * FROM snapshots ORDER BY observed_at'))
  await driver.close()
  const raw = new Database(db, {readonly: true})
  const inventory = {
    entities: raw.prepare('SELECT * FROM entities').all(),
    endpoints: raw.prepare('SELECT * FROM endpoints').all(),
  }
  raw.close()

  const byEndpoint = new Map()
  for (const row of rows) byEndpoint.set(row.endpoint_id, [...(byEndpoint.get(row.endpoint_id) ?? []), row])
  return {templates: [...byEndpoint.values()], inventory}
}

/** The i-th snapshot: endpoint i mod E, a minute after the last one of that endpoint, its latency varied. */
function snapshotRow(templates, i, start) {
  const runs = templates[i % templates.length]
  // A stable endpoint answers as its first real check did (its other checks may have needed a retry on a busy machine);
  // a changing one cycles through its three real answers, each unlike the one before.
  const changing = runs[0].payload_json.includes('"requests"')
  const t = changing ? runs[Math.floor(i / templates.length) % runs.length] : runs[0]
  const observedAt = start + Math.floor(i / templates.length) * 60_000 + (i % templates.length) * 10
  const scale = 0.8 + ((i * 7919) % 400) / 1000
  const latency = Math.round(t.latency_ms * scale * 1000) / 1000
  const payload = JSON.parse(t.payload_json)
  payload.latency_ms = latency
  if (payload.phases_ms) for (const k of Object.keys(payload.phases_ms)) payload.phases_ms[k] = Math.round(payload.phases_ms[k] * scale * 1000) / 1000
  // The server's clock: the second it answered in.
  if (payload.headers?.date) payload.headers.date = new Date(Math.floor((observedAt - latency) / 1000) * 1000).toUTCString()
  return {
    id: uuidv7(observedAt),
    entity_id: t.entity_id,
    endpoint_id: t.endpoint_id,
    registry_id: null,
    status: t.status,
    detail: t.detail.replace(/ in [\d.]+ ms/, ` in ${Math.round(latency)} ms`),
    payload_json: JSON.stringify(payload),
    latency_ms: latency,
    phases_ms_json: payload.phases_ms ? JSON.stringify(payload.phases_ms) : null,
    observed_at: new Date(observedAt).toISOString(),
  }
}

async function fill(file, to, {templates, inventory}, write) {
  const driver = await openDriver(file)
  await migrate(driver, to ? {to} : {})
  await driver.transaction(async () => {
    for (const e of inventory.entities) await driver.run('INSERT INTO entities (id, type, label, owner) VALUES (?, ?, ?, ?)', [e.id, e.type, e.label, e.owner])
    for (const e of inventory.endpoints) await driver.run('INSERT INTO endpoints (id, entity_id, kind, url) VALUES (?, ?, ?, ?)', [e.id, e.entity_id, e.kind, e.url])
  })
  const start = Date.parse('2026-01-01T00:00:00.000Z')
  const t = performance.now()
  await write(driver, (i) => snapshotRow(templates, i, start))
  const ms = performance.now() - t
  await driver.close()
  return ms
}

/** The raw rows as 0009 stored them: multi-row INSERTs in big transactions. */
async function writeRaw(driver, make) {
  for (let i = 0; i < ROWS; ) {
    const batch = []
    for (let k = 0; k < 200 && i < ROWS; k++, i++) batch.push(make(i))
    await driver.transaction(async () => {
      for (const r of batch) {
        await driver.run('INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, payload_json, latency_ms, phases_ms_json, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [r.id, r.entity_id, r.endpoint_id, r.registry_id, r.status, r.detail, r.payload_json, r.latency_ms, r.phases_ms_json, r.observed_at])
      }
    })
  }
}

/** Through the store's write path, 200 rows a call as mon check's batch writer. */
async function writeStore(driver, make) {
  for (let i = 0; i < ROWS; ) {
    const batch = []
    for (let k = 0; k < 200 && i < ROWS; k++, i++) batch.push(make(i))
    await insertSnapshots(driver, batch)
  }
}

function breakdown(file) {
  const raw = new Database(file, {readonly: true})
  const parts = raw.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name = 'snapshots' OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'snapshots') GROUP BY name ORDER BY bytes DESC").all()
  const n = raw.prepare('SELECT count(*) AS n FROM snapshots').get().n
  const forms = raw.prepare("SELECT CASE WHEN payload_json = '=' THEN 'same as base (=)' WHEN substr(payload_json, 1, 1) = '=' THEN 'base but the Date (=N)' WHEN substr(payload_json, 1, 1) = '~' THEN 'body (~)' ELSE 'whole' END AS form, count(*) AS n, avg(length(payload_json)) AS chars FROM snapshots GROUP BY 1").all()
  const details = raw.prepare('SELECT avg(detail IS NULL) AS kept, avg(coalesce(length(detail), 0)) AS chars FROM snapshots').get()
  raw.close()

  return {parts, n, forms, details, fileBytes: statSync(file).size}
}

const perMillion = (bytes, n) => (bytes / n) * 1e6 / 1e6
try {
  const real = await realRows()
  console.log(`${ROWS} snapshots of ${real.templates.length} endpoints (payload ${real.templates[1][0].payload_json.length} characters, e.g. ${real.templates[1][0].payload_json.slice(0, 120)}…)`)
  const results = {}
  for (const [name, to, write] of [['before (0009)', BEFORE, writeRaw], ['after', undefined, writeStore]]) {
    const file = path.join(dir, `${name.split(' ')[0]}.db`)
    const ms = await fill(file, to, real, write)
    const b = breakdown(file)
    results[name] = b
    console.log(`\n${name}: ${b.n} snapshots written in ${(ms / 1000).toFixed(1)} s; file ${(b.fileBytes / 1e6).toFixed(1)} MB = ${perMillion(b.fileBytes, b.n).toFixed(1)} MB per million`)
    console.log(`  payloads: ${b.forms.map((f) => `${f.form} ${(f.n / b.n * 100).toFixed(1)}% (${f.chars.toFixed(0)} characters)`).join(', ')}`)
    console.log(`  details: ${(b.details.kept * 100).toFixed(1)}% kept in the payload body (column NULL), ${b.details.chars.toFixed(1)} characters a row in the column`)
    for (const p of b.parts) console.log(`  ${p.name.padEnd(56)} ${perMillion(p.bytes, b.n).toFixed(1).padStart(7)} MB per million  (${(p.bytes / b.n).toFixed(1)} bytes a snapshot)`)
  }
  // What `mon prune --vacuum` (VACUUM) makes of the same file: the clustered table rewritten in key order, its pages full.
  const vacuumed = new Database(path.join(dir, 'after.db'))
  vacuumed.exec('VACUUM')
  vacuumed.close()
  const v = breakdown(path.join(dir, 'after.db'))
  console.log(`\nafter, then VACUUM: file ${(v.fileBytes / 1e6).toFixed(1)} MB = ${perMillion(v.fileBytes, v.n).toFixed(1)} MB per million`)
  for (const p of v.parts) console.log(`  ${p.name.padEnd(56)} ${perMillion(p.bytes, v.n).toFixed(1).padStart(7)} MB per million  (${(p.bytes / v.n).toFixed(1)} bytes a snapshot)`)
  const [before, after] = Object.values(results)
  console.log(`\nafter / before: ${(after.fileBytes / after.n / (before.fileBytes / before.n)).toFixed(3)}x (target: at most 200 MB per million)`)
} finally {
  server.close()
  rmSync(dir, {recursive: true, force: true})
}
