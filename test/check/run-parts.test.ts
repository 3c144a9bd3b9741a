import {describe, expect, it} from 'vitest'

import {BatchWriter} from '../../src/check/batch-writer.js'
import {parseByteSize} from '../../src/check/byte-size.js'
import {progressBar} from '../../src/check/progress.js'
import {countEntries} from '../../src/check/registry-format.js'
import {selectTargets} from '../../src/check/select.js'
import {inShard, parseShard, shardOf} from '../../src/check/shard.js'
import {BUILTIN_CHECK} from '../../src/config/model.js'
import type {ActiveTargets} from '../../src/check/targets.js'

describe('shards', () => {
  it('parses K/N, 1-based', () => {
    expect(parseShard('2/3')).toEqual({index: 2, count: 3})
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/3/4']) expect(() => parseShard(bad)).toThrow(/--shard must be K\/N/)
  })

  it('puts every id in exactly one shard, the same on every machine', () => {
    const ids = Array.from({length: 300}, (_, i) => `svc-${i}:health`)
    const counts = [0, 0, 0]
    for (const id of ids) {
      const owners = [1, 2, 3].filter((k) => inShard(id, {index: k, count: 3}))
      expect(owners).toHaveLength(1)
      counts[owners[0]! - 1]!++
    }
    // Roughly even: a hash, not a round-robin, but no shard is starved.
    for (const c of counts) expect(c).toBeGreaterThan(60)
    expect(inShard('anything', undefined)).toBe(true)
  })

  it('is pinned: fixed by the id alone (SHA-256), so runners of different mon versions agree, and a change in the split shows here', () => {
    // Values worked out once from the first 4 bytes of each id's SHA-256, big-endian, mod N, plus 1.
    const ids = ['mlx:8100:health', 'mlx:8100:models', 'ov:9000:health', 'registry:mlx:8100', 'litellm:models', 'svc-1:health']
    expect(Object.fromEntries(ids.map((id) => [id, shardOf(id, 3)]))).toEqual({
      'mlx:8100:health': 2,
      'mlx:8100:models': 3,
      'ov:9000:health': 3,
      'registry:mlx:8100': 3,
      'litellm:models': 1,
      'svc-1:health': 3,
    })
    expect(ids.map((id) => shardOf(id, 7))).toEqual([5, 5, 7, 4, 7, 6])
    expect(ids.map((id) => shardOf(id, 1))).toEqual([1, 1, 1, 1, 1, 1])
  })
})

describe('selectTargets', () => {
  const endpoint = (id: string, entity_id: string, type: string, owner: string) => ({
    table: 'endpoints' as const, id, entity_id, kind: 'api' as const, url: 'http://127.0.0.1/', method: 'GET' as const, check: BUILTIN_CHECK, entity: {type, owner},
  })
  const active: ActiveTargets = {
    endpoints: [endpoint('a:1', 'a', 'backend', 'x'), endpoint('a:2', 'a', 'backend', 'x'), endpoint('b:1', 'b', 'tool', 'y')],
    registry: [{table: 'registry_index', id: 'registry:b', entity_id: 'b', path: 'r.json', authority: 'z', format: 'json', interval: '1m', serves: null, entity: {type: 'tool', owner: 'y'}}],
  }
  const ids = (s: ReturnType<typeof selectTargets>) => s.targets.map((t) => t.id)

  it('narrows by --only (entity or check id), --type and --owner together', () => {
    expect(ids(selectTargets(active, {}))).toEqual(['a:1', 'a:2', 'b:1', 'registry:b'])
    expect(ids(selectTargets(active, {only: ['b']}))).toEqual(['b:1', 'registry:b'])
    expect(ids(selectTargets(active, {only: ['a:2', 'registry:b']}))).toEqual(['a:2', 'registry:b'])
    expect(ids(selectTargets(active, {type: 'backend'}))).toEqual(['a:1', 'a:2'])
    expect(ids(selectTargets(active, {owner: 'y', only: ['a', 'b:1']}))).toEqual(['b:1'])
  })

  it('reports --only ids that match nothing', () => {
    expect(selectTargets(active, {only: ['a', 'zzz']}).unknown).toEqual(['zzz'])
  })

  it('counts matches before the shard split, so an empty shard is told apart from an empty selection', () => {
    const s = selectTargets(active, {shard: {index: 1, count: 50}})
    expect(s.matched).toBe(4)
    expect(s.targets.length).toBeLessThan(4)
  })
})

