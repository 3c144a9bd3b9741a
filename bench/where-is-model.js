#!/usr/bin/env node
// `mon mcp`'s where_is_model over 10,000 entities, in process, against its
// floor in the same run. The database (SQLite): 10,000 entities, each with a
// `kind: models` endpoint and a history of --history checks a minute apart
// (written through the store, as mon check writes them: the first a body, the
// rest `=` references to it, as in a steady fleet), each listing 3 models; two
// registry entries whose latest snapshot declares 5,000 (model, entity) pairs
// each (the check keeps at most 5,000 a registry): 10,000 pairs.
// Ours: whereIsModelAnswer (src/assistant/answers.ts) on a read-only driver.
// The floor: the same reads as bare SQL through better-sqlite3, the least this
// plan allows: per table one statement, in which each target's newest stored
// text is one backward seek of its key and a reference's base one seek of the
// bases' index, the database testing the text so that only the few rows that
// mention the model come back to be parsed; the same matching; then one
// statement for the newest status of the entities found. Alternated, medians
// of --runs after a warm-up, wall and CPU time; both answers are compared.
// Target: under 100 ms.
// Needs a build (npm run build). Usage:
//   node bench/where-is-model.js [--entities 10000] [--history 10] [--runs 15] [--db FILE]
// --db FILE keeps the generated database there and reuses it on the next run.
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath, pathToFileURL} from 'node:url'

import Database from 'better-sqlite3'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href)
const {openDriver, openReadOnly} = await dist('store/open.js')
const {migrate} = await dist('store/migrator.js')
const {insertSnapshots} = await dist('store/snapshots.js')
const {whereIsModelAnswer} = await dist('assistant/answers.js')
const {uuidv7} = await dist('time.js')

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const ENTITIES = arg('entities', 10_000)
const HISTORY = arg('history', 10)
const RUNS = arg('runs', 15)
/** --db FILE keeps the generated database there and reuses it on the next run. */
const KEEP = process.argv.includes('--db') ? path.resolve(process.argv[process.argv.indexOf('--db') + 1]) : null
const PAIRS_PER_REGISTRY = 5000
const NOW = Date.parse('2026-12-01T12:00:00.000Z')

const entityId = (i) => `e-${String(i).padStart(5, '0')}`
/** Entity i lists model-(i mod 1000), family-(i mod 100) and a model every entity has: model-42 is on 10 entities. */
const modelsOf = (i) => [`family-${i % 100}`, `model-${i % 1000}`, 'shared-embedding'].sort()

async function build(file) {
  const driver = await openDriver(file)
  await migrate(driver)
  const at = new Date(NOW - 86_400_000).toISOString()
  await driver.transaction(async () => {
    for (let i = 0; i < ENTITIES; i++) {
      await driver.run('INSERT INTO entities (id, type, label, owner, applied_at) VALUES (?, ?, ?, ?, ?)', [entityId(i), 'backend', `Backend ${i}`, 'ml', at])
      await driver.run('INSERT INTO endpoints (id, entity_id, kind, url, method, applied_at) VALUES (?, ?, ?, ?, ?, ?)', [`${entityId(i)}:models`, entityId(i), 'models', `http://127.0.0.1:9/${i}/v1/models`, 'GET', at])
    }
    await driver.run('INSERT INTO entities (id, type, label, owner, applied_at) VALUES (?, ?, ?, ?, ?)', ['registry', 'registry', 'Registry', 'platform', at])
    for (const r of [0, 1]) {
      await driver.run('INSERT INTO registry_index (id, entity_id, registry_path, authority, applied_at) VALUES (?, ?, ?, ?, ?)', [`registry:${r}`, 'registry', `./models-${r}.json`, 'platform', at])
    }
  })
  const payload = (fields) => JSON.stringify({latency_ms: 12, attempts: 1, ...fields})
  for (let step = HISTORY - 1; step >= 0; step--) {
    const ms = NOW - step * 60_000 - 30_000
    const observed_at = new Date(ms).toISOString()
    const rows = []
    for (let i = 0; i < ENTITIES; i++) {
      const ids = modelsOf(i)
      const body = {object: 'list', data: ids.map((id) => ({id, object: 'model', created: 1764547200, owned_by: 'vllm', root: `/models/${id}`, parent: null, max_model_len: 32768}))}
      const status = i % 7 === 0 ? 'error' : 'ok'
      rows.push({id: uuidv7(ms), entity_id: entityId(i), endpoint_id: `${entityId(i)}:models`, registry_id: null, status, detail: `${ids.length} models`, payload_json: payload({http_status: 200, headers: {'content-type': 'application/json'}, bytes: JSON.stringify(body).length, body, models: ids}), latency_ms: 12, phases_ms_json: null, observed_at})
    }
    for (const r of [0, 1]) {
      const declared = []
      for (let k = 0; k < PAIRS_PER_REGISTRY; k++) {
        const i = r * PAIRS_PER_REGISTRY + k
        if (i < ENTITIES) declared.push({model: `model-${i % 1000}`, entity_id: entityId(i)})
      }
      declared.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : a.entity_id < b.entity_id ? -1 : 1))
      rows.push({id: uuidv7(ms), entity_id: 'registry', endpoint_id: null, registry_id: `registry:${r}`, status: 'ok', detail: `${declared.length} entries`, payload_json: payload({entries: declared.length, declared, drift: []}), latency_ms: 12, phases_ms_json: null, observed_at})
    }
    await insertSnapshots(driver, rows)
  }
  await driver.close()
}

/** The text a target's newest row stands for: its own, or its newest base's when it is a reference (`=`). */
const newestText = (column, other) => `CASE WHEN substr(m.stored, 1, 1) = '=' THEN (SELECT b.payload_json FROM snapshots b INDEXED BY snapshots_payload_bases
    WHERE b.${column} = m.target AND ${other} AND substr(b.payload_json, 1, 1) = '~' ORDER BY b.observed_at DESC, b.id DESC LIMIT 1) ELSE m.stored END`

