import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {relativeInside} from '../../src/relative-path.js'

describe('relativeInside', () => {
  it('names what is under the root with "/", the root itself as empty, and nothing outside it', () => {
    const root = path.resolve('/repo')
    expect(relativeInside(root, path.join(root, 'monitors.d', 'a.yaml'))).toBe('monitors.d/a.yaml')
    expect(relativeInside(root, root)).toBe('')
    expect(relativeInside(root, path.resolve('/repo-other/a.yaml'))).toBeNull()
    expect(relativeInside(root, path.resolve('/a.yaml'))).toBeNull()
    expect(relativeInside(root, path.resolve('/'))).toBeNull()
  })

  it('keeps a file whose name only starts with two dots', () => {
    expect(relativeInside(path.resolve('/repo'), path.resolve('/repo/..foo.yaml'))).toBe('..foo.yaml')
  })
})
