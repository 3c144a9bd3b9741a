import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {openDriver} from '../../src/store/open.js'
import {snapshots} from './seed.js'
import {check} from './cli-check.js'
import {dumpDatabase, leaks, RELAXED, type HostileServer, startHostileServer} from './hostile.js'
import {mon, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {useSeededDbs} from '../support/migrated-db.js'

let server: HostileServer
beforeAll(async () => {
  server = await startHostileServer()
})
afterAll(async () => {
  await server.close()
})

const JSON_TYPE: Array<[string, string]> = [['content-type', 'application/json']]
const TEXT_TYPE: Array<[string, string]> = [['content-type', 'text/plain']]
/** C0 and C1 controls and DEL, except the line feed that separates output lines. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)
const ok = (n: number, tag: string) => Array.from({length: n}, (_, i) => ({id: `${tag}:ok:${i}`, kind: 'api' as const, url: server.serve(`/${tag}-ok-${i}`, {body: 'fine'}), check: RELAXED}))

/**
 * On both engines, what the store must take or give back as it was: a payload cut from JSON 7,000 levels deep, text that
 * held a NUL (PostgreSQL refuses one in text), an older row's control characters read back. On SQLite alone, what is
 * decided before anything is stored: a registry YAML refused unparsed, escapes in a fresh answer, the redaction of secrets.
 */
describe.each(ENGINES)('one hostile answer costs only its own check, on %s', (engine) => {
  const withDb = useSeededDbs()

  it('stores JSON 7,000 levels deep cut at a marker, judges it by the kind rule, and records every other check', async () => {
    const levels = deep(7000)
    const endpoints = [
      {id: 'd:list', kind: 'health' as const, url: server.serve('/deep-list', {headers: JSON_TYPE, body: levels}), check: RELAXED},
      {id: 'd:status', kind: 'health' as const, url: server.serve('/deep-status', {headers: JSON_TYPE, body: `{"status":${levels}}`}), check: RELAXED},
      {
        id: 'd:assert',
        kind: 'api' as const,
        url: server.serve('/deep-assert', {headers: JSON_TYPE, body: `{"a":${levels}}`}),
        check: {...RELAXED, json: [{path: 'a', equals: 1, severity: 'error' as const}]},
      },
      ...ok(10, 'd'),
    ]
    await withDb(engine, [{id: 'd', endpoints}], async (db) => {
      const r = await check(['--db', db, '--json'])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(2)
      const rows = await snapshots(db)
      expect(rows).toHaveLength(endpoints.length)
      const byId = new Map(rows.map((s) => [s.endpoint_id, s]))
      // A list is not a health document: judged on the status code, as any other body.
      expect(byId.get('d:list')).toMatchObject({status: 'ok'})
      expect(String(byId.get('d:list')!.payload_json)).toContain('[cut: nested deeper than 64 levels]')
      expect(byId.get('d:status')).toMatchObject({status: 'warn'})
      expect(String(byId.get('d:status')!.detail)).toMatch(/^unknown health status "\[\[\[\[/)
      expect(byId.get('d:assert')).toMatchObject({status: 'error'})
      expect(String(byId.get('d:assert')!.detail)).toMatch(/^a: expected 1, got \[\[\[\[/)
      expect(rows.filter((s) => s.status === 'ok')).toHaveLength(11)
    })
  })

  it('stores no NUL: a NUL byte in a metrics line becomes a visible \\u0000 in the detail', async () => {
    const endpoints = [
      {id: 'n:metrics', kind: 'metrics' as const, url: server.serve('/nul-metrics', {headers: TEXT_TYPE, body: 'up 1\nfoo \0bar\n'}), check: RELAXED},
      {id: 'n:text', kind: 'api' as const, url: server.serve('/nul-text', {headers: TEXT_TYPE, body: Buffer.from([0x61, 0x00, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x62])}), check: RELAXED},
      {id: 'n:json', kind: 'health' as const, url: server.serve('/nul-json', {headers: JSON_TYPE, body: '{"status":"up\\u0000\\ud800"}'}), check: RELAXED},
      ...ok(3, 'n'),
    ]
    await withDb(engine, [{id: 'n', endpoints}], async (db) => {
      const r = await check(['--db', db])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(2)
      const rows = await snapshots(db)
      expect(rows).toHaveLength(endpoints.length)
      const byId = new Map(rows.map((s) => [s.endpoint_id, s]))
      expect(byId.get('n:metrics')).toMatchObject({status: 'error'})
      expect(String(byId.get('n:metrics')!.detail)).toMatch(/^metrics line 2: invalid value "\\u0000bar" for foo \(200 OK in \d+ ms\)$/)
      for (const s of rows) {
        expect(String(s.detail)).not.toContain('\0')
        expect(String(s.payload_json)).not.toContain('\0')
      }
      expect(JSON.parse(String(byId.get('n:text')!.payload_json)).body).toBe('a\0\ufffd\ufffd\ufffd\ufffd\ufffdb')
      expect(r.stdout).not.toMatch(RAW_CONTROL)
    })
  })

  it('escapes control characters that an older row holds, in status and history', async () => {
    await withDb(engine, [{id: 'o', endpoints: [{id: 'o:api', kind: 'api', url: server.serve('/old-row', {body: 'fine'}), check: RELAXED}]}], async (db) => {
      const driver = await openDriver(db, {create: false})
      try {
        await driver.run('INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, payload_json, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          '0190a0a0-0000-7000-8000-000000000001',
          'o',
          'o:api',
          'error',
          'bad \u001b]52;c;ZXZpbA==\u0007 \u009b31m',
          '{}',
          1,
          new Date().toISOString(),
        ])
      } finally {
        await driver.close()
      }
      for (const args of [['status'], ['history', 'o:api']]) {
        const r = await mon([...args, '--db', db])
        expect(r.code, r.stderr).toBe(0)
        expect(r.stdout).toContain('bad \\u001b]52;c;ZXZpbA==\\u0007 \\u009b31m')
        expect(r.stdout).not.toMatch(RAW_CONTROL)
      }
    })
  })
})

describe('one hostile answer costs only its own check, before the store (sqlite)', () => {
  const engine = 'sqlite'
  const withDb = useSeededDbs()

  it('refuses a registry YAML nested too deep before parsing it: yaml would overflow the stack, and can take the process down', async () => {
    const base = tempDir('mon-deep-yaml-')
    writeFileSync(path.join(base.dir, 'flow.yaml'), deep(5000))
    writeFileSync(path.join(base.dir, 'block.yaml'), Array.from({length: 1000}, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n')
    writeFileSync(path.join(base.dir, 'fine.yaml'), 'models:\n  - id: a\n    tags: [x, {y: [1, 2]}]\n  - id: b\n')
    const registry = ['flow', 'block', 'fine'].map((name) => ({id: `registry:${name}`, path: `${name}.yaml`, format: 'yaml'}))
    try {
      await withDb(engine, [{id: 'y', endpoints: ok(2, 'y'), registry}], async (db) => {
        // Many times in one process: the fatal case came and went with what V8 had compiled before.
        for (let i = 0; i < 3; i++) {
          const r = await check(['--db', db, '--base-dir', base.dir, '--json'])
          expect(r.code, r.stderr).toBe(2)
        }
        const rows = await snapshots(db)
        expect(rows).toHaveLength(15)
        const latest = new Map(rows.map((s) => [s.registry_id ?? s.endpoint_id, s]))
        expect(latest.get('registry:flow')).toMatchObject({status: 'error', detail: 'flow.yaml: not valid YAML: nested deeper than 128 levels'})
        expect(latest.get('registry:block')).toMatchObject({status: 'error', detail: 'block.yaml: not valid YAML: nested deeper than 128 levels'})
        expect(latest.get('registry:fine')).toMatchObject({status: 'ok'})
      })
    } finally {
      base.cleanup()
    }
  })

  it('shows control characters from a remote answer as visible escapes, stored and printed, within 200 characters', async () => {
    const osc = '\u001b]0;pwned\u0007'
    const clipboard = '\u001b]52;c;ZXZpbA==\u0007'
    const base = tempDir('mon-hostile-registry-')
    writeFileSync(path.join(base.dir, 'reg.json'), `[1, ${osc}]`)
    const endpoints = [
      {id: 'c:title', kind: 'metrics' as const, url: server.serve('/osc-title', {headers: TEXT_TYPE, body: `up 1\n${osc} 1\n`}), check: RELAXED},
      {id: 'c:clip', kind: 'metrics' as const, url: server.serve('/osc-clip', {headers: TEXT_TYPE, body: `up 1\nx ${clipboard}\u009b\u007f\n`}), check: RELAXED},
      {id: 'c:long', kind: 'metrics' as const, url: server.serve('/osc-long', {headers: TEXT_TYPE, body: `${'\u001b'.repeat(60)}\n`}), check: RELAXED},
    ]
    try {
      await withDb(engine, [{id: 'c', endpoints, registry: [{id: 'registry:c', path: 'reg.json'}]}], async (db) => {
        const r = await check(['--db', db, '--base-dir', base.dir])
        expect(r.code).toBe(2)
        const rows = await snapshots(db)
        expect(rows).toHaveLength(4)
        const byId = new Map(rows.map((s) => [s.endpoint_id ?? s.registry_id, String(s.detail)]))
        expect(byId.get('c:title')).toMatch(/^metrics line 2: expected a metric name, got "\\u001b\]0;pwned\\u0007 1" \(200 OK/)
        expect(byId.get('c:clip')).toMatch(/^metrics line 2: invalid value "\\u001b\]52;c;ZXZpbA==\\u0007\\u009b\\u007f" for x \(200 OK/)
        // A registry parse error names the position, never the file's bytes: no escape sequence to show.
        expect(byId.get('registry:c')).toBe('reg.json: not valid JSON: unexpected character at line 1, column 5')
        const long = byId.get('c:long')!
        expect(long.length).toBeLessThanOrEqual(200)
        // Cut after escaping, never inside an escape.
        expect(long).toMatch(/(\\u001b)+…$/)
        for (const detail of byId.values()) expect(detail).not.toMatch(RAW_CONTROL)
        expect(r.stdout).not.toMatch(RAW_CONTROL)
        expect(r.stdout).toContain('\\u001b]0;pwned\\u0007')
      })
    } finally {
      base.cleanup()
    }
  })
})

describe('secrets never leave a check, whole or in pieces (sqlite: redaction happens before the store)', () => {
  const engine = 'sqlite'
  const withDb = useSeededDbs()
  const TOKEN = 'sk-live-TOPSECRET-0123456789'
  const KEY = 'k3y/with+special=chars&more'
  const b64 = (text: string) => Buffer.from(text).toString('base64')
  const b64url = (text: string) => Buffer.from(text).toString('base64url')
  const headers = {Authorization: 'Bearer ${PROBE_TOKEN}', 'X-Key': '${PROBE_KEY}'}
  const env = {PROBE_TOKEN: TOKEN, PROBE_KEY: KEY}
  /** Forms of the secrets that must not appear either. */
  const encoded = [
    b64(TOKEN).replace(/=+$/, ''),
    b64url(TOKEN),
    b64(KEY).replace(/=+$/, ''),
    b64url(KEY),
    encodeURIComponent(KEY),
    encodeURIComponent(KEY).toLowerCase(),
    // Inside the base64 of a longer value, at each of the three alignments.
    b64(`ab:${TOKEN}`).slice(4, 36),
    b64(`abc:${TOKEN}`).slice(6, 36),
    b64(`a:${TOKEN}`).slice(3, 36),
  ]

  const endpoints = () => [
    {
      id: 's:big',
      kind: 'api' as const,
      // The secret straddles the --max-payload cut (16 KiB).
      url: server.serve('/echo-big', ({headers: h}) => ({headers: TEXT_TYPE, body: `${'x'.repeat(16_384 - 20)}${h.authorization} and more`})),
      check: {...RELAXED, headers},
    },
    {
      id: 's:read-limit',
      kind: 'api' as const,
      // Read only to --max-payload: the body read ends inside the secret.
      url: server.serve('/echo-read-limit', ({headers: h}) => ({headers: TEXT_TYPE, body: `${'y'.repeat(16_384 - 17)}${h.authorization}${'z'.repeat(40_000)}`})),
      check: {...RELAXED, headers},
    },
    {
      id: 's:metrics',
      kind: 'metrics' as const,
      // The parser quotes the first 37 characters of a bad line: a piece of the secret.
      url: server.serve('/echo-metrics', ({headers: h}) => ({headers: TEXT_TYPE, body: `up 1\n----------------${h.authorization}\n`})),
      check: {...RELAXED, headers},
    },
    {
      id: 's:metrics-split',
      kind: 'metrics' as const,
      // The parser splits the line where the name ends: "after sk, got "-live-…"" holds no whole secret to find afterwards.
      url: server.serve('/echo-metrics-split', ({headers: h}) => ({headers: TEXT_TYPE, body: `up 1\n${h.authorization!.slice('Bearer '.length)}\n`})),
      check: {...RELAXED, headers},
    },
    {
      id: 's:assert',
      kind: 'api' as const,
      // The assertion quotes the first 57 characters of the value found.
      url: server.serve('/echo-assert', ({headers: h}) => ({headers: JSON_TYPE, body: JSON.stringify({auth: `${'.'.repeat(30)} ${h.authorization}`})})),
      check: {...RELAXED, headers, json: [{path: 'auth', equals: 'x', severity: 'warn' as const}]},
    },
    {
      id: 's:encoded',
      kind: 'api' as const,
      url: server.serve('/echo-encoded', () => ({
        headers: [...TEXT_TYPE, ['server', `Bearer ${TOKEN}`], ['etag', `"${b64(TOKEN)}"`]] as Array<[string, string]>,
        body: [b64(TOKEN), b64url(TOKEN), b64(KEY), b64url(KEY), encodeURIComponent(KEY), encodeURIComponent(KEY).toLowerCase(), KEY.replaceAll('/', '\\/'),
          `Basic ${b64(`ab:${TOKEN}`)}`, `Basic ${b64(`abc:${TOKEN}`)}`, `Basic ${b64(`a:${TOKEN}`)}`].join('\n'),
      })),
      check: {...RELAXED, headers},
    },
    {
      id: 's:status',
      kind: 'health' as const,
      url: server.serve('/echo-status', ({headers: h}) => ({status: 503, headers: JSON_TYPE, body: JSON.stringify({status: h.authorization, key: h['x-key']})})),
      check: {...RELAXED, headers},
    },
  ]

  it('redacts every form before any cut, and a piece left at a cut, in the database and in every output', async () => {
    const base = tempDir('mon-secret-report-')
    // A registry file is read with no secret sent, yet a run's secret found in one is hidden too: V8 quotes the text it could not parse.
    writeFileSync(path.join(base.dir, 'leaky.json'), `${TOKEN}${TOKEN}`)
    await withDb(engine, [{id: 's', endpoints: endpoints(), registry: [{id: 'registry:s', path: 'leaky.json'}]}], async (db) => {
      try {
        const outputs: string[] = []
        const r = await check(['--db', db, '--json', '--base-dir', base.dir], {env})
        expect(r.code).toBe(2)
        outputs.push(r.stdout, r.stderr)
        const text = await check(['--db', db, '--base-dir', base.dir], {env})
        outputs.push(text.stdout, text.stderr)
        const rows = await snapshots(db)
        expect(rows).toHaveLength(2 * (endpoints().length + 1))
        expect(rows.find((s) => s.registry_id === 'registry:s')!.detail).toBe('leaky.json: not valid JSON: unexpected character at line 1, column 1')
        expect(rows.find((s) => s.endpoint_id === 's:metrics-split')!.detail).toMatch(/^metrics line 2: expected a metric name, got "\[redacted\]"/)
        // Redacted, not dropped: the cut body still says where the secret was.
        const big = rows.find((s) => s.endpoint_id === 's:big')!
        expect(JSON.parse(String(big.payload_json))).toMatchObject({truncated: true})
        expect(String(big.payload_json)).toContain('Bearer [redacted]')
        for (const args of [['status'], ['status', '--json'], ...endpoints().flatMap((e) => [['history', e.id], ['history', e.id, '--json']])]) {
          const out = await mon([...args, '--db', db])
          expect(out.code, out.stderr).toBe(0)
          outputs.push(out.stdout, out.stderr)
        }
        const page = path.join(base.dir, 'status.html')
        expect((await mon(['report', '--out', page, '--db', db])).code).toBe(0)
        outputs.push(readFileSync(page, 'utf8'))
        const everything = [await dumpDatabase(db), ...outputs].join('\n')
        expect(leaks(everything, TOKEN)).toEqual([])
        expect(leaks(everything, KEY)).toEqual([])
        for (const form of encoded) expect(everything, form).not.toContain(form)
      } finally {
        base.cleanup()
      }
    })
  })

  it('warns when a ${VAR} value is too short to redact safely', async () => {
    const url = server.serve('/short-secret', {body: 'fine'})
    await withDb(engine, [{id: 'w', endpoints: [{id: 'w:api', kind: 'api', url, check: {...RELAXED, headers: {'X-Pin': '${PROBE_PIN}'}}}]}], async (db) => {
      const r = await check(['--db', db, '--json'], {env: {PROBE_PIN: 'abc'}})
      expect(r.code).toBe(1)
      const [result] = JSON.parse(r.stdout).results
      expect(result).toMatchObject({status: 'warn'})
      expect(result.detail).toMatch(/^a \$\{VAR\} value of 3 characters is too short to redact safely \(at least 4\) \(200 OK in \d+ ms\)$/)
    })
  })
})
