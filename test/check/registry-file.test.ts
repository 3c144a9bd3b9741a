import {execFileSync} from 'node:child_process'
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {registryBaseDir} from '../../src/check/base-dir.js'
import {readRegistryFile, type RegistryFiles} from '../../src/check/registry-file.js'
import {MonError} from '../../src/errors.js'
import {tempDir} from '../support/cli.js'

let root: {dir: string; cleanup: () => void}
let base: string
let files: RegistryFiles
beforeAll(() => {
  root = tempDir('mon-registry-files-')
  base = path.join(root.dir, 'repo')
  mkdirSync(path.join(base, 'reg'), {recursive: true})
  writeFileSync(path.join(base, 'reg/good.json'), '[1, 2]')
  writeFileSync(path.join(root.dir, 'outside.json'), '["outside"]')
  symlinkSync(path.join(root.dir, 'outside.json'), path.join(base, 'reg/escape.json'))
  symlinkSync(path.join(base, 'reg/good.json'), path.join(base, 'reg/alias.json'))
  symlinkSync(base, path.join(root.dir, 'repo-link'))
  execFileSync('mkfifo', [path.join(base, 'reg/pipe.json')])
  files = {baseDir: base, allowOutsideBase: false}
})
afterAll(() => root.cleanup())

const limits = (maxBytes = 1024) => ({maxBytes, timeoutMs: 5000, deadline: performance.now() + 5000})
const readAs = (p: string, f: RegistryFiles = files, maxBytes = 1024) => readRegistryFile(p, f, limits(maxBytes))

describe('a registry file', () => {
  it('inside the base directory is read, through a symlink that stays inside too', async () => {
    expect(await readAs('reg/good.json')).toMatchObject({ok: true, file: path.join(base, 'reg/good.json')})
    expect((await readAs('./reg/alias.json')).ok).toBe(true)
  })

  it('that resolves outside the base directory is refused, without a byte read, unless --allow-outside-base', async () => {
    for (const p of ['/etc/passwd', '/proc/self/environ', '../../../../../../etc/hostname', '../outside.json', 'reg/escape.json']) {
      const read = await readAs(p)
      expect(read.ok, p).toBe(false)
      expect(read.ok ? '' : read.message, p).toMatch(/^resolves to \/.*, outside the base directory .* \(mon check --allow-outside-base reads it\)$/)
      expect('bytes' in read, p).toBe(false)
    }
    expect(await readAs('reg/escape.json', {baseDir: base, allowOutsideBase: true})).toMatchObject({ok: true, file: path.join(root.dir, 'outside.json')})
  })

  it('that is not a regular file is refused at once: a named pipe with no writer, a device, a directory', async () => {
    // A blocking open of the pipe would wait for a writer forever.
    expect(await readAs('reg/pipe.json')).toEqual({ok: false, file: path.join(base, 'reg/pipe.json'), message: `${path.join(base, 'reg/pipe.json')} is not a regular file (a named pipe)`})
    const outside = {baseDir: base, allowOutsideBase: true}
    expect(await readAs('/dev/zero', outside)).toMatchObject({ok: false, message: '/dev/zero is not a regular file (a character device)'})
    expect(await readAs('reg', files)).toMatchObject({ok: false, message: `${path.join(base, 'reg')} is not a regular file (a directory)`})
  })

  it('is read at most to maxBytes, even where its size says 0 (/proc)', async () => {
    expect(await readAs('reg/good.json', files, 5)).toMatchObject({ok: false, message: 'larger than --max-body (5 bytes)'})
    expect(await readAs('reg/good.json', files, 6)).toMatchObject({ok: true})
    const environ = await readAs('/proc/self/environ', {baseDir: base, allowOutsideBase: true}, 8)
    expect(environ).toMatchObject({ok: false, message: 'larger than --max-body (8 bytes)'})
  })

  it('holding a NUL character is refused with a line of its own', async () => {
    expect(await readAs('reg/good.json\0.txt')).toEqual({ok: false, file: '', message: 'the path holds a NUL character'})
  })

  it('says where it looked when it is missing', async () => {
    expect(await readAs('reg/missing.json')).toEqual({ok: false, file: path.join(base, 'reg/missing.json'), message: `no such file (resolved to ${path.join(base, 'reg/missing.json')})`})
  })
})

describe('the base directory', () => {
  it('is --base-dir, else the directory of --config, as a real path', () => {
    expect(registryBaseDir(path.join(root.dir, 'repo-link/monitors.yaml'), undefined)).toBe(base)
    expect(registryBaseDir('ignored/monitors.yaml', path.join(root.dir, 'repo-link'))).toBe(base)
  })

  it('that does not exist says to pass -c or --base-dir, exit 3', () => {
    const missing = path.join(root.dir, 'nowhere')
    const error = (() => {
      try {
        registryBaseDir(path.join(missing, 'monitors.yaml'), undefined)
      } catch (err) {
        return err
      }
    })()
    expect(error).toBeInstanceOf(MonError)
    expect(error).toMatchObject({exitCode: 3, message: `${missing} (the directory of --config ${path.join(missing, 'monitors.yaml')}) is not a directory: pass -c with the path of monitors.yaml, or --base-dir, so relative registry paths can be resolved`})
    expect(() => registryBaseDir('monitors.yaml', path.join(base, 'reg/good.json'))).toThrow(/\(--base-dir\) is not a directory: pass -c/)
  })
})
