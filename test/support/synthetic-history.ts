/**
 * A generated fleet and its history, deterministic, for bench/history.js (up
 * to 1,000 endpoints × 30 days, streamed) and the cross-engine test (a dozen
 * targets × a few days). The rows are shaped as `mon check` writes them
 * (src/check/run.ts, judge.ts): UUIDv7 ids in time order, ISO times with
 * milliseconds, a payload of about 250 bytes, phases adding up to the latency.
 *
 * The mix: mostly ok; warn on a check slower than degraded_after (1 s) and in
 * slow spells; error in outages (connection refused: no latency) and as rare
 * 503s; latencies from 1 ms to several seconds (a spread of endpoints, a
 * log-normal jitter and rare spikes). Gaps: the monitoring host misses a few
 * cron runs now and then (no target is checked), some targets stop being
 * checked for hours, and some start late.
 */
import type {SnapshotRow} from '../../src/rows.js'

export interface FleetShape {
  /** HTTP endpoints, four per entity (health, api, models, metrics), the last entity possibly fewer. */
  endpoints: number
  /** Registry entries, one each on the first entities. */
  registry?: number
  days: number
  /** The history ends just before this time (ms): the bench's and the test's "now". */
  end: number
  /** One check of every target per interval: cron's `* * * * * mon check`. */
  intervalMs?: number
  seed?: number
}

export const KINDS = ['health', 'api', 'models', 'metrics'] as const
const BASE_MS: Record<string, number> = {health: 4, api: 40, models: 15, metrics: 9, registry: 0.4}
const DEGRADED_AFTER_MS = 1000
const HOUR = 3_600_000

export interface FleetTarget {
  id: string
  entity_id: string
  table: 'endpoints' | 'registry_index'
  kind: string
  /** Its position in the fleet: where its URL points (`/e/N`) and what its behaviour derives from. */
  n: number
}

const entityId = (e: number) => `svc-${String(e).padStart(4, '0')}`

export function fleetTargets(shape: FleetShape): FleetTarget[] {
  const targets: FleetTarget[] = []
  for (let n = 0; n < shape.endpoints; n++) {
    const kind = KINDS[n % KINDS.length]!
    const entity = entityId(Math.floor(n / KINDS.length))
    targets.push({id: `${entity}:${kind}`, entity_id: entity, table: 'endpoints', kind, n})
  }
  for (let r = 0; r < (shape.registry ?? 0); r++) {
    const entity = entityId(r)
    targets.push({id: `registry:${entity}`, entity_id: entity, table: 'registry_index', kind: 'registry', n: shape.endpoints + r})
  }
  return targets
}

export interface FleetConfigOptions {
  /** Where the endpoints point: `${baseUrl}/e/N` (bench/check-server.js answers there). */
  baseUrl: string
  /** A registry file beside the config, for the registry entries. */
  registryPath?: string
  /** Write `interval` and `slo:` settings (once the schedules fields exist). */
  schedules?: boolean
}

/** The monitors.yaml that `mon apply` turns into the fleet's inventory. */
export function fleetConfig(shape: FleetShape, options: FleetConfigOptions): string {
  const lines = ['version: 1', 'defaults:', '  check:', '    timeout: 5s', `    degraded_after: ${DEGRADED_AFTER_MS}ms`]
  if (options.schedules) lines.push(`    interval: ${(shape.intervalMs ?? 60_000) / 1000}s`)
  lines.push('entities:')
  const targets = fleetTargets(shape)
  const entities = [...new Set(targets.map((t) => t.entity_id))].sort()
  for (const [e, entity] of entities.entries()) {
    lines.push(`  - id: ${entity}`, `    type: ${e % 5 === 0 ? 'backend' : 'service'}`, `    label: Service ${e}`, `    owner: team-${e % 7}`)
    // Every third entity has an SLO for all its targets; every fifth endpoint one of its own (below).
    if (options.schedules && e % 3 === 0) lines.push('    slo:', `      target: ${e % 2 === 0 ? '99.5%' : '0.99'}`, '      window: 7d', ...(e % 6 === 0 ? ['      latency_p95: 800ms'] : []))
    const endpoints = targets.filter((t) => t.entity_id === entity && t.table === 'endpoints')
    if (endpoints.length > 0) lines.push('    endpoints:')
    for (const t of endpoints) {
      lines.push(`      - kind: ${t.kind}`, `        url: ${options.baseUrl}/e/${t.n}`)
      if (options.schedules && t.n % 5 === 1) lines.push('        slo:', '          target: 90%', '          window: 1d')
    }
    const registry = targets.filter((t) => t.entity_id === entity && t.table === 'registry_index')
    if (registry.length > 0) {
      if (!options.registryPath) throw new Error('fleetConfig: registry entries need a registryPath')
      lines.push('    registry:')
      for (const _ of registry) lines.push(`      - path: ${options.registryPath}`, '        authority: bench-registry')
    }
  }
  return `${lines.join('\n')}\n`
}

