import {describe, expect, it} from 'vitest'

import {NO_SECRETS, redactor} from '../../src/check/redact.js'
import {leaks} from './hostile.js'

const TOKEN = 'sk-live-TOPSECRET-0123456789'
const b64 = (text: string) => Buffer.from(text).toString('base64')
const b64url = (text: string) => Buffer.from(text).toString('base64url')

describe('redactor', () => {
  const hide = redactor([TOKEN])

  it('redacts the value, its JSON-escaped, URL-encoded and base64 forms (standard and URL-safe, padded or not)', () => {
    const key = 'k3y/with+special=chars&"quote"'
    const both = redactor([key])
    for (const form of [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key), encodeURIComponent(key).toLowerCase(), b64(key), b64(key).replace(/=+$/, ''), b64url(key)]) {
      expect(both.text(`<${form}>`), form).toBe('<[redacted]>')
    }
    // Escaped once more, as a text body holding it is stored inside JSON.
    expect(both.text(JSON.stringify(JSON.stringify(key)))).not.toContain('with+sp')
  })

  it('redacts a secret that a JSON encoder wrote with \\u escapes (Python ensure_ascii, Go <>&), in either hex case, whole or mixed, and escaped once more', () => {
    const secret = 'pässwörd-2026-<geheim>&"q"'
    const hide = redactor([secret])
    // Every character escaped that is not a letter or digit, lower and upper hex: as Python and Go write it, and mixes.
    const uEscape = (text: string, pick: (ch: string) => boolean, upper = false) =>
      [...text].map((ch) => (pick(ch) ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch)).join('').replace(/\\u([0-9a-f]{4})/g, (m, h: string) => (upper ? `\\u${h.toUpperCase()}` : m))
    const python = JSON.stringify(secret).slice(1, -1).replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    const go = uEscape(secret, (ch) => /[<>&]/.test(ch)).replaceAll('"', '\\"')
    for (const form of [python, go, uEscape(secret, (ch) => !/[A-Za-z0-9]/.test(ch), true), uEscape(secret, (ch) => ch === 'ä')]) {
      expect(hide.text(`{"echo":"${form}"}`), form).toBe('{"echo":"[redacted]"}')
      // A text body holding it, stored inside JSON: each backslash escaped once more.
      expect(hide.text(JSON.stringify(`x ${form} y`)), form).toBe(JSON.stringify('x [redacted] y').replace('[redacted]', '[redacted]'))
    }
    // A piece of the Python form left where a kept body was cut short.
    expect(hide.cut(`x ${python.slice(0, 16)}`, {end: true})).toBe('x [redacted]')
    // An astral character is two escaped UTF-16 units.
    const emoji = redactor(['tok-😀-abc'])
    expect(emoji.text('"tok-\\ud83d\\ude00-abc"')).toBe('"[redacted]"')
  })

  it('redacts the base64 of a longer value holding the secret, at each of the three alignments', () => {
    for (const user of ['', 'a:', 'ab:', 'abc:', 'user:', 'admin:']) {
      for (const encode of [b64, b64url]) {
        const encoded = encode(`${user}${TOKEN}`)
        const out = hide.text(`Authorization: Basic ${encoded}`)
        expect(out, `${user} ${encoded}`).toContain('[redacted]')
        // What is left is at most the few characters the secret shares with its neighbours.
        expect(out.length, out).toBeLessThanOrEqual(`Authorization: Basic `.length + Math.ceil((user.length * 4) / 3) + 10 + 4)
        expect(Buffer.from(out.slice(21), 'base64').toString('latin1')).not.toContain('0123')
      }
    }
  })

  it('redacts a piece of 6+ characters left before a cut marker or at the end of a cut text, and leaves shorter ones', () => {
    expect(hide.cut(`got "Bearer ${TOKEN.slice(0, 14)}..."`)).toBe('got "Bearer [redacted]..."')
    expect(hide.cut(`x ${TOKEN.slice(0, 9)}…`)).toBe('x [redacted]…')
    expect(hide.cut(`…${TOKEN.slice(-8)} y`)).toBe('…[redacted] y')
    expect(hide.cut(`body ${TOKEN.slice(0, 7)}`, {end: true})).toBe('body [redacted]')
    expect(hide.cut(`body ${TOKEN.slice(0, 7)}`)).toBe(`body ${TOKEN.slice(0, 7)}`)
    expect(hide.cut(`x ${TOKEN.slice(0, 5)}...`)).toBe(`x ${TOKEN.slice(0, 5)}...`)
    // A quoted excerpt cut short, as V8's JSON.parse errors quote the text.
    expect(hide.cut(`Unexpected token 'G', "${TOKEN.slice(0, 10)}"... is not valid JSON`)).toBe(`Unexpected token 'G', "[redacted]"... is not valid JSON`)
    expect(hide.cut(`..."12, ${TOKEN.slice(-7)}" is not valid JSON`)).toBe(`..."12, ${TOKEN.slice(-7)}" is not valid JSON`)
    expect(hide.cut(`..."${TOKEN.slice(-7)} x"`)).toBe(`..."[redacted] x"`)
  })

  it('warns about a value shorter than 4 characters and leaves it in place, since hiding every match would wreck payloads', () => {
    const short = redactor(['ab', TOKEN])
    expect(short.warnings).toEqual(["a ${VAR} value of 2 characters is too short to redact safely (at least 4)"])
    expect(short.text(`ab cab ${TOKEN}`)).toBe('ab cab [redacted]')
    expect(hide.warnings).toEqual([])
    expect(NO_SECRETS.text('anything')).toBe('anything')
  })

  it('leaves no 6-character piece in any cut of a text that echoes the secret', () => {
    const text = `{"echo":"Bearer ${TOKEN}","b":"${b64(TOKEN)}"}`
    for (let end = 0; end <= text.length; end++) {
      expect(leaks(hide.cut(hide.text(text).slice(0, end), {end: true}), TOKEN)).toEqual([])
      expect(leaks(hide.cut(`${text.slice(0, end)}...`), TOKEN)).toEqual([])
    }
  })
})
