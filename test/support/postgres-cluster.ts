import {execFileSync, spawn, spawnSync} from 'node:child_process'
import {chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import net from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'

/**
 * A throwaway PostgreSQL cluster for one test run: initdb into a temp dir,
 * start on a free loopback port with its socket in the data dir, stop and
 * delete it afterwards. As root, it runs as the `postgres` user (PostgreSQL
 * refuses to run as root).
 */
export interface Cluster {
  adminUrl: string
  stop(): void
}

/** Where initdb and pg_ctl are: $MON_PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string | null {
  if (process.env.MON_PG_BIN) return existsSync(path.join(process.env.MON_PG_BIN, 'initdb')) ? process.env.MON_PG_BIN : null
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? path.join(root, versions[0], 'bin') : null
}

/** A loopback port that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface ClusterOptions {
  /** Keep the cluster in this directory and reuse it on the next start (bench/history.js): stop() stops it and deletes nothing. */
  keepIn?: string
  /** More server settings (name=value), after the defaults above. */
  settings?: string[]
}

/**
 * What the test run's throwaway cluster can do without: the planner's JIT (compiling a costly query costs more
 * than it saves on test-sized data), autovacuum (its workers visit each of the run's hundreds of databases) and
 * WAL for replication. Measured on six PostgreSQL-heavy files: PostgreSQL's CPU 13.2 s to about 11.3 s. No test
 * depends on any of them; the benches (bench/*.js) keep the defaults.
 */
export const TEST_RUN_SETTINGS = ['jit=off', 'autovacuum=off', 'wal_level=minimal', 'max_wal_senders=0']

export async function startCluster(binDir: string, options: ClusterOptions = {}): Promise<Cluster> {
  const asRoot = process.getuid?.() === 0
  const kept = options.keepIn !== undefined
  const settings = options.settings ?? []
  const dir = options.keepIn ?? mkdtempSync(path.join(tmpdir(), 'mon-pg-'))
  if (kept) mkdirSync(dir, {recursive: true})
  const dataDir = path.join(dir, 'data')
  const remove = () => {
    if (!kept) rmSync(dir, {recursive: true, force: true})
  }
  const run = (bin: string, args: string[]) => {
    const command = path.join(binDir, bin)
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
    return execFileSync(file, argv, {stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, encoding: 'utf8'})
  }
  try {
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], {encoding: 'utf8'}).trim())
      const gid = Number(execFileSync('id', ['-g', 'postgres'], {encoding: 'utf8'}).trim())
      chownSync(dir, uid, gid)
    }
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'])
    let lastError: unknown
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort()
      const options = [
        `-p ${port}`,
        `-k ${dataDir}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
        ...settings.map((setting) => `-c ${setting}`),
      ].join(' ')
      try {
        run('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start'])
        const stopCommand = [
          ...(asRoot ? ['runuser', '-u', 'postgres', '--'] : []),
          path.join(binDir, 'pg_ctl'),
          ...['-D', dataDir, '-m', 'immediate', '-w', 'stop'],
        ]
        // If this process is killed before its teardown runs, a detached watchdog stops the cluster.
        const watchdog = spawn(
          'bash',
          ['-c', 'while kill -0 "$0" 2>/dev/null; do sleep 1; done; "$@" >/dev/null 2>&1; [ -n "$MON_PG_DIR" ] && rm -rf "$MON_PG_DIR"', String(process.pid), ...stopCommand],
          {detached: true, stdio: 'ignore', env: {...process.env, MON_PG_DIR: kept ? '' : dir}},
        )
        watchdog.unref()
        const stop = () => {
          watchdog.kill()
          spawnSync(stopCommand[0]!, stopCommand.slice(1), {stdio: 'ignore', timeout: 30_000})
          remove()
        }
        return {adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, stop}
      } catch (err) {
        lastError = err
      }
    }
    const log = existsSync(path.join(dir, 'log')) ? readFileSync(path.join(dir, 'log'), 'utf8').slice(-2000) : ''
    throw new Error(`pg_ctl start failed: ${(lastError as Error).message}\n${log}`)
  } catch (err) {
    remove()
    const stderr = (err as {stderr?: string}).stderr
    throw new Error(`could not start a throwaway PostgreSQL cluster: ${(err as Error).message}${stderr ? `\n${stderr}` : ''}`)
  }
}