/** A small fast PRNG (mulberry32), so that every run holds the same history. */
export function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A UUIDv7 from the time and a sequence number instead of random bits: unique, in time order, and the same every run. */
function uuidv7At(ms: number, seq: number): string {
  const time = ms.toString(16).padStart(12, '0')
  const tail = seq.toString(16).padStart(18, '0')
  return `${time.slice(0, 8)}-${time.slice(8)}-7${tail.slice(0, 3)}-8${tail.slice(3, 6)}-${tail.slice(6)}`
}

/** What one target is like over the whole history: derived from its position, so the same in every run. */
interface Behaviour {
  scale: number
  /** A stretch of ticks where it is not checked at all (a stopped shard, an --only run), or none. */
  gap: [number, number] | null
  /** The first tick it is checked at (added late), 0 for most. */
  from: number
  /** Slow spells: every `slowEvery` ticks, for `slowFor` ticks, latency × 6. */
  slowEvery: number
  slowFor: number
}

function behaviourOf(n: number, ticks: number): Behaviour {
  // Per-endpoint spread: most near their kind's base, a few 10-50× slower.
  const scale = n % 17 === 3 ? 30 : n % 11 === 5 ? 8 : 1 + (n % 7) * 0.35
  const gap: [number, number] | null = n % 7 === 2 ? [Math.floor(ticks * ((n % 5) / 6 + 0.05)), Math.floor(ticks * ((n % 5) / 6 + 0.05)) + 180 + (n % 4) * 60] : null
  return {scale, gap, from: n % 13 === 6 ? Math.floor(ticks / 4) : 0, slowEvery: 2880 + (n % 9) * 97, slowFor: n % 3 === 0 ? 90 : 0}
}

/**
 * Every snapshot of the history, in time order (one cron run at a time). A
 * generator: nothing is kept, so 43 million rows take no memory, and a writer
 * may await between its batches.
 */
export function* generateSnapshots(shape: FleetShape): Generator<SnapshotRow> {
  const interval = shape.intervalMs ?? 60_000
  const ticks = Math.floor((shape.days * 24 * HOUR) / interval)
  const targets = fleetTargets(shape)
  const behaviours = targets.map((t) => behaviourOf(t.n, ticks))
  const outageUntil = new Int32Array(targets.length).fill(-1)
  const random = prng(shape.seed ?? 12)
  // The last run starts a little under a minute before the end; a run's checks spread over its first second.
  const first = Math.floor(shape.end / interval) * interval - ticks * interval + 300
  let seq = 0
  let hostDownUntil = -1
  for (let tick = 0; tick < ticks; tick++) {
    // The monitoring host: about once a day, a few cron runs missed by everyone.
    if (tick > hostDownUntil && random() < 1 / 1440) hostDownUntil = tick + 2 + Math.floor(random() * 25)
    if (tick <= hostDownUntil) continue
    const runAt = first + tick * interval + Math.floor(random() * 200)
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i]!
      const b = behaviours[i]!
      if (tick < b.from || (b.gap && tick >= b.gap[0] && tick < b.gap[1])) continue
      const t = runAt + 5 + ((i * 7) % 900) + Math.floor(random() * 40)
      if (outageUntil[i]! < tick && random() < 1 / 3000) outageUntil[i] = tick + 5 + Math.floor(random() * 80)
      const r = random()
      const slow = b.slowFor > 0 && tick % b.slowEvery < b.slowFor
      yield snapshot(target, t, uuidv7At(t, seq++), outageUntil[i]! >= tick, r, slow ? b.scale * 6 : b.scale, random)
    }
  }
}

