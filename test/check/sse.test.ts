/** Server-Sent Events, as every streaming kind reads them (src/check/sse.ts). */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {SseParser} from '../../src/check/sse.js'

const bytes = (text: string) => Buffer.from(text, 'utf8')

/** Every event the pieces give, fed one after the other, then the end. */
function parse(...pieces: Array<string | Uint8Array>): Array<{event: string; data: string}> {
  const parser = new SseParser()
  return [...pieces.flatMap((p) => parser.push(typeof p === 'string' ? bytes(p) : p)), ...parser.end()]
}

describe('SseParser', () => {
  it('reads data lines with and without the space after the colon; LF, CRLF and CR line ends', () => {
    expect(parse('data: a\n\ndata:b\r\n\r\ndata:  c\r\rdata: d\n\n')).toEqual([
      {event: 'message', data: 'a'},
      {event: 'message', data: 'b'},
      {event: 'message', data: ' c'},
      {event: 'message', data: 'd'},
    ])
  })

  it('skips comments and other fields, keeps the event name, joins data lines of one event', () => {
    expect(parse(': keep-alive\n\nid: 7\nretry: 10\nevent: error\ndata: x\ndata: y\n\ndata\n\n')).toEqual([
      {event: 'error', data: 'x\ny'},
      {event: 'message', data: ''},
    ])
  })

  it('events split anywhere across chunks, a CRLF split between two, and a character split across chunks', () => {
    const text = 'data: {"a":"é"}\r\n\r\ndata: [DONE]\r\n\r\n'
    const whole = parse(text)
    expect(whole).toEqual([{event: 'message', data: '{"a":"é"}'}, {event: 'message', data: '[DONE]'}])
    const raw = bytes(text)
    for (let cut = 1; cut < raw.length; cut++) expect(parse(raw.subarray(0, cut), raw.subarray(cut)), `cut at ${cut}`).toEqual(whole)
    // One byte at a time.
    expect(parse(...Array.from(raw, (b) => Uint8Array.of(b)))).toEqual(whole)
  })

  it('dispatches nothing before the blank line, and a last event without one at the end', () => {
    const parser = new SseParser()
    expect(parser.push(bytes('data: a\n'))).toEqual([])
    expect(parser.push(bytes('\n'))).toEqual([{event: 'message', data: 'a'}])
    expect(parser.push(bytes('data: b'))).toEqual([])
    expect(parser.end()).toEqual([{event: 'message', data: 'b'}])
  })
})

/** The data of every event the text pieces complete, without the end (MCP reads until its answer). */
const events = (chunks: string[]) => {
  const parser = new SseParser()
  return chunks.flatMap((chunk) => parser.push(bytes(chunk))).map((event) => event.data)
}

describe('SseParser, as MCP reads it', () => {
  it('splits on blank lines with LF, CRLF or CR, joins multi-line data, and ignores comments, event:, id: and retry:', () => {
    const stream = ': hello\nevent: message\nid: 7\nretry: 10\ndata: {"a":\ndata:1}\n\ndata: two\r\n\r\ndata: three\r\rdata:no-space\n\n'
    expect(events([stream])).toEqual(['{"a":\n1}', 'two', 'three', 'no-space'])
  })

  it('gives the same events however the stream is cut into chunks, a CRLF split in two included', () => {
    const stream = 'data: one\r\n\r\n: keep-alive\r\n\r\ndata: é two\r\ndata: more\r\n\r\ndata: x\n\n'
    const whole = events([stream])
    expect(whole).toEqual(['one', 'é two\nmore', 'x'])
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({min: 1, max: stream.length - 1}), {maxLength: 12}), (cuts) => {
        const at = [0, ...[...cuts].sort((a, b) => a - b), stream.length]
        expect(events(at.slice(1).map((end, i) => stream.slice(at[i], end)))).toEqual(whole)
      }),
    )
  })

  it('costs linear time for a stream that comes a character at a time (each push scans only its own text)', () => {
    const parser = new SseParser()
    const started = performance.now()
    const empty = new Uint8Array(0)
    const a = bytes('a')
    parser.push(bytes('data: '))
    for (let i = 0; i < 300_000; i++) parser.push(i % 1000 === 0 ? empty : a)
    parser.push(bytes('\r'))
    expect(parser.push(bytes('\n\r\n'))).toEqual([{event: 'message', data: 'a'.repeat(299_700)}])
    // Rescanning what came before would be some 10^10 steps: minutes, not this.
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('gives no event for one not ended by a blank line, nor for one without data', () => {
    expect(events([': keep-alive\n\nevent: ping\n\ndata: unfinished\n'])).toEqual([])
  })
})

