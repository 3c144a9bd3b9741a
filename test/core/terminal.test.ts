import {describe, expect, it} from 'vitest'

import {colourWanted, redrawWanted} from '../../src/terminal.js'

describe('colourWanted', () => {
  const tty = {isTTY: true} as NodeJS.WriteStream
  const pipe = {isTTY: false} as unknown as NodeJS.WriteStream

  it('colours a terminal only, and never with a non-empty NO_COLOR (no-color.org)', () => {
    expect(colourWanted(tty, {})).toBe(true)
    expect(colourWanted(pipe, {})).toBe(false)
    expect(colourWanted(tty, {NO_COLOR: '1'})).toBe(false)
    expect(colourWanted(tty, {NO_COLOR: ''})).toBe(true)
  })

  it('FORCE_COLOR colours a pipe, FORCE_COLOR=0 or false turns colour off, and NO_COLOR still wins', () => {
    expect(colourWanted(pipe, {FORCE_COLOR: '1'})).toBe(true)
    expect(colourWanted(pipe, {FORCE_COLOR: ''})).toBe(true)
    expect(colourWanted(tty, {FORCE_COLOR: '0'})).toBe(false)
    expect(colourWanted(tty, {FORCE_COLOR: 'false'})).toBe(false)
    expect(colourWanted(pipe, {FORCE_COLOR: '1', NO_COLOR: '1'})).toBe(false)
  })

  it('does not colour a TERM=dumb terminal', () => {
    expect(colourWanted(tty, {TERM: 'dumb'})).toBe(false)
    expect(colourWanted(tty, {TERM: 'xterm-256color'})).toBe(true)
  })
})

describe('redrawWanted', () => {
  const tty = {isTTY: true} as NodeJS.WriteStream
  const pipe = {isTTY: false} as unknown as NodeJS.WriteStream

  it('redraws a line on a terminal only, and never on TERM=dumb', () => {
    expect(redrawWanted(tty, {TERM: 'xterm-256color'})).toBe(true)
    expect(redrawWanted(tty, {})).toBe(true)
    expect(redrawWanted(pipe, {TERM: 'xterm-256color'})).toBe(false)
    expect(redrawWanted(tty, {TERM: 'dumb'})).toBe(false)
  })
})
