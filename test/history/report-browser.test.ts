import {endpoint, reads, latestOf} from '../support/inventory.js'
/**
 * The status page rendered in a real browser: Debian's Chromium driven by
 * playwright-core. Assertions are on the rendered DOM, and every request the
 * page makes is recorded: a self-contained page makes none but its own.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

import type {Browser, Locator} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CHROMIUM, inCi} from '../support/ci.js'
import {ROOT, mon, tempDir} from '../support/cli.js'
import {ENGINES, freshDb} from '../support/engines.js'
import {HOUR, MIN, WEB_HEALTH_RECENT, seed, withDriver} from './seed.js'
import {rebuildRollups} from '../../src/store/rollup-rebuild.js'
import {uuidv7} from '../../src/time.js'
import {migrate} from '../../src/store/migrator.js'
import {buildAlerting} from '../../src/history/alerting.js'
import {buildReport, reportWindows} from '../../src/history/report.js'
import {renderReportHtml} from '../../src/history/report-html.js'
import {buildStatus} from '../../src/history/status.js'
import type {InventoryEntity} from '../../src/rows.js'

let browser: Browser
const tmp = tempDir('mon-report-')

beforeAll(async () => {
  if (!existsSync(CHROMIUM) && !inCi()) return
  const {chromium} = await import('playwright-core')
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright gives each launch a fresh temporary profile (--user-data-dir) of its own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  tmp.cleanup()
})

/** The texts of the elements, whitespace collapsed. */
async function words(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
}

