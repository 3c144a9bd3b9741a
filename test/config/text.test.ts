/** Text the database could not store as written is a validation error at its line: NUL, control characters, lone surrogates, bytes that are not UTF-8. */
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {formatDiagnostic, loadConfigFile, parseConfig} from '../../src/config/load.js'
import {tempDir} from '../support/cli.js'

const file = (label: string, url = 'http://127.0.0.1:9/h', header = 'mon') => `version: 1
entities:
  - id: api
    type: service
    label: ${label}
    owner: web
    endpoints:
      - kind: health
        url: ${url}
        check:
          headers:
            User-Agent: ${header}
`

const errors = (text: string) => parseConfig(text, 'm.yaml').errors.map(formatDiagnostic)

describe('text that cannot be stored as written', () => {
  it('refuses a NUL or another control character written as an escape, at its line, in any value', () => {
    expect(errors(file('"a\\0b"'))).toEqual(['m.yaml:5:12 entities[0].label: contains the control character U+0000 (NUL); only tab and newline are allowed in text'])
    expect(errors(file('"\\e[2Jhi"'))).toEqual(['m.yaml:5:12 entities[0].label: contains the control character U+001B (ESC); only tab and newline are allowed in text'])
    expect(errors(file('ok', '"http://127.0.0.1:9/\\x07"'))).toEqual([expect.stringMatching(/^m\.yaml:9:14 entities\[0\]\.endpoints\[0\]\.url: contains the control character U\+0007 \(BEL\)/)])
    expect(errors(file("ok", undefined, `"mon\\x01"`))).toEqual([expect.stringMatching(/^m\.yaml:12:25 entities\[0\]\.endpoints\[0\]\.check\.headers\.User-Agent: contains the control character U\+0001;/)])
    expect(errors(file("ok", undefined, `"mon\\rX-Injected: 1"`))).toEqual(["m.yaml:12:25 entities[0].endpoints[0].check.headers.User-Agent: contains the control character U+000D; only tab and newline are allowed in text"])
  })

  it('refuses a control character in a key, at the key', () => {
    expect(errors(`${file('ok')}    "no\\0tes": x\n`)).toContain('m.yaml:13:5 entities[0]["no\\u0000tes"]: key contains the control character U+0000 (NUL); only tab and newline are allowed in text')
  })

  it('refuses a raw NUL or escape byte in the file itself, at its line and column, and nothing more', () => {
    expect(errors(file('a\u0000b'))).toEqual(['m.yaml:5:13 entities[0].label: the control character U+0000 (NUL) is not allowed in a YAML file; remove it'])
    expect(errors(file('a\u001bb'))).toEqual(['m.yaml:5:13 entities[0].label: the control character U+001B (ESC) is not allowed in a YAML file; remove it'])
  })

  it('keeps tab and newline in text, and CRLF line ends', () => {
    expect(errors(file('"a\\tb\\nc"'))).toEqual([])
    expect(errors(file('ok').replaceAll('\n', '\r\n'))).toEqual([])
  })

  it('refuses a lone surrogate in any string, and keeps a surrogate pair', () => {
    expect(errors(file('"\\uD800"'))).toEqual(['m.yaml:5:12 entities[0].label: contains a lone surrogate (\\uD800), which is not Unicode text: it would not read back the same from the database'])
    expect(errors(file('"x\\uDC00"'))).toEqual([expect.stringContaining('lone surrogate (\\uDC00)')])
    expect(errors(file('ok', undefined, '"\\uDBFF"'))).toEqual([expect.stringMatching(/^m\.yaml:12:25 entities\[0\]\.endpoints\[0\]\.check\.headers\.User-Agent: contains a lone surrogate/)])
    expect(errors(file('"\\uD83D\\uDE00"'))).toEqual([])
  })

  describe('bytes that are not UTF-8', () => {
    const {dir, cleanup} = tempDir('mon-text-')
    afterAll(cleanup)
    it('is one error at the line and column of the first bad byte', async () => {
      const bad = path.join(dir, 'latin1.yaml')
      writeFileSync(bad, Buffer.concat([Buffer.from(file('caf').slice(0, file('caf').indexOf('caf') + 3)), Buffer.from([0xe9]), Buffer.from('\n    owner: web\n')]))
      const result = await loadConfigFile(bad)
      expect(result.model).toBeNull()
      expect(result.errors.map(formatDiagnostic)).toEqual([`${bad}:5:15: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8`])
    })
    it('refuses an encoded surrogate and an overlong form, and reads other UTF-8 as it is', async () => {
      for (const bytes of [[0xed, 0xa0, 0x80], [0xc0, 0x80]]) {
        const bad = path.join(dir, 'bad.yaml')
        writeFileSync(bad, Buffer.concat([Buffer.from('version: 1\nentities: []\n# '), Buffer.from(bytes), Buffer.from('\n')]))
        expect((await loadConfigFile(bad)).errors.map(formatDiagnostic)).toEqual([expect.stringMatching(/:3:3: the file is not valid UTF-8 \(byte 0x(ED|C0)\)/)])
      }
      const good = path.join(dir, 'good.yaml')
      writeFileSync(good, file('café ☕ 😀'))
      expect((await loadConfigFile(good)).errors).toEqual([])
    })
  })
})
