import {execFileSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {check, checkProcess} from '../check/cli-check.js'
import {seed, snapshots} from '../check/seed.js'
import {tempDir} from '../support/cli.js'
import {ENGINES, freshDb} from '../support/engines.js'
import {type MisbehavingServer, startMisbehavingServer} from '../support/misbehaving-server.js'

/**
 * Registry entries come from monitors.yaml, which arrives through pull
 * requests: a path must not read what the checking machine holds, nor block
 * or exhaust it. Each bad entry costs its own check, and the run goes on.
 */
let server: MisbehavingServer
beforeAll(async () => {
  server = await startMisbehavingServer()
})
afterAll(async () => {
  await server.close()
})

interface JsonResult {
  registry_id: string | null
  status: string
  detail: string
}

const results = (stdout: string) => new Map((JSON.parse(stdout) as {results: JsonResult[]}).results.map((r) => [r.registry_id, r]))

describe.each(ENGINES)('hostile registry entries (%s)', (engine) => {
  let db: string
  let cleanup: () => Promise<void>
  let root: {dir: string; cleanup: () => void}
  let repo: string

  beforeAll(async () => {
    ;({db, cleanup} = await freshDb(engine))
    root = tempDir('mon-hostile-registry-')
    repo = path.join(root.dir, 'repo')
    mkdirSync(path.join(repo, 'reg'), {recursive: true})
    writeFileSync(path.join(repo, 'reg/good.json'), '[{"id": "a"}]')
    writeFileSync(path.join(repo, 'reg/garbage.json'), 'PRIVATE-BYTES-42 are not JSON')
    writeFileSync(path.join(repo, 'reg/big.json'), JSON.stringify(Array.from({length: 150_000}, (_, i) => `model-${i}`)))
    execFileSync('mkfifo', [path.join(repo, 'reg/pipe.json')])
    await seed(db, [
      {
        id: 'reg',
        type: 'registry',
        registry: [
          {id: 'registry:good', path: 'reg/good.json'},
          {id: 'registry:passwd', path: '/etc/passwd'},
          {id: 'registry:environ', path: '/proc/self/environ'},
          {id: 'registry:climb', path: '../../../../../../../../etc/hostname'},
          {id: 'registry:zero', path: '/dev/zero'},
          {id: 'registry:pipe', path: 'reg/pipe.json'},
          {id: 'registry:garbage', path: 'reg/garbage.json'},
          {id: 'registry:big', path: 'reg/big.json'},
          {id: 'registry:url-big', path: `${server.http}/big?mb=50`},
        ],
      },
    ])
  })
  afterAll(async () => {
    await cleanup()
    root.cleanup()
  })

  it('refuses paths outside the base directory, files that are not regular, and reads capped at --max-body; nothing read reaches the database', async () => {
    const cutBefore = server.cutShort('/big')
    // A real process, bounded: a blocking open of the pipe hung mon check for good.
    const run = await checkProcess(['--db', db, '--json', '--base-dir', repo], {timeoutMs: 30_000})
    expect(run.signal, run.stderr).toBeUndefined()
    expect(run.code).toBe(2)
    const r = results(run.stdout)
    const outside = (p: string) => `cannot read ${p}: resolves to ${p}, outside the base directory ${repo} (mon check --allow-outside-base reads it)`
    expect(r.get('registry:good')).toMatchObject({status: 'ok', detail: expect.stringMatching(/^1 entry/)})
    expect(r.get('registry:passwd')).toMatchObject({status: 'error', detail: outside('/etc/passwd')})
    expect(r.get('registry:environ')).toMatchObject({status: 'error', detail: expect.stringMatching(/^cannot read \/proc\/self\/environ: resolves to \/proc\/\d+\/environ, outside the base directory/)})
    expect(r.get('registry:climb')?.detail).toBe(`cannot read ../../../../../../../../etc/hostname: resolves to /etc/hostname, outside the base directory ${repo} (mon check --allow-outside-base reads it)`)
    expect(r.get('registry:zero')).toMatchObject({status: 'error', detail: outside('/dev/zero')})
    expect(r.get('registry:pipe')).toMatchObject({status: 'error', detail: `cannot read reg/pipe.json: ${path.join(repo, 'reg/pipe.json')} is not a regular file (a named pipe)`})
    expect(r.get('registry:garbage')).toMatchObject({status: 'error', detail: 'reg/garbage.json: not valid JSON: unexpected character at line 1, column 1'})
    expect(r.get('registry:big')).toMatchObject({status: 'error', detail: 'cannot read reg/big.json: larger than --max-body (1048576 bytes)'})
    expect(r.get('registry:url-big')).toMatchObject({status: 'error', detail: `cannot read ${server.http}/big?mb=50: larger than --max-body (1048576 bytes)`})
    // The 50 MB body was cut while it streamed, not downloaded whole.
    expect(server.cutShort('/big')).toBe(cutBefore + 1)
    const stored = JSON.stringify(await snapshots(db))
    for (const leak of ['root:x:', 'PRIVATE-BYTES', 'PATH=', execFileSync('cat', ['/etc/hostname'], {encoding: 'utf8'}).trim()]) expect(stored).not.toContain(leak)
  })

  it('with --allow-outside-base reads outside it, still only regular files, and a parse error quotes nothing', async () => {
    const run = await check(['--db', db, '--json', '--base-dir', repo, '--allow-outside-base', '--max-body', '4MiB', '--only', 'registry:passwd,registry:zero,registry:big'])
    const r = results(run.stdout)
    expect(r.get('registry:passwd')).toMatchObject({status: 'error', detail: '/etc/passwd: not valid JSON: unexpected character at line 1, column 1'})
    expect(r.get('registry:zero')).toMatchObject({status: 'error', detail: 'cannot read /dev/zero: /dev/zero is not a regular file (a character device)'})
    expect(r.get('registry:big')).toMatchObject({status: 'ok', detail: expect.stringMatching(/^150000 entries/)})
  })

  it('resolves relative paths against the directory of -c, and refuses a base that does not exist without writing a row', async () => {
    const before = (await snapshots(db)).length
    const viaConfig = await check(['--db', db, '--json', '-c', path.join(repo, 'monitors.yaml'), '--only', 'registry:good'])
    expect(results(viaConfig.stdout).get('registry:good')).toMatchObject({status: 'ok'})
    const nowhere = path.join(root.dir, 'nowhere')
    const refused = await check(['--db', db, '-c', path.join(nowhere, 'monitors.yaml')])
    expect(refused.code).toBe(3)
    expect(refused.stdout).toBe('')
    expect(refused.stderr.trim().split('\n')).toEqual([
      `Error: ${nowhere} (the directory of --config ${path.join(nowhere, 'monitors.yaml')}) is not a directory: pass -c with the path of monitors.yaml, or --base-dir, so relative registry paths can be resolved`,
    ])
    const noBase = await check(['--db', db, '--base-dir', nowhere])
    expect(noBase.code).toBe(3)
    expect(noBase.stderr).toBe(`Error: ${nowhere} (--base-dir) is not a directory: pass -c with the path of monitors.yaml, or --base-dir, so relative registry paths can be resolved\n`)
    expect((await snapshots(db)).length).toBe(before + 1)
  })
})