describe('BatchWriter', () => {
  it('writes every maxRows rows, and the rest on close', async () => {
    const batches: number[][] = []
    const w = new BatchWriter<number>(async (rows) => void batches.push(rows), {maxRows: 3, maxDelayMs: 10_000})
    for (let i = 0; i < 7; i++) w.add(i)
    await w.close()
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]])
    expect(w.written).toBe(7)
  })

  it('writes a partial batch after maxDelayMs without waiting for more', async () => {
    const batches: number[][] = []
    const w = new BatchWriter<number>(async (rows) => void batches.push(rows), {maxRows: 100, maxDelayMs: 20})
    w.add(1)
    await new Promise((r) => setTimeout(r, 80))
    expect(batches).toEqual([[1]])
    await w.close()
  })

  it('writes one batch at a time, in order', async () => {
    const log: string[] = []
    const w = new BatchWriter<number>(
      async (rows) => {
        log.push(`start ${rows[0]}`)
        await new Promise((r) => setTimeout(r, 10))
        log.push(`end ${rows[0]}`)
      },
      {maxRows: 1, maxDelayMs: 1000},
    )
    w.add(1)
    w.add(2)
    await w.close()
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2'])
  })

  it('stops at the first failed write and reports it on close', async () => {
    const w = new BatchWriter<number>(async () => Promise.reject(new Error('disk full')), {maxRows: 1, maxDelayMs: 1000})
    w.add(1)
    await new Promise((r) => setTimeout(r, 5))
    expect(w.failed).toBe(true)
    w.add(2)
    await expect(w.close()).rejects.toThrow('disk full')
  })
})

describe('progressBar', () => {
  const fakeStream = (isTTY: boolean) => {
    const writes: string[] = []
    return {writes, stream: {isTTY, write: (s: string) => writes.push(s)} as unknown as NodeJS.WriteStream}
  }

  it('draws on a terminal, throttled, and clears its line at the end', () => {
    const {writes, stream} = fakeStream(true)
    let now = 0
    const bar = progressBar(4, stream, () => now, {TERM: 'xterm'})
    bar.tick('ok')
    now = 50
    bar.tick('error')
    now = 200
    bar.tick('ok')
    bar.tick('warn')
    bar.done()
    expect(writes).toEqual([
      '\r[------------------------------] 0/4 checked, 0 not ok',
      '\r[#######################-------] 3/4 checked, 1 not ok',
      '\r[##############################] 4/4 checked, 2 not ok',
      '\r\u001B[2K',
    ])
  })

  it('writes nothing when stderr is not a terminal', () => {
    const {writes, stream} = fakeStream(false)
    const bar = progressBar(4, stream, Date.now, {TERM: 'xterm'})
    bar.tick('ok')
    bar.done()
    expect(writes).toEqual([])
  })

  it('writes nothing on a TERM=dumb terminal, which cannot erase a line', () => {
    const {writes, stream} = fakeStream(true)
    const bar = progressBar(4, stream, Date.now, {TERM: 'dumb'})
    bar.tick('ok')
    bar.done()
    expect(writes).toEqual([])
  })
})

describe('small parsers', () => {
  it('reads --max-payload sizes', () => {
    expect(parseByteSize('16384')).toBe(16_384)
    expect(parseByteSize('16KiB')).toBe(16_384)
    expect(parseByteSize('1 MiB')).toBe(1_048_576)
    expect(parseByteSize('64kb')).toBe(64_000)
    expect(() => parseByteSize('16 potatoes')).toThrow(/is not a size/)
    expect(() => parseByteSize('-1')).toThrow(/is not a size/)
  })

  it('counts registry entries: a list, the one list in a map, or else the keys', () => {
    expect(countEntries([1, 2, 3])).toBe(3)
    expect(countEntries({updated: 'x', models: [1, 2]})).toBe(2)
    expect(countEntries({a: [1], b: [2, 3]})).toBe(2)
    expect(countEntries({a: 1, b: 2, c: 3})).toBe(3)
    expect(countEntries('text')).toBeUndefined()
    expect(countEntries(null)).toBeUndefined()
  })
})
