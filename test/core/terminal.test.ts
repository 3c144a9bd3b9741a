import {afterEach, describe, expect, it} from 'vitest'

import {colourWanted} from '../../src/terminal.js'

describe('colourWanted', () => {
  const saved = process.env.NO_COLOR
  afterEach(() => {
    if (saved === undefined) delete process.env.NO_COLOR
    else process.env.NO_COLOR = saved
  })
  const tty = {isTTY: true} as NodeJS.WriteStream
  const pipe = {isTTY: false} as unknown as NodeJS.WriteStream

  it('colours a terminal only, and never with a non-empty NO_COLOR (no-color.org)', () => {
    delete process.env.NO_COLOR
    expect(colourWanted(tty)).toBe(true)
    expect(colourWanted(pipe)).toBe(false)
    process.env.NO_COLOR = '1'
    expect(colourWanted(tty)).toBe(false)
    process.env.NO_COLOR = ''
    expect(colourWanted(tty)).toBe(true)
  })
})
