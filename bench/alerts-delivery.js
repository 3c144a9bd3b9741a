#!/usr/bin/env node
// 1,000 alerts opening at once, delivered: how long `mon check` takes to send
// them, for a webhook notifier (one POST each, 16 in flight) and an
// Alertmanager one (one batched POST), against bench/alert-receiver.js (its
// own process, 202 after 5 ms). 1,000 health endpoints answer 500 (/fail/N,
// `after: 1`); one `mon check --no-notify` queues 1,000 opens into a seed
// database. Each round copies the seed twice and runs, alternated,
//   mon check --only ok:health --no-notify   (the same run, nothing sent)
//   mon check --only ok:health               (delivers all 1,000)
// and takes the difference of the run times mon prints: the delivery. The
// floor is the same POSTs (the same bodies) by raw undici at the same
// concurrency from this process; for Alertmanager, one POST of the batch.
// Target: the 10 s delivery bound plus a small margin (<= 11 s).
//   node bench/alerts-delivery.js [--runs 3] [--alerts 1000]
import {copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'better-sqlite3'
import {Agent} from 'undici'

import {alertFleetConfig, alertLines, startServers} from './alerts-fleet.js'
import {BIN, DATA_DIR, env} from './history-data.js'
import {measure, median} from './process.js'

const option = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback)
const ALERTS = option('--alerts', 1000)
const RUNS = option('--runs', 3)
const IN_FLIGHT = 16
const BOUND_S = 10
const MARGIN_S = 1

async function mon(args) {
  const r = await measure(process.execPath, [BIN, ...args], {env: env()})
  // 1, 2: a check warned (slow under load) or failed, as all but one do here.
  if (![0, 1, 2].includes(r.code)) throw new Error(`mon ${args.join(' ')} exited ${r.code}: ${r.stderr || r.stdout.slice(-400)}`)
  const summary = /Checked (\d+): .* in ([\d.]+) s\./.exec(r.stdout)
  return {...r, runSeconds: summary ? Number(summary[2]) : Number.NaN, lines: alertLines(r.stderr)}
}

function copyDb(from, to) {
  for (const suffix of ['-wal', '-shm']) rmSync(to + suffix, {force: true})
  copyFileSync(from, to)
  if (existsSync(from + '-wal')) copyFileSync(from + '-wal', to + '-wal')
}

const messages = (db) => {
  const d = new Database(db, {readonly: true})
  try {
    return d.prepare("SELECT message_json FROM notifications WHERE state = 'pending'").pluck().all().map((m) => JSON.parse(m))
  } finally {
    d.close()
  }
}

/** The floor: the same request bodies POSTed by raw undici, `IN_FLIGHT` at a time on one keep-alive Agent; seconds. */
async function floor(url, bodies) {
  const agent = new Agent({connections: IN_FLIGHT})
  const started = performance.now()
  let next = 0
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]
      const res = await agent.request({origin: url.origin, path: url.pathname, method: 'POST', headers: {'content-type': 'application/json'}, body, signal: AbortSignal.timeout(BOUND_S * 1000)})
      await res.body.dump()
      if (res.statusCode !== 202) throw new Error(`floor: HTTP ${res.statusCode}`)
    }
  }
  await Promise.all(Array.from({length: Math.min(IN_FLIGHT, bodies.length)}, worker))
  const seconds = (performance.now() - started) / 1000
  await agent.close()
  return seconds
}

const webhookBodies = (ms) => ms.map((m) => JSON.stringify({version: '1', event: m.event, alert: m.alert, entity: m.entity}))
const alertmanagerBodies = (ms) => {
  const endsAt = new Date(Date.now() + 4 * 60_000).toISOString()
  const alerts = ms.map(({alert: a}) => ({
    labels: {alertname: 'mon', alert_id: a.id, target_id: a.target_id, entity_id: a.entity_id, severity: 'critical'},
    annotations: {summary: `${a.entity_id}/${a.target_id}: ${a.status}`, description: a.detail},
    startsAt: a.opened_at,
    endsAt,
  }))
  // mon claims at most ROUND notifications a round (a claim must outlive its round), so Alertmanager gets one POST per round: the floor posts the same.
  const out = []
  for (let i = 0; i < alerts.length; i += ROUND) out.push(JSON.stringify(alerts.slice(i, i + ROUND)))
  return out
}

/** Notifications claimed per round: 16 in flight × 5 whole 10 s bounds inside a 60 s claim (src/notify/deliver-pending.ts roundLimit). */
const ROUND = 80

