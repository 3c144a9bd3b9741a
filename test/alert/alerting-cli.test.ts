/** The status page and mon status show open alerts, active maintenance and incidents: through the commands, on both engines. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {mon} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {seed, withDriver} from '../history/seed.js'
import {FIXTURE_NOW, insertAlertFixture} from './rows.js'

describe.each(ENGINES)('alerting on the status page and in mon status on %s', (engine) => {
  let fresh: FreshDb
  const run = (args: string[]) => mon([...args, '--db', fresh.db], {env: {MON_NOW: FIXTURE_NOW}})

  beforeAll(async () => {
    fresh = await freshDb(engine)
    await seed(fresh.db, Date.parse(FIXTURE_NOW))
    await withDriver(fresh.db, async (driver) => {
      await insertAlertFixture(driver)
      // A file window on db (as apply stores it) and an ad-hoc one on web, both on at 12:00; one ad-hoc window already over.
      await driver.run(
        'INSERT INTO maintenance_windows (id, entities_json, cron, duration, timezone, start_at, end_at, reason, created_at, applied_at, applied_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ['nightly-db', '["db"]', '0 11 * * *', '2h', 'UTC', null, null, 'backup <nightly>', FIXTURE_NOW, FIXTURE_NOW, 'h'],
      )
      const adhoc = (id: string, start: string, end: string, reason: string | null) =>
        driver.run('INSERT INTO maintenance_adhoc (id, entities_json, start_at, end_at, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)', [id, '["web"]', start, end, reason, start])
      await adhoc('adhoc-0a0b0c0d', '2026-12-01T11:45:00.000Z', '2026-12-01T12:15:00.000Z', 'deploy')
      await adhoc('adhoc-00000000', '2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z', null)
    })
  })
  afterAll(async () => {
    await fresh.cleanup()
  })

  it('mon status: open alerts (with holds) and active maintenance after the summary, before the entities', async () => {
    const r = await run(['status'])
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines.slice(1, 10)).toEqual([
      '',
      'Open alerts (2):',
      '  error  web:health   since 2h ago                     HTTP 500 in 12 ms',
      '  warn   registry:db  since 1h ago  held: maintenance  stale registry',
      '',
      'In maintenance:',
      '  adhoc-0a0b0c0d  web  until 2026-12-01 12:15 UTC  deploy',
      '  nightly-db      db   until 2026-12-01 13:00 UTC  backup <nightly>',
      '',
    ])
    expect(lines[10]).toMatch(/^(OK|WARN|STALE|ERROR) {2}\S+ {2}\S+ label/)
    // --json is the status report as before.
    expect(Object.keys(JSON.parse((await run(['status', '--json'])).stdout))).not.toContain('alerts')
  })

  it('mon status --only: only that entity’s alerts and windows', async () => {
    const r = await run(['status', '--only', 'db'])
    expect(r.stdout).toContain('  warn  registry:db  since 1h ago  held: maintenance  stale registry\n')
    expect(r.stdout).not.toContain('web:health')
    expect(r.stdout).not.toContain('adhoc-0a0b0c0d')
  })

  it('mon report: the page lists open alerts and maintenance at the top, and each entity’s incidents on its card', async () => {
    const r = await run(['report', '--out', '-'])
    expect(r.code, r.stderr).toBe(0)
    const page = r.stdout
    const header = page.slice(0, page.indexOf('</header>'))
    expect(header).toContain('<h2 id=open-alerts>Open alerts (2)</h2>')
    expect(header).toContain('<code>registry:db</code> since <time datetime="2026-12-01T10:30:00.000Z">10:30</time> (1h 30m) · <i>held: in maintenance</i>')
    expect(header).toContain('<code>nightly-db</code> until <time datetime="2026-12-01T13:00:00.000Z">13:00</time>: backup &lt;nightly&gt; <span class=muted>db</span>')
    expect(header).not.toContain('adhoc-00000000')
    const card = (id: string) => page.slice(page.indexOf(`<article class="entity s-`, page.indexOf(`id="entity-${id}"`) - 40), page.indexOf('</article>', page.indexOf(`id="entity-${id}"`)))
    const web = card('web')
    expect(web).toContain('<p class=in-maintenance><b class=s-maintenance>Maintenance</b> <code>adhoc-0a0b0c0d</code> until <time datetime="2026-12-01T12:15:00.000Z">12:15</time>: deploy</p>')
    expect([...web.matchAll(/<li><code>([^<]+)<\/code> error from <time datetime="([^"]+)">/g)].map((m) => [m[1], m[2]])).toEqual([
      ['web:health', '2026-12-01T10:00:00.000Z'],
      ['web:api', '2026-12-01T08:00:00.000Z'],
      ['web:health', '2026-11-30T23:00:00.000Z'],
    ])
    expect(web).toContain('resolved <time datetime="2026-12-01T08:20:00.000Z">08:20</time> after 20m')
    expect(card('db')).toContain('<code>db:health</code> error from <time datetime="2026-12-01T07:00:00.000Z">07:00</time>, resolved <time datetime="2026-12-01T07:05:00.000Z">07:05</time> after 5m')
    expect(card('gw')).not.toContain('incidents')
  })
})