/** Opens the file, records every request (and fails any that is not the file itself) and every script error. */
async function open(file: string, viewport = {width: 1100, height: 900}, javaScriptEnabled = true) {
  const page = await browser.newPage({viewport, javaScriptEnabled})
  const requests: string[] = []
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`))
  const url = pathToFileURL(file).href
  await page.route('**/*', async (route) => {
    requests.push(route.request().url())
    if (route.request().url() === url) await route.continue()
    else await route.abort()
  })
  await page.goto(url)
  return {page, requests, errors, url}
}

/** The seeded history (seed.ts) as of `now`, and its `mon report` (stale after an hour: the seeded checks are minutes to hours apart). */
async function reportOf(engine: 'sqlite' | 'postgres', now: number, env: Record<string, string> = {}): Promise<{html: string; out: string; reported: {from: number; to: number}}> {
  const fresh = await freshDb(engine)
  const out = path.join(tmp.dir, `status-${engine}.html`)
  try {
    await seed(fresh.db, now)
    const from = Date.now()
    const r = await mon(['report', '--out', out, '--db', fresh.db, '--stale-after', '1h'], {env})
    const to = Date.now()
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^Wrote .*status-\w+\.html \(3 entities, \d+ KiB\)\.\n$/)
    return {html: readFileSync(out, 'utf8'), out, reported: {from, to}}
  } finally {
    await fresh.cleanup()
  }
}

/**
 * The page from SQLite is rendered and looked at in Chromium. What differs between the engines is what the store
 * reads, so PostgreSQL's page, from the same history at the same "now" (MON_NOW: the time SQLite's page was made),
 * must be that page byte for byte; rendering it again would only repeat the browser's work.
 */
describe.skipIf(!existsSync(CHROMIUM) && !inCi())('mon report, rendered in Chromium', () => {
  const engine = 'sqlite'
  it('shows every entity by type, two uptime bars and a sparkline per endpoint, and when it was made; PostgreSQL makes the same page', async () => {
    const seededAt = Date.now()
    const {html, out, reported} = await reportOf(engine, seededAt)
    if (ENGINES.includes('postgres')) {
      const generated = html.match(/Generated <time datetime="([^"]+)"/)![1]!
      expect(Date.parse(generated)).toBeGreaterThanOrEqual(reported.from)
      expect((await reportOf('postgres', seededAt, {MON_NOW: generated})).html, 'the page from PostgreSQL').toBe(html)
    }
    // Its only scripts are its data block and the inline script that draws from it.
    expect(html.match(/<script\b[^>]*>/gi)).toEqual(['<script type="application/json" id="report-data">', '<script>'])
    expect(html).not.toMatch(/<(link|img|iframe)\b/i)
    expect(html).not.toMatch(/src=|url\(/i)
    // The only links are to the page's own cards.
    expect(html.match(/href="[^"]*"/g)?.every((h) => h.startsWith('href="#')) ?? true).toBe(true)

    const {page, requests, errors, url} = await open(out)
    try {
      expect(requests).toEqual([url])
      expect(errors).toEqual([])
      expect(await page.title()).toBe('Service status')
      expect(await page.locator('html').getAttribute('lang')).toBe('en')
      expect(await page.locator('h1').innerText()).toBe('Service status')
      // Grouped by type, in the order of the model: service, backend, (tool,) gateway.
      expect(await page.locator('main h2').allInnerTexts()).toEqual(['Services', 'Backends', 'Gateways'])
      const entities = page.locator('article.entity')
      expect(await entities.count()).toBe(3)
      // Text beside colour: each entity's heading says its state in words, and a mark comes from the CSS.
      expect(await words(page.locator('article.entity h3'))).toEqual([
        'Warning web label',
        'Stale db label',
        'Stale gw label',
      ])
      expect(await page.locator('article.entity h3 b').first().evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el, '::before').content)).toMatch(/^"! "/)
      // The header names the entities that need attention, problems first, each a link to its card.
      const attention = page.locator('header nav a')
      expect(await words(attention)).toEqual(['Warning web label', 'Stale db label', 'Stale gw label'])
      await attention.nth(2).click()
      expect(new URL(page.url()).hash).toBe('#entity-gw')
      expect(await page.locator('article.entity:target h3').innerText()).toMatch(/gw label/)
      const web = page.locator('article.entity', {has: page.locator('h3', {hasText: 'web label'})})
      expect(await web.locator('li.endpoint').count()).toBe(2)
      expect(await web.locator('.registry li').innerText()).toMatch(/OK\s+registry registry:web\s+parsed 3 entries/)

      // Two bars per endpoint (4 endpoints), labelled by the CSS.
      const bars = page.locator('.bars span[role=img]')
      expect(await bars.count()).toBe(8)
      for (let i = 0; i < 8; i++) {
        expect(await bars.nth(i).evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el, '::before').content)).toBe(i % 2 === 0 ? '"24 hours"' : '"7 days"')
      }
      const health = page.locator('li.endpoint', {has: page.locator('code', {hasText: /^web:health$/})})
      // 24 h: the 10 recent checks, 8 up; 7 days: also the errors of 30 h and 2 days ago, 8 of 12 up.
      expect(await health.locator('.bars span').allInnerTexts()).toEqual(['80.00%', '66.66%'])
      // Which hours hold an error or (only) a warning depends on the time of day the test runs.
      const worst = new Map<string, string>()
      for (const s of WEB_HEALTH_RECENT) {
        const hour = new Date(seededAt - s.ago).toISOString().slice(0, 13)
        if (worst.get(hour) !== 'error' && s.status !== 'ok') worst.set(hour, s.status)
      }
      const errorHours = [...worst.values()].filter((s) => s === 'error').length
      const warnHours = [...worst.values()].filter((s) => s === 'warn').length
      expect(errorHours).toBeGreaterThan(0)
      // The title names each hour that is not all OK (alike neighbours together), and says the rest were.
      const dayTitle = (await health.locator('.bars span').first().getAttribute('title'))!
      expect(dayTitle).toMatch(/^24 hours: 80\.00% up \(20\.00% warn\) of 10 checks; (no data|Error|Warning) /)
      const hoursIn = (state: string) =>
        [...dayTitle.matchAll(new RegExp(`${state} (\\d\\d):00–(\\d\\d):00`, 'g'))].reduce((n, m) => n + ((Number(m[2]) - Number(m[1]) + 24) % 24 || 24), 0)
      expect([hoursIn('Error'), hoursIn('Warning')]).toEqual([errorHours, warnHours])
      // Coloured by the worst check: error where an hour had one (one gradient, a stop per run of a colour).
      expect(await health.locator('.bars span').first().getAttribute('style')).toMatch(/^--c:.*var\(--error\)/)
      expect(await health.locator('.figures').innerText()).toMatch(/p50 50 ms · p95 100 ms · warn 20.00%/)

      // Sparklines where there is latency data in the last 24 hours: web:health, web:api, db:health.
      const sparks = page.locator('.latency svg')
      expect(await sparks.count()).toBe(3)
      for (let i = 0; i < 3; i++) {
        expect(await sparks.nth(i).getAttribute('role')).toBe('img')
        expect(await sparks.nth(i).locator('title').textContent()).toMatch(/^Hourly mean latency: \d+ ms to \d+ ms, latest \d+ ms$/)
        const box = await sparks.nth(i).boundingBox()
        expect(box!.width).toBeGreaterThan(50)
        expect(box!.height).toBeGreaterThan(10)
      }
      expect(await page.locator('li.endpoint', {hasText: 'gw:health'}).innerText()).toMatch(/No latency data in the last 24 hours/)

      // When it was made: a machine-readable time, recent.
      const generated = await page.locator('header time').getAttribute('datetime')
      // Within the run of mon report (whole milliseconds, or whole seconds if the page rounds them).
      expect(Date.parse(generated!)).toBeGreaterThanOrEqual(Math.floor(reported.from / 1000) * 1000)
      expect(Date.parse(generated!)).toBeLessThanOrEqual(reported.to)
      expect(await page.locator('footer').innerText()).toMatch(/Generated by mon at \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    } finally {
      await page.close()
    }

    // On a phone: nothing wider than the screen.
    const phone = await open(out, {width: 360, height: 740})
    try {
      expect(await phone.page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(360)
      const bar = await phone.page.locator('.bars span').first().boundingBox()
      expect(bar!.width).toBeGreaterThan(150)
      if (engine === 'sqlite') {
        mkdirSync(path.join(ROOT, 'test/.tmp'), {recursive: true})
        await phone.page.screenshot({path: path.join(ROOT, 'test/.tmp/status-page-phone.png'), fullPage: true})
      }
    } finally {
      await phone.page.close()
    }

    // Without script: every state, the attention list and every figure; each bar in the colour of its worst segment, without a title; no sparkline.
    const plain = await open(out, undefined, false)
    try {
      expect(plain.requests).toEqual([plain.url])
      expect(await words(plain.page.locator('article.entity h3'))).toEqual(['Warning web label', 'Stale db label', 'Stale gw label'])
      expect(await words(plain.page.locator('header nav a'))).toEqual(['Warning web label', 'Stale db label', 'Stale gw label'])
      const health = plain.page.locator('li.endpoint', {has: plain.page.locator('code', {hasText: /^web:health$/})})
      expect(await health.locator('.bars span').allInnerTexts()).toEqual(['80.00%', '66.66%'])
      expect(await health.locator('.figures').innerText()).toMatch(/p50 50 ms · p95 100 ms · warn 20.00%/)
      const day = health.locator('.bars span').first()
      expect(await day.getAttribute('title')).toBeNull()
      const error = await plain.page.locator('.legend .s-error').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el, '::before').backgroundColor)
      expect(await day.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundImage)).toContain(`linear-gradient(90deg, ${error}, ${error})`)
      expect(await plain.page.locator('.latency svg').count()).toBe(0)
    } finally {
      await plain.page.close()
    }
  })
})

describe.skipIf(!existsSync(CHROMIUM) && !inCi())('the status page with a hostile detail', () => {
  it('shows it as text, and the script still draws every bar', async () => {
    const hostile = '</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)>'
    const inventory: InventoryEntity[] = [{id: 'x:1', type: 'service', label: `${hostile} label`, owner: 'o', slo: null, endpoints: [endpoint('x:1:health', 'health')], registry: []}]
    const now = new Date()
    const latest = new Map([['x:1:health', {status: 'error' as const, detail: hostile, latency_ms: null, phases_ms: null, observed_at: now.toISOString()}]])
    const hour = now.toISOString().slice(0, 13)
    const status = buildStatus(inventory, {latest: latestOf(latest), windows: reads()}, {since: reportWindows(now).day[0]!.start, until: now.toISOString(), staleAfterMs: 0})
    const out = path.join(tmp.dir, 'hostile.html')
    writeFileSync(out, renderReportHtml(buildReport(status, new Map([['x:1:health', new Map([[hour, {ok: 1, warn: 0, error: 1, latency_sum: 12, latency_count: 1}]])]]), now)))

    const {page, requests, errors, url} = await open(out)
    try {
      expect(requests).toEqual([url])
      expect(errors).toEqual([])
      expect(await page.locator('script').count()).toBe(2)
      expect(await page.locator('li.endpoint .detail').innerText()).toMatch(new RegExp(`^${hostile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · checked \\d\\d:\\d\\d$`))
      expect(await page.locator('article.entity h3').innerText()).toContain(`${hostile} label`)
      expect(await page.locator('.bars span').first().getAttribute('title')).toMatch(/^24 hours: 50\.00% up of 2 checks; no data \d\d:00–\d\d:00; Error \d\d:00–\d\d:00, 2 checks, 50\.00% up$/)
      expect(await page.locator('.latency svg title').textContent()).toBe('Hourly mean latency: 12 ms to 12 ms, latest 12 ms')
    } finally {
      await page.close()
    }
  })
})

/**
 * A week of checks every 20 minutes with an outage and a slow spell: the page
 * a README shows. UPDATE_SCREENSHOT=1 writes it to docs/status-page.png.
 */
describe.skipIf(!existsSync(CHROMIUM) && !inCi())('the status page with a week of history', () => {
  it('colours each segment by the worst check in it and draws the latency curve', async () => {
    const {db, cleanup} = await freshDb('sqlite')
    const out = path.join(tmp.dir, 'week.html')
    try {
      await withDriver(db, async (d) => {
        await migrate(d)
        const at = new Date().toISOString()
        const inventory = [
          ['gateway:443', 'gateway', 'Edge gateway', 'platform', [['gateway:443:health', 'health']]],
          ['mlx:8100', 'backend', 'jerry-xl', 'mlx', [['mlx:8100:health', 'health'], ['mlx:8100:models', 'models']]],
          ['ov:9000', 'service', 'ov-llm-server', 'ov', [['ov:9000:api', 'api'], ['ov:9000:metrics', 'metrics']]],
        ] as const
        for (const [id, type, label, owner, endpoints] of inventory) {
          await d.run('INSERT INTO entities (id, type, label, owner, created_at, applied_at) VALUES (?, ?, ?, ?, ?, ?)', [id, type, label, owner, at, at])
          for (const [eid, kind] of endpoints) {
            await d.run('INSERT INTO endpoints (id, entity_id, kind, url, method, applied_at) VALUES (?, ?, ?, ?, ?, ?)', [eid, id, kind, `http://127.0.0.1:9/${kind}`, 'GET', at])
          }
        }
        await d.run('INSERT INTO registry_index (id, entity_id, registry_path, authority, format, applied_at) VALUES (?, ?, ?, ?, ?, ?)', [
          'registry:mlx:8100',
          'mlx:8100',
          './registries/mlx.json',
          'mlx-registry',
          'json',
          at,
        ])
        const now = Date.now()
        await d.transaction(async () => {
          const insert = (entity: string, ref: {endpoint?: string; registry?: string}, status: string, latency: number | null, t: number, detail: string) =>
            d.run('INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
              uuidv7(t),
              entity,
              ref.endpoint ?? null,
              ref.registry ?? null,
              status,
              detail,
              latency,
              new Date(t).toISOString(),
            ])
          for (let t = now - 7 * 24 * HOUR + 5 * MIN; t <= now - 2 * MIN; t += 20 * MIN) {
            const h = (now - t) / HOUR
            const wave = 12 + 6 * Math.sin(t / (3 * HOUR))
            await insert('gateway:443', {endpoint: 'gateway:443:health'}, 'ok', Math.round(wave), t, `200 OK in ${Math.round(wave)} ms`)
            // jerry-xl: down for 3 hours two days ago, and slow for the last 5 hours.
            const down = h > 50 && h < 53
            const slow = h < 5
            const latency = down ? null : Math.round(slow ? 1400 + 200 * Math.sin(t) : 80 + 20 * Math.sin(t / HOUR))
            await insert('mlx:8100', {endpoint: 'mlx:8100:health'}, down ? 'error' : slow ? 'warn' : 'ok', latency, t, down ? 'connect ECONNREFUSED 127.0.0.1:8100' : `200 OK in ${latency} ms`)
            await insert('mlx:8100', {endpoint: 'mlx:8100:models'}, down ? 'error' : 'ok', down ? null : 35, t, down ? 'timeout after 2000 ms' : '200 OK in 35 ms, 4 models')
            await insert('mlx:8100', {registry: 'registry:mlx:8100'}, 'ok', null, t, 'parsed, 4 entries')
            if (h > 30) await insert('ov:9000', {endpoint: 'ov:9000:api'}, 'ok', 210, t, '200 OK in 210 ms') // stopped reporting 30 h ago
            await insert('ov:9000', {endpoint: 'ov:9000:metrics'}, h > 20 && h < 21 ? 'error' : 'ok', 40, t, h > 20 && h < 21 ? 'expected 2xx, got 503' : '200 OK in 40 ms')
          }
        })
        // Written raw: their rollups, as mon check would have kept them.
        await rebuildRollups(d)
      })
      // Checked every 20 minutes: stale after an hour.
      const r = await mon(['report', '--out', out, '--db', db, '--title', 'Lab status', '--stale-after', '1h'])
      expect(r.code, r.stderr).toBe(0)
    } finally {
      await cleanup()
    }

    const {page, requests, errors, url} = await open(out, {width: 900, height: 900})
    try {
      expect(requests).toEqual([url])
      expect(errors).toEqual([])
      expect(await page.locator('main h2').allInnerTexts()).toEqual(['Services', 'Backends', 'Gateways'])
      const states = await words(page.locator('article.entity h3 b'))
      expect(states).toEqual(['Stale', 'Warning', 'OK'])
      const mlx = page.locator('li.endpoint', {has: page.locator('code', {hasText: /^mlx:8100:health$/})})
      const week = mlx.locator('.bars span').nth(1)
      // Down for 3 hours two days ago, slow for the last 5: an error run, and a warning last.
      expect(await week.getAttribute('title')).toMatch(/^7 days: .*; Error [^;]*; (.*; )?Warning [^;]*; the rest OK$/)
      expect(await week.getAttribute('style')).toMatch(/^--c:.*var\(--error\).*var\(--warn\) 0$/)
      // The 24-hour sparklines: all but ov:9000:api, which stopped reporting 30 hours ago.
      expect(await page.locator('.latency svg path').count()).toBe(4)
      const shot = process.env.UPDATE_SCREENSHOT ? path.join(ROOT, 'docs/status-page.png') : path.join(ROOT, 'test/.tmp/status-page.png')
      mkdirSync(path.dirname(shot), {recursive: true})
      await page.screenshot({path: shot, fullPage: true})
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG')
    } finally {
      await page.close()
    }
  })
})

