/**
 * Server-Sent Events as the HTML standard reads them, for every kind that
 * reads a stream (`mcp`, `completion`): lines end in CRLF, LF or CR (a CRLF
 * split across two chunks is one end), `:` starts a comment, one space after
 * the colon is dropped (`data:x` and `data: x` are the same), and an event is
 * dispatched at a blank line. Bytes are decoded as UTF-8 across chunk
 * boundaries. Only `event` and `data` are kept.
 */

export interface SseEvent {
  /** The `event:` field; `message` when none was sent. */
  event: string
  /** The `data:` lines, joined by a line feed. */
  data: string
}

const EOL = /\r\n|\r|\n/g

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8')
  // The line so far, in pieces: only new text is ever scanned, so a stream sent a byte at a time costs no more than one sent whole.
  private pieces: string[] = []
  // The last text ended in CR: an LF that starts the next is the rest of a CRLF, not an empty line.
  private afterCr = false
  private event = ''
  private data: string[] = []

  /** The events the bytes complete. */
  push(chunk: Uint8Array): SseEvent[] {
    return this.lines(this.decoder.decode(chunk, {stream: true}))
  }

  /** At the stream's end: an event whose blank line never came is dispatched too (a check is lenient here). */
  end(): SseEvent[] {
    return this.lines(`${this.decoder.decode()}\n\n`)
  }

  private lines(text: string): SseEvent[] {
    const events: SseEvent[] = []
    if (text === '') return events
    let start = this.afterCr && text.startsWith('\n') ? 1 : 0
    this.afterCr = false
    EOL.lastIndex = start
    for (let m = EOL.exec(text); m; m = EOL.exec(text)) {
      this.pieces.push(text.slice(start, m.index))
      this.line(this.pieces.join(''), events)
      this.pieces = []
      start = m.index + m[0].length
      this.afterCr = m[0] === '\r' && start === text.length
    }
    if (start < text.length) this.pieces.push(text.slice(start))
    return events
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push({event: this.event || 'message', data: this.data.join('\n')})
      this.event = ''
      this.data = []
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const name = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (name === 'data') this.data.push(value)
    else if (name === 'event') this.event = value
  }
}