/** The floor: the same reads as bare SQL (one statement per table, the database testing the text), the same matching, then the health of the entities found. */
function floorAnswer(db, model) {
  const like = `%${JSON.stringify(model).replace(/[!%_]/g, (c) => `!${c}`)}%`
  const read = (table, column, other, kind) =>
    db
      .prepare(
        `WITH m AS MATERIALIZED (SELECT t.id AS target, t.entity_id, (SELECT x.payload_json FROM snapshots x WHERE x.${column} = t.id ORDER BY x.observed_at DESC, x.id DESC LIMIT 1) AS stored
           FROM ${table} t JOIN entities e ON e.id = t.entity_id WHERE t.retired_at IS NULL AND e.retired_at IS NULL${kind})
         SELECT m.target, m.entity_id, ${newestText(column, other)} AS text FROM m WHERE lower(${newestText(column, other)}) LIKE lower(?) ESCAPE '!'`,
      )
      .raw()
      .all(like)
      .map(([target, entity, text]) => [target, entity, JSON.parse(text.slice(1))])
  const lists = {
    served: read('endpoints', 'endpoint_id', 'b.registry_id IS NULL', " AND t.kind = 'models'").map(([, entity, fields]) => [entity, fields.models ?? []]),
    declared: read('registry_index', 'registry_id', "b.endpoint_id = ''", '').map(([, , fields]) => fields.declared ?? []),
  }
  const match = (same) => {
    const found = new Set()
    for (const pairs of lists.declared) for (const p of pairs) if (same(p.model)) found.add(p.entity_id)
    for (const [entity, models] of lists.served) if (models.some(same)) found.add(entity)
    return found
  }
  let found = match((id) => id === model)
  const fold = (id) => id.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
  if (found.size === 0) found = match((id) => fold(id) === fold(model))
  const shown = [...found].sort().slice(0, 100)
  const marks = shown.map(() => '?').join(', ')
  const latest = db
    .prepare(
      `SELECT t.entity_id, (SELECT x.status FROM snapshots x WHERE x.endpoint_id = t.id ORDER BY x.observed_at DESC, x.id DESC LIMIT 1) FROM endpoints t WHERE t.retired_at IS NULL AND t.entity_id IN (${marks})
       UNION ALL SELECT t.entity_id, (SELECT x.status FROM snapshots x WHERE x.registry_id = t.id ORDER BY x.observed_at DESC, x.id DESC LIMIT 1) FROM registry_index t WHERE t.retired_at IS NULL AND t.entity_id IN (${marks})`,
    )
    .raw()
    .all(...shown, ...shown)
  const order = ['ok', 'warn', 'error']
  const worst = new Map()
  for (const [entity, status] of latest) if (status && (!worst.has(entity) || order.indexOf(status) > order.indexOf(worst.get(entity)))) worst.set(entity, status)
  return {entities: shown.map((id) => ({id, status: worst.get(id) ?? null})), total: found.size}
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mon-bench-where-'))
  const file = KEEP ?? path.join(dir, 'monitor.db')
  try {
    const started = performance.now()
    if (!KEEP || !existsSync(KEEP)) await build(file)
    console.log(`built ${ENTITIES} entities × ${HISTORY} checks + 2 registries × ${PAIRS_PER_REGISTRY} pairs in ${Math.round(performance.now() - started)} ms`)
    const driver = await openReadOnly(file)
    const db = new Database(file, {readonly: true})
    for (const model of ['model-42', 'MODEL-42']) {
      const ours = {wall: [], cpu: []}
      const floor = {wall: [], cpu: []}
      let answers
      // Wall time and this process's CPU time: on a shared machine the second says more of the work.
      const timed = async (fn, into, keep) => {
        const [t, c] = [performance.now(), process.cpuUsage()]
        const value = await fn()
        const cpu = process.cpuUsage(c)
        if (keep) into.wall.push(performance.now() - t), into.cpu.push((cpu.user + cpu.system) / 1000)
        return value
      }
      for (let run = 0; run < RUNS + 2; run++) {
        // The first two runs warm up (JIT, page cache).
        const a = await timed(() => whereIsModelAnswer(driver, {model}), ours, run >= 2)
        const f = await timed(() => floorAnswer(db, model), floor, run >= 2)
        answers = {a, f}
      }
      const same = answers.a.total === answers.f.total && JSON.stringify(answers.a.entities.map((e) => [e.entity_id, e.status])) === JSON.stringify(answers.f.entities.map((e) => [e.id, e.status]))
      if (!same) throw new Error(`the answers differ for ${model}: ${JSON.stringify(answers.a).slice(0, 300)} vs ${JSON.stringify(answers.f).slice(0, 300)}`)
      const [o, f, oc, fc] = [median(ours.wall), median(floor.wall), median(ours.cpu), median(floor.cpu)]
      console.log(
        `${model} (${answers.a.match}, ${answers.a.total} entities): ours ${o.toFixed(1)} ms (min ${Math.min(...ours.wall).toFixed(1)}; CPU ${oc.toFixed(1)} ms), ` +
          `floor ${f.toFixed(1)} ms (min ${Math.min(...floor.wall).toFixed(1)}; CPU ${fc.toFixed(1)} ms), ratio ${(o / f).toFixed(2)}x (CPU ${(oc / fc).toFixed(2)}x); ` +
          `target < 100 ms: ${o < 100 ? 'met' : 'NOT met'}; load average ${loadavg()[0].toFixed(1)}`,
      )
    }
    db.close()
    await driver.close()
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

await main()
