import {describe, expect, it} from 'vitest'

import {jsonSyntaxError} from '../../src/check/json-syntax.js'
import {summariseRegistry} from '../../src/check/registry-probe.js'
import {countYamlEntries} from '../../src/check/registry-yaml.js'

const time = {leftMs: 20_000, timeoutMs: 20_000}
const read = (text: string, format: 'json' | 'yaml') => summariseRegistry(Buffer.from(text), format, time)
const PASSWD = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n'

describe('registry YAML errors', () => {
  it('end cleanly at the position, without the code frame or its leading colon', async () => {
    expect(await read('a: 1\na: 2\n', 'yaml')).toEqual({ok: false, message: 'not valid YAML: Map keys must be unique at line 2, column 1'})
  })

  it('keep only the first line of the message', async () => {
    expect(await read('a: b: c\n', 'yaml')).toEqual({ok: false, message: 'not valid YAML: Nested mappings are not allowed in compact mappings at line 1, column 4'})
  })

  it('name a message that would quote the text by its code, never the bytes', async () => {
    const bad = await read('token: "s3cr3t-\\q"\n', 'yaml')
    expect(bad).toEqual({ok: false, message: 'not valid YAML: bad dq escape at line 1, column 16'})
    const tag = await read('- !<tag:s3cr3t> x\n- [a, b\n', 'yaml')
    expect(tag.ok).toBe(false)
    expect(JSON.stringify(tag)).not.toContain('s3cr3t')
  })

  it('find a duplicate key in a big map in linear time, not by comparing every pair', async () => {
    // 20,000 keys: yaml's own uniqueKeys compares 200 million pairs here.
    const keys = Array.from({length: 20_000}, (_, i) => `k${i}: ${i}`)
    expect(await read(`${keys.join('\n')}\n`, 'yaml')).toMatchObject({ok: true, summary: {entries: 20_000}})
    expect(await read(`${keys.join('\n')}\nk7: again\n`, 'yaml')).toEqual({ok: false, message: 'not valid YAML: Map keys must be unique at line 20001, column 1'})
  })

  it('give up at the deadline, and on a heap the parse outgrows, in the worker and not the process', async () => {
    const big = `${Array.from({length: 100_000}, (_, i) => `- {id: m${i}, tags: [a, b, c]}`).join('\n')}\n`
    expect(await countYamlEntries(big, 50, 5000)).toEqual({ok: false, message: 'timeout after 5000 ms parsing YAML'})
    expect(await countYamlEntries(big, 60_000, 60_000, 8)).toEqual({ok: false, message: 'YAML too large to parse within 8 MB'})
  })
})

describe('registry JSON errors', () => {
  it('name the line, the column and the reason, never the bytes (V8 quotes them)', async () => {
    expect(() => JSON.parse(PASSWD)).toThrow(/root:x/)
    const passwd = await read(PASSWD, 'json')
    expect(passwd).toEqual({ok: false, message: 'not valid JSON: unexpected character at line 1, column 1'})
    expect(await read('{"models": [\n  {"id": "a"},\n  {"id": tru}\n]}', 'json')).toEqual({ok: false, message: 'not valid JSON: unexpected character at line 3, column 10'})
    expect(await read('{"models": [', 'json')).toEqual({ok: false, message: 'not valid JSON: unexpected end of the text at line 1, column 13'})
  })

  it('find an error wherever JSON.parse does, and none where it finds none', () => {
    const valid = '{"a": [1, -2.5e+3, "x\\u00e9\\n", true, false, null, {}, []], "b": {"c": "d"}}'
    expect(jsonSyntaxError(valid)).toBeUndefined()
    // Every cut and every one-character change of a valid text: the scanner agrees with JSON.parse.
    const variants = new Set<string>()
    for (let i = 0; i <= valid.length; i++) {
      variants.add(valid.slice(0, i))
      for (const c of ['"', '}', ']', ',', ':', '\\', '\n', '0', 'x', ' ']) variants.add(valid.slice(0, i) + c + valid.slice(i + 1))
    }
    for (const text of variants) {
      let parses = true
      try {
        JSON.parse(text)
      } catch {
        parses = false
      }
      expect(jsonSyntaxError(text) === undefined, text).toBe(parses)
    }
  })

  it('scan deep nesting without overflowing the stack', () => {
    expect(jsonSyntaxError(`${'['.repeat(1_000_000)}`)).toEqual({line: 1, column: 1_000_001, reason: 'unexpected end of the text'})
  })
})