// Formatting a Date is most of a row's cost: both texts change once a second, so each is made once a second.
let cachedSecond = Number.NaN
let isoPrefix = ''
let httpDate = ''
function times(t: number): {iso: string; date: string} {
  const second = Math.floor(t / 1000)
  if (second !== cachedSecond) {
    const d = new Date(second * 1000)
    cachedSecond = second
    isoPrefix = d.toISOString().slice(0, 20)
    httpDate = d.toUTCString()
  }
  return {iso: `${isoPrefix}${String(t - second * 1000).padStart(3, '0')}Z`, date: httpDate}
}

function snapshot(target: FleetTarget, t: number, id: string, down: boolean, r: number, scale: number, random: () => number): SnapshotRow {
  const {iso: observed_at, date} = times(t)
  // One literal per row, not a spread of a shared base: V8 makes spread copies ten times slower here.
  const row = (status: SnapshotRow['status'], detail: string, latency_ms: number | null, phases_ms_json: string | null, payload_json: string): SnapshotRow => ({
    id,
    entity_id: target.entity_id,
    endpoint_id: target.table === 'endpoints' ? target.id : null,
    registry_id: target.table === 'registry_index' ? target.id : null,
    status,
    detail,
    payload_json,
    latency_ms,
    phases_ms_json,
    observed_at,
  })
  if (target.table === 'registry_index') {
    const latency = round2(BASE_MS.registry! * (1 + random()))
    return row('ok', '3 entries', latency, null, `{"latency_ms":${latency},"entries":3,"bytes":412}`)
  }
  if (down || r < 0.0008) {
    const detail = 'connect ECONNREFUSED 127.0.0.1:8000'
    return row('error', detail, null, null, `{"latency_ms":null,"attempts":1,"error":"${detail}"}`)
  }
  // Log-normal jitter around the endpoint's base, and a rare spike of 10-100×.
  const jitter = Math.exp(0.45 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()))
  const spike = r > 0.9985 ? 10 + 90 * random() : 1
  const latency = round2(Math.max(0.3, BASE_MS[target.kind]! * scale * jitter * spike))
  const code = r < 0.0014 ? 503 : 200
  const status = code !== 200 ? 'error' : latency > DEGRADED_AFTER_MS ? 'warn' : 'ok'
  const ms = Math.round(latency)
  const detail = code !== 200 ? 'expected 2xx, got 503' : status === 'warn' ? `200 OK in ${ms} ms, slower than ${DEGRADED_AFTER_MS} ms` : `200 OK in ${ms} ms`
  const connect = round2(Math.min(latency * 0.1, 0.6 + random() * 0.5))
  const transfer = round2(Math.min(latency * 0.05, 0.2 + random() * 0.3))
  const phases = `{"resolve":0,"connect":${connect},"tls":0,"processing":${round2(latency - connect - transfer)},"transfer":${transfer}}`
  const body = code === 200 ? '{"status":"ok"}' : '"Service Unavailable"'
  const payload = `{"latency_ms":${latency},"attempts":1,"phases_ms":${phases},"http_status":${code},"headers":{"content-type":"application/json","content-length":"15","date":"${date}"},"bytes":15,"body":${body},"truncated":false}`
  return row(status, detail, latency, phases, payload)
}

const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * Rows of one target with the same key have payloads that differ only in
 * their timings (latency_ms, phases_ms, the Date header, always the observed
 * second): what the store leaves out of a payload's body since migration 0012.
 */
export function payloadKey(row: SnapshotRow): string {
  return `${row.endpoint_id ?? row.registry_id}\u0000${row.status === 'error' ? row.detail : 'answered'}`
}