const CASES = [
  {type: 'webhook', path: '/hook', posts: ALERTS, bodies: webhookBodies, floorName: `${ALERTS} POSTs, ${IN_FLIGHT} in flight`},
  {type: 'alertmanager', path: '', posts: Math.ceil(ALERTS / 80), bodies: alertmanagerBodies, floorName: `${Math.ceil(ALERTS / 80)} POSTs of up to 80 alerts`},
]

const servers = await startServers()
const results = []
try {
  for (const c of CASES) {
    const dir = path.join(DATA_DIR, `alerts-delivery-${c.type}`)
    rmSync(dir, {recursive: true, force: true})
    mkdirSync(dir, {recursive: true})
    const config = path.join(dir, 'monitors.yaml')
    const notifier = {id: c.type === 'webhook' ? 'hook' : 'am', type: c.type, url: `${servers.receiverUrl}${c.path}`}
    writeFileSync(config, alertFleetConfig({endpoints: ALERTS, checkUrl: servers.checkUrl, route: (n) => `/fail/${n}`, notifier, okTarget: true}))
    const seed = path.join(dir, 'seed.db')
    await mon(['apply', '--db', seed, '--config', config])
    const queued = await mon(['check', '--db', seed, '--config', config, '--concurrency', '100', '--no-notify'])
    if (queued.lines.opened !== ALERTS || queued.lines.queued !== ALERTS) throw new Error(`${c.type}: the seed run queued ${queued.lines.queued}: ${queued.stderr.slice(-300)}`)
    const bodies = c.bodies(messages(seed))
    const r = {type: c.type, floorName: c.floorName, deliveries: [], baselines: [], totals: [], floors: [], requests: 0}
    for (let round = 0; round < RUNS; round++) {
      const sides = [
        {name: 'baseline', db: path.join(dir, 'baseline.db'), args: ['--no-notify']},
        {name: 'delivery', db: path.join(dir, 'delivery.db'), args: []},
      ]
      for (const s of round % 2 === 0 ? sides : [...sides].reverse()) {
        copyDb(seed, s.db)
        await servers.received({reset: true})
        const m = await mon(['check', '--db', s.db, '--config', config, '--only', 'ok:health', ...s.args])
        const got = await servers.received()
        if (s.name === 'baseline') {
          if (got.requests !== 0) throw new Error(`${c.type}: the --no-notify run sent ${got.requests} requests`)
          r.baselines.push(m.runSeconds)
          continue
        }
        if (m.lines.sent !== ALERTS || got.alerts !== ALERTS || got.requests !== c.posts) {
          throw new Error(`${c.type}: ${m.lines.sent} sent, the receiver got ${got.alerts} alerts in ${got.requests} requests: ${m.stderr.slice(-300)}`)
        }
        r.requests = got.requests
        r.totals.push(m.runSeconds)
      }
      r.deliveries.push(r.totals.at(-1) - r.baselines.at(-1))
      r.floors.push(await floor(new URL(`${servers.receiverUrl}${c.path === '' ? '/api/v2/alerts' : c.path}`), bodies))
    }
    results.push(r)
  }
} finally {
  servers.stop()
}

const ms = (s) => `${Math.round(s * 1000).toLocaleString('en')} ms`
const load = os.loadavg().map((x) => x.toFixed(1)).join(' ')
console.log(`\n${ALERTS} alerts opening at once, delivered by the next mon check (the run time it prints, less the same run with --no-notify), median of ${RUNS} rounds; receiver 202 after 5 ms; load average now ${load}:`)
console.log('| notifier | requests | delivery (ours) | the run with it | floor (raw undici) | ratio | target |')
console.log('|---|---|---|---|---|---|---|')
for (const r of results) {
  const ours = median(r.deliveries)
  const met = ours <= BOUND_S + MARGIN_S ? 'met' : 'not met'
  console.log(`| ${r.type} | ${r.requests} | ${ms(ours)} | ${ms(median(r.totals))} (baseline ${ms(median(r.baselines))}) | ${ms(median(r.floors))} (${r.floorName}) | **${(ours / median(r.floors)).toFixed(2)}x** | <= ${BOUND_S + MARGIN_S} s: ${met} |`)
}
for (const r of results) console.log(`${r.type} rounds: delivery ${r.deliveries.map(ms).join(', ')}; floor ${r.floors.map(ms).join(', ')}`)