describe.skipIf(!existsSync(CHROMIUM) && !inCi())('the status page with open alerts, maintenance and incidents', () => {
  it('shows the open alerts (with holds) and the maintenance at the top, and the incidents on the entity’s card, all as text', async () => {
    const hostile = '<img src=x onerror=alert(3)>'
    // Noon today: every time on the page (5 h ago to 1 h ahead) is then of the page's day and shown as HH:MM
    // (run in the hour before or after midnight, "until" and "since" carried a date and the test failed).
    const now = new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00.000Z`)
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString()
    const inventory: InventoryEntity[] = [{id: 'x:1', type: 'service', label: 'X', owner: 'o', slo: null, endpoints: [endpoint('x:1:health', 'health')], registry: []}]
    const status = buildStatus(inventory, {latest: latestOf(), windows: reads()}, {since: reportWindows(now).day[0]!.start, until: now.toISOString(), staleAfterMs: 0})
    const alerting = buildAlerting({
      alerts: [{id: 'a1', target_table: 'endpoints', target_id: 'x:1:health', entity_id: 'x:1', endpoint_id: 'x:1:health', registry_id: null, status: 'error', detail: hostile, opened_at: ago(90 * MIN), resolved_at: null, held: 'dependency', notifications: []}],
      windows: [{id: 'deploy', entities: ['x:1'], cron: null, duration: null, timezone: 'UTC', start: ago(HOUR), end: ago(-HOUR), reason: hostile, source: 'adhoc'}],
      incidents: new Map([['x:1', [
        {id: 'a1', target_table: 'endpoints', target_id: 'x:1:health', entity_id: 'x:1', status: 'error', opened_at: ago(90 * MIN), resolved_at: null},
        {id: 'a0', target_table: 'endpoints', target_id: 'x:1:health', entity_id: 'x:1', status: 'warn', opened_at: ago(5 * HOUR), resolved_at: ago(4 * HOUR)},
      ]]]),
      now,
    })
    const out = path.join(tmp.dir, 'alerts.html')
    writeFileSync(out, renderReportHtml(buildReport(status, new Map(), now, 'Service status', [], alerting)))
    const {page, requests, errors, url} = await open(out, {width: 390, height: 800})
    try {
      expect(requests).toEqual([url])
      expect(errors).toEqual([])
      expect(await words(page.locator('header .alerts li'))).toEqual([expect.stringMatching(new RegExp(`^Error x:1:health since \\d\\d:\\d\\d \\(1h 30m\\) · held: a dependency is down ${hostile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))])
      expect(await words(page.locator('header .maintenance li'))).toEqual([expect.stringMatching(/^Maintenance deploy until \d\d:\d\d: <img src=x onerror=alert\(3\)> x:1$/)])
      expect(await words(page.locator('article.entity .incidents li'))).toEqual([
        expect.stringMatching(/^x:1:health error from \d\d:\d\d, open for 1h 30m$/),
        expect.stringMatching(/^x:1:health warning from .+, resolved .+ after 1h$/),
      ])
      expect(await page.locator('img').count()).toBe(0)
      // Readable on a phone: nothing wider than the screen.
      expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390)
    } finally {
      await page.close()
    }
  })
})
