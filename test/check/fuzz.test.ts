import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {EndpointKind} from '../../src/config/model.js'
import {snapshots} from './seed.js'
import {check} from './cli-check.js'
import {dumpDatabase, type HostileAnswer, leaks, type HostileServer, startHostileServer} from './hostile.js'
import {mon, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {useSeededDbs} from '../support/migrated-db.js'

/**
 * The acceptance test of "one bad endpoint never costs a run, no secret
 * leaks": generated hostile answers (deep JSON, NUL, invalid UTF-8, control
 * characters, huge headers, the check's secrets echoed raw or encoded, around
 * the --max-payload cut) and hostile registry files, from a real local server
 * and real files. Every run records one snapshot per target, never exits 3
 * because of a target, and no 6-character piece of a secret is found in a
 * dump of every table or in any output.
 */

/** Each run's database: new and migrated, without running the migrations for every one of the runs. */
const withDb = useSeededDbs()

let server: HostileServer
let base: {dir: string; cleanup: () => void}
beforeAll(async () => {
  server = await startHostileServer()
  base = tempDir('mon-fuzz-')
})
afterAll(async () => {
  await server.close()
  base.cleanup()
})

/** No letter of a hex digit, so that a secret's piece cannot turn up by chance inside a UUID or a hash. */
const SECRET_UNIT = fc.constantFrom(...'GHJKLMNPQRSTUVWXYZghjkmnpqrstuvwxyz', '/', '+', '=', '&', '%', '"', '\\', ':', '~', ' ')
const secretArb = fc.string({unit: SECRET_UNIT, minLength: 8, maxLength: 40}).filter((s) => s.trim() === s && /[G-Zg-z].*[G-Zg-z].*[G-Zg-z]/.test(s) && !/(.)\1\1/.test(s))

/** One piece of a hostile body: text, bytes, or a secret in one of the forms a server could echo it. */
type Piece = {text: string} | {bytes: number[]} | {secret: 0 | 1; form: 'raw' | 'json' | 'b64' | 'b64url' | 'url' | 'basic'; user: string}

const b64 = (s: string) => Buffer.from(s).toString('base64')
const FORMS: Record<Extract<Piece, {secret: number}>['form'], (s: string, user: string) => string> = {
  raw: (s) => s,
  json: (s) => JSON.stringify(s).slice(1, -1),
  b64: (s) => b64(s),
  b64url: (s) => Buffer.from(s).toString('base64url'),
  url: (s) => encodeURIComponent(s),
  basic: (s, user) => `Basic ${b64(`${user}:${s}`)}`,
}

const CONTROL_UNIT = fc.constantFrom('\0', '\u001b', ']', '0', ';', '\u0007', '\u009b', '\u007f', '\ud800', '\udc00', 'a', ' ', '\n', '{', '"', '\\', '5', '2', 'c')
const pieceArb: fc.Arbitrary<Piece> = fc.oneof(
  fc.record({text: fc.string({unit: CONTROL_UNIT, maxLength: 60})}),
  fc.record({bytes: fc.array(fc.integer({min: 0, max: 255}), {maxLength: 64})}),
  fc.record({secret: fc.constantFrom(0 as const, 1 as const), form: fc.constantFrom('raw', 'json', 'b64', 'b64url', 'url', 'basic'), user: fc.constantFrom('', 'a', 'ab', 'abc', 'user')}),
  // Padding that puts what follows around the --max-payload cut (16 KiB).
  fc.integer({min: 16_300, max: 16_384}).map((n) => ({text: 'p'.repeat(n)})),
  fc.record({text: fc.constantFrom('up 1\n', '# TYPE x counter\n', '{"status":"', '"}', '{"data":[', ']}', '\n-------')}),
)

const bodyArb = fc.oneof(
  {weight: 4, arbitrary: fc.array(pieceArb, {maxLength: 8}).map((pieces) => ({pieces}))},
  {weight: 1, arbitrary: fc.record({deep: fc.integer({min: 100, max: 9000}), open: fc.constantFrom('[', '{"a":', '{"status":[')})},
)

const answerArb = fc.record({
  kind: fc.constantFrom<EndpointKind>('api', 'health', 'models', 'metrics'),
  status: fc.constantFrom(200, 200, 200, 204, 404, 500, 503),
  contentType: fc.constantFrom('application/json', 'text/plain', 'text/plain; version=0.0.4', undefined),
  body: bodyArb,
  /** Response headers: echoed secrets in headers mon stores (server, etag) and one it never stores (set-cookie), or a huge one. */
  headers: fc.array(fc.record({name: fc.constantFrom('server', 'etag', 'set-cookie', 'x-big'), piece: pieceArb, size: fc.integer({min: 0, max: 40_000})}), {maxLength: 3}),
  reason: fc.oneof(fc.constant('OK'), fc.string({unit: CONTROL_UNIT, maxLength: 20}), fc.constant('SECRET')),
  assert: fc.option(fc.constantFrom('status', 'a', 'data.0', 'x.y'), {nil: undefined}),
})

const registryArb = fc.record({
  format: fc.constantFrom('json', 'yaml'),
  body: bodyArb,
  url: fc.boolean(),
})

function render(pieces: readonly Piece[], secrets: readonly string[]): Buffer {
  return Buffer.concat(
    pieces.map((p) => ('text' in p ? Buffer.from(p.text, 'utf8') : 'bytes' in p ? Buffer.from(p.bytes) : Buffer.from(FORMS[p.form](secrets[p.secret]!, p.user), 'utf8'))),
  )
}

type BodySpec = {pieces: Piece[]} | {deep: number; open: string}
type AnswerSpec = typeof answerArb extends fc.Arbitrary<infer A> ? A : never
type RegistrySpec = typeof registryArb extends fc.Arbitrary<infer R> ? R : never

function bodyOf(body: BodySpec, secrets: readonly string[]): Buffer {
  if ('deep' in body) return Buffer.from(body.open.repeat(body.deep) + (body.open === '[' ? ']' : body.open === '{"a":' ? '1}' : ']}').repeat(body.deep))
  return render(body.pieces, secrets)
}

/** Header bytes are sent as latin1: anything else (a line break included) is left to the HTTP parser to refuse. */
const headerText = (bytes: Buffer) => bytes.toString('latin1').replace(/[\r\n]/g, ' ')

let run = 0

async function oneRun(engine: 'sqlite' | 'postgres', secrets: [string, string], answers: AnswerSpec[], registries: RegistrySpec[]) {
  const tag = `f${run++}`
  const env = {FUZZ_TOKEN: secrets[0], FUZZ_KEY: secrets[1]}
  const headers = {Authorization: 'Bearer ${FUZZ_TOKEN}', 'X-Key': '${FUZZ_KEY}'}
  const endpoints = answers.map((a, i) => {
    const answer: HostileAnswer = {
      status: a.status,
      reason: a.reason === 'SECRET' ? secrets[0] : a.reason,
      headers: [
        ...(a.contentType ? [['content-type', a.contentType] as [string, string]] : []),
        ...a.headers.map(({name, piece, size}) => [name, name === 'x-big' ? 'b'.repeat(size) : headerText(render([piece], secrets))] as [string, string]),
      ],
      body: bodyOf(a.body, secrets),
    }
    return {
      id: `${tag}:e${i}`,
      kind: a.kind,
      url: server.serve(`/${tag}/e${i}`, answer),
      check: {timeout: 5000, degraded_after: 5000, headers, json: a.assert ? [{path: a.assert, equals: 'x', severity: 'error' as const}] : []},
    }
  })
  const registry = registries.map((r, i) => {
    const body = bodyOf(r.body, secrets)
    if (r.url) return {id: `registry:${tag}:${i}`, path: server.serve(`/${tag}/r${i}`, {body}), format: r.format}
    const file = `${tag}-r${i}.${r.format}`
    writeFileSync(path.join(base.dir, file), body)
    return {id: `registry:${tag}:${i}`, path: file, format: r.format}
  })
  await withDb(engine, [{id: tag, endpoints, registry}], async (db) => {
    const r = await check(['--db', db, '--json', '--base-dir', base.dir], {env})
    expect([0, 1, 2], `exit ${r.code}: ${r.stderr}`).toContain(r.code)
    expect(r.stderr).toBe('')
    const rows = await snapshots(db)
    expect(rows).toHaveLength(endpoints.length + registry.length)
    const status = await mon(['status', '--db', db])
    const text = await check(['--db', db, '--base-dir', base.dir], {env})
    expect([0, 1, 2]).toContain(text.code)
    const dump = await dumpDatabase(db)
    expect(dump).not.toContain('\0')
    const everything = [dump, r.stdout, r.stderr, status.stdout, status.stderr, text.stdout, text.stderr].join('\n')
    for (const secret of secrets) expect(leaks(everything, secret), secret).toEqual([])
    for (const out of [r.stdout, status.stdout, text.stdout]) expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
  })
}

/** A few runs in the suite (about 10 s); MON_FUZZ_RUNS=500 for a long hunt. */
const runs = (engine: string) => Number(process.env.MON_FUZZ_RUNS ?? (engine === 'sqlite' ? 25 : 5))
/**
 * The suite replays the same inputs every time (a failure in CI is then a
 * failure on every machine); a hunt draws new ones unless MON_FUZZ_SEED pins
 * them. fast-check prints the seed and path of any failure, to replay it.
 */
const seed = process.env.MON_FUZZ_SEED !== undefined ? Number(process.env.MON_FUZZ_SEED) : process.env.MON_FUZZ_RUNS !== undefined ? undefined : 20261201

describe.each(ENGINES)('fuzz: hostile answers and registry files, on %s', (engine) => {
  it('never costs the run, always one snapshot per target, never a piece of a secret', {timeout: 30_000 + runs(engine) * 3000}, async () => {
    mkdirSync(base.dir, {recursive: true})
    await fc.assert(
      fc.asyncProperty(fc.tuple(secretArb, secretArb), fc.array(answerArb, {minLength: 1, maxLength: 6}), fc.array(registryArb, {maxLength: 2}), async (secrets, answers, registries) => {
        await oneRun(engine, secrets, answers, registries)
      }),
      {numRuns: runs(engine), ...(seed === undefined ? {} : {seed})},
    )
  })
})
