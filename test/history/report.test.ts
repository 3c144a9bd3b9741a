import {endpoint, figures, reads} from '../support/inventory.js'
import {describe, expect, it} from 'vitest'

import {buildReport, formatPercent} from '../../src/history/report.js'
import {escapeHtml, renderReportHtml} from '../../src/history/report-html.js'
import {SCRIPT_FUNCTIONS, jsonInScript, pageData} from '../../src/history/report-script.js'
import type {HourFigures} from '../../src/rows.js'
import {buildStatus} from '../../src/history/status.js'
import type {InventoryEntity} from '../../src/rows.js'

const now = new Date('2026-11-26T10:41:02.220Z')
const inventory: InventoryEntity[] = [
  {id: 'z:1', type: 'custom', label: 'Zed', owner: 'z', slo: null, endpoints: [], registry: []},
  {id: 'x:1', type: 'backend', label: '<script>alert(1)</script> & "x"', owner: 'o', slo: null, endpoints: [endpoint('x:1:health', 'health')], registry: []},
  {id: 'a:1', type: 'service', label: 'A', owner: 'o', slo: null, endpoints: [], registry: []},
]
const h = (ok: number, warn: number, error: number, latency_sum: number, latency_count: number): HourFigures => ({ok, warn, error, latency_sum, latency_count})
const hourly = new Map([
  [
    'x:1:health',
    new Map([
      ['2026-11-26T10', h(3, 1, 0, 40, 4)], // current hour: warn
      ['2026-11-26T08', h(2, 0, 2, 100, 2)], // errors, 2 without latency
      ['2026-11-25T11', h(1, 0, 0, 7, 1)], // first hour of the 24-hour bar
      ['2026-11-25T10', h(0, 0, 5, 0, 0)], // before the 24-hour bar, inside the 7-day one
    ]),
  ],
])
const status = buildStatus(inventory, {latest: new Map(), windows: reads()}, {since: '2026-11-25T11:00:00.000Z', until: now.toISOString(), staleAfterMs: 3_600_000})
const model = buildReport(status, hourly, now, 'Lab & co')

/** The page's script functions, run in Node as a browser runs them. */
const script = new Function(`${SCRIPT_FUNCTIONS}\nreturn {barTitle, barStops, sparkSvg}`)() as {
  barTitle(bar: unknown, code: string, uptime: string): string
  barStops(code: string): string | null
  sparkSvg(levels: string): string
}

/** The page's data block, read as the script reads it. */
function dataBlock(page: string): unknown {
  return JSON.parse(page.match(/<script type="application\/json" id="report-data">(.*?)<\/script>/)![1]!)
}

describe('buildReport', () => {
  it('groups by type in the model order, unknown types last', () => {
    expect(model.groups.map((g) => [g.type, g.entities.map((e) => e.id)])).toEqual([
      ['service', ['a:1']],
      ['backend', ['x:1']],
      ['custom', ['z:1']],
    ])
    expect(model.generated_at).toBe('2026-11-26T10:41:02.220Z')
  })

  it('builds 24 hourly and 28 six-hour segments, each with its worst state and figures', () => {
    const e = model.groups[1]!.entities[0]!.endpoints[0]!
    expect(e.day.segments).toHaveLength(24)
    expect(e.week.segments).toHaveLength(28)
    expect(e.day.segments[0]).toMatchObject({start: '2026-11-25T11:00:00.000Z', state: 'ok', checks: 1, uptime: 1})
    expect(e.day.segments[21]).toMatchObject({start: '2026-11-26T08:00:00.000Z', state: 'error', checks: 4, uptime: 0.5})
    expect(e.day.segments[22]).toMatchObject({state: 'none', checks: 0, uptime: null})
    expect(e.day.segments[23]).toMatchObject({state: 'warn', checks: 4, uptime: 1})
    // 24 hours: 1 + 4 + 4 checks, 7 up, 1 warn.
    expect([e.day.checks, e.day.warn, e.day.uptime]).toEqual([9, 1, 7 / 9])
    // 7 days adds the 5 errors of 2026-11-25T10.
    expect([e.week.checks, e.week.uptime]).toEqual([14, 7 / 14])
    expect(e.week.segments.at(-1)).toMatchObject({start: '2026-11-26T05:00:00.000Z', state: 'error', checks: 8})
    // Hourly mean latency, oldest first, null where an hour has none.
    expect(e.sparkline).toHaveLength(24)
    expect(e.sparkline[0]).toBe(7)
    expect(e.sparkline[21]).toBe(50)
    expect(e.sparkline[22]).toBeNull()
    expect(e.sparkline[23]).toBe(10)
  })
})

describe('renderReportHtml', () => {
  const html = renderReportHtml(model)

  it('is one self-contained document: its one data block and one inline script, no link, no external URL', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
    expect(html.match(/<script\b[^>]*>/gi)).toEqual(['<script type="application/json" id="report-data">', '<script>'])
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=/i)
    expect(html).not.toMatch(/https?:\/\//)
  })

  it('escapes every piece of text from the database', () => {
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;')
    expect(html).toContain('<title>Lab &amp; co</title>')
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;')
  })

  it('keeps a hostile detail out of the script: escaped in the text, never in the data block', () => {
    const hostile = '</script><script>alert(1)</script><!-- <script>'
    const latest = new Map([['x:1:health', {status: 'error' as const, detail: hostile, latency_ms: null, phases_ms: null, observed_at: '2026-11-26T10:40:00.000Z'}]])
    const hostileModel = buildReport(buildStatus(inventory, {latest, windows: reads()}, {since: status.since, until: now.toISOString(), staleAfterMs: 3_600_000}), hourly, now)
    const page = renderReportHtml(hostileModel)
    expect(page).toContain('<p class=detail>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &lt;script&gt; · checked')
    expect(page.match(/<script\b/gi)).toHaveLength(2)
    expect(page).not.toContain('<!--')
    expect(dataBlock(page)).toEqual(pageData(hostileModel))
  })

  it('writes JSON that no text can end its script element with, and that reads back the same', () => {
    const value = {s: '</script><!-- --> & \u2028 \u2029 <\/script>', n: [1, null]}
    const text = jsonInScript(value)
    expect(text).not.toMatch(/[<>&\u2028\u2029]/)
    expect(JSON.parse(text)).toEqual(value)
  })

  it('carries the figures the script draws in one data block, per endpoint in page order', () => {
    expect(dataBlock(html)).toEqual(pageData(model))
    expect(pageData(model)).toEqual({
      bars: [
        {label: '24 hours', start: '2026-11-25T11:00:00.000Z', hours: 1, dated: false},
        {label: '7 days', start: '2026-11-19T11:00:00.000Z', hours: 6, dated: true},
      ],
      endpoints: [['9+11.11% o1 n20 e1:4:50.00% n1 w1:4', '14+7.14% n23 e1:5:0.00% o1 n2 e1:8:75.00%', ['t....................b.s', '7 ms', '50 ms', '10 ms']]],
    })
  })

  it('titles the bars, with the warn share apart and every segment that is not all OK, and colours them by their worst segment without script', () => {
    const {bars, endpoints} = pageData(model)
    const [day, week] = endpoints[0]!
    expect(html).toContain('<p class=bars><span class="day s-error">77.77%</span><span class="week s-error">50.00%</span></p>')
    expect(script.barTitle(bars[0], day, '77.77%')).toBe(
      '24 hours: 77.77% up (11.11% warn) of 9 checks; no data 12:00–08:00; Error 08:00–09:00, 4 checks, 50.00% up; no data 09:00–10:00; Warning 10:00–11:00, 4 checks; the rest OK',
    )
    // The week's runs are dated: the five errors of 2026-11-25T10 fall in the 6-hour segment from 05:00; a run across midnight dates its end too.
    expect(script.barTitle(bars[1], week, '50.00%')).toBe(
      '7 days: 50.00% up (7.14% warn) of 14 checks; no data 11-19 11:00–11-25 05:00; Error 11-25 05:00–11:00, 5 checks, 0.00% up; no data 11-25 17:00–11-26 05:00; Error 11-26 05:00–11:00, 8 checks, 75.00% up; the rest OK',
    )
  })

  it('draws one colour per run of segments: a class when there is one, else one gradient', () => {
    const [day] = pageData(model).endpoints[0]!
    expect(script.barStops(day)).toBe('var(--ok) 0 4.2%,var(--none) 0 87.5%,var(--error) 0 91.7%,var(--none) 0 95.8%,var(--warn) 0')
    const allOkModel = buildReport(
      status,
      new Map([['x:1:health', new Map(Array.from({length: 24}, (_, i) => [`2026-11-${i < 13 ? 25 : 26}T${String((i + 11) % 24).padStart(2, '0')}`, h(60, 0, 0, 600, 60)]))]]),
      now,
    )
    expect(renderReportHtml(allOkModel)).toContain('<span class="day s-ok">100.00%</span>')
    const {bars, endpoints} = pageData(allOkModel)
    expect(endpoints[0]![0]).toBe('1440 o24')
    expect(script.barStops('1440 o24')).toBeNull()
    expect(script.barTitle(bars[0], '1440 o24', '100.00%')).toBe('24 hours: 100.00% up of 1440 checks; all OK')
  })

  it('draws the sparkline as one path, broken where an hour has no data', () => {
    const [, , spark] = pageData(model).endpoints[0]!
    // Hours 0, 21 and 23 each alone, so three dots (round caps on zero-length lines).
    expect(script.sparkSvg(spark![0])).toBe('<svg role=img viewBox="0 0 23 20" preserveAspectRatio=none><title></title><path d="M0 19h0M21 1h0M23 18h0"/></svg>')
    expect(script.sparkSvg('abc.ddz')).toMatch(/<path d="M0 0l1 1 1 1M4 3l1 0 1 22"\/>/)
    expect(html).not.toContain('No latency data')
  })

  it('lists entities problems first (error, warn, stale, ok, then id) and names those that need attention in the header, each a link to its card', () => {
    const fresh = '2026-11-26T10:40:00.000Z'
    const fleet: InventoryEntity[] = ['ok', 'stale', 'warn', 'error', 'error'].map((state, i) => ({
      id: `${state}-${i}`,
      type: 'service',
      label: `${state} ${i}`,
      owner: 'o',
      slo: null,
      endpoints: [endpoint(`${state}-${i}:health`, 'health')],
      registry: [],
    }))
    const latest = new Map(
      fleet.filter((e) => e.id !== 'stale-1').map((e) => [e.endpoints[0]!.id, {status: e.id.split('-')[0] as 'ok', detail: null, latency_ms: null, phases_ms: null, observed_at: fresh}]),
    )
    const page = renderReportHtml(buildReport(buildStatus(fleet, {latest, windows: reads()}, {since: status.since, until: now.toISOString(), staleAfterMs: 3_600_000}), new Map(), now))
    const nav = page.match(/<nav aria-label="Needs attention">.*<\/nav>/)![0]
    expect([...nav.matchAll(/<a href="#(entity-[^"]+)"><b class=s-(\w+)>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['entity-error-3', 'error'],
      ['entity-error-4', 'error'],
      ['entity-warn-2', 'warn'],
      ['entity-stale-1', 'stale'],
    ])
    expect([...page.matchAll(/<article class="entity s-\w+" id="([^"]+)">/g)].map((m) => m[1])).toEqual(['entity-error-3', 'entity-error-4', 'entity-warn-2', 'entity-stale-1', 'entity-ok-0'])
    expect(page).toContain('4 of 5 entities need attention.')
    expect(page).toContain('5 entities: 2 error, 1 warning, 1 stale, 1 ok.')
  })

  it('draws a sparkline with one point as a dot with its value beside it', () => {
    const one = new Map([['x:1:health', new Map([['2026-11-26T08', h(1, 0, 0, 42, 1)]])]])
    const [, , spark] = pageData(buildReport(status, one, now)).endpoints[0]!
    expect(spark).toEqual(['.....................k..', '42 ms', '42 ms', '42 ms'])
    expect(script.sparkSvg(spark![0])).toBe(
      '<svg class=point role=img viewBox="0 0 230 40"><title></title><circle cx="210" cy="20" r="3"/><text x="203" y="25" text-anchor="end"></text></svg>',
    )
    expect(script.sparkSvg('k.......')).toContain('<text x="7" y="25"></text>')
  })

  it('never rounds a failure up to 100%', () => {
    expect(formatPercent(0.99999)).toBe('99.99%')
    expect(formatPercent(1)).toBe('100.00%')
    expect(formatPercent(0.29)).toBe('29.00%')
    expect(formatPercent(null)).toBe('no data')
  })
})

describe('entityAnchor', () => {
  it('gives ids that differ only in punctuation anchors of their own', async () => {
    const {entityAnchor} = await import('../../src/history/report-html.js')
    const anchors = ['a.b', 'a:b', 'a/b', 'a-b', 'a_b', 'a b'].map(entityAnchor)
    expect(new Set(anchors).size).toBe(6)
    for (const anchor of anchors) expect(anchor).toMatch(/^entity-[A-Za-z0-9_-]+$/)
    expect(entityAnchor('gw')).toBe('entity-gw')
  })
})

describe('coverage and SLOs on the page', () => {
  // x:1:health applied at 08:41:02.220: 119 checks due by 10:41:02.220 at one a minute; 9 in the window.
  const applied = [{...inventory[1]!, endpoints: [endpoint('x:1:health', 'health', {activated_at: '2026-11-26T08:41:02.220Z'})]}]
  const windows = reads(new Map([['x:1:health', figures(7, 1, 1)]]))
  const covered = buildStatus(applied, {latest: new Map(), windows}, {since: status.since, until: now.toISOString(), staleAfterMs: null})
  const slos = [
    {id: 'x:1', target: 0.995, window: '30d', compliance: 0.99812, budget_remaining: 0.624, burn_rate_1h: 0, burn_rate_6h: 0.4, latency_p95_ms: 412, ok: true},
    {id: 'x:1:health', target: 0.99, window: '7d', compliance: 0.9712, budget_remaining: -1.88, burn_rate_1h: 3, burn_rate_6h: 2, latency_p95_ms: null, ok: false},
    {id: 'elsewhere', target: 0.9, window: '1d', compliance: null, budget_remaining: null, burn_rate_1h: null, burn_rate_6h: null, latency_p95_ms: null, ok: null},
  ]
  const m = buildReport(covered, hourly, now, 'Lab', slos)
  const page = renderReportHtml(m)

  it('shows each endpoint\'s coverage over the 24 hours, and says when it has gaps', () => {
    expect(m.groups[0]!.entities[0]!.endpoints[0]!.coverage).toBe(9 / 119)
    expect(page).toContain('· coverage <b>7.56%</b> (gaps)</span>')
  })

  it('shows an entity\'s SLOs and its endpoints\' on its card, each met or broken with its budget left', () => {
    expect(m.groups[0]!.entities[0]!.slos.map((s) => s.id)).toEqual(['x:1', 'x:1:health'])
    expect(page).toContain('<p class=slo><b class=s-ok>Met</b> SLO <code>x:1</code> 99.50% over 30d: <b>99.81%</b> · budget left <b>62.40%</b> · p95 <b>412 ms</b></p>')
    expect(page).toContain('<p class=slo><b class=s-error>Broken</b> SLO <code>x:1:health</code> 99.00% over 7d: <b>97.12%</b> · budget left <b>-188.00%</b></p>')
    // An SLO of an entity not on the page is not drawn.
    expect(page).not.toContain('elsewhere')
    expect(renderReportHtml(buildReport(covered, hourly, now, 'Lab', [{...slos[0]!, compliance: null, budget_remaining: null, ok: null}]))).toContain(
      '<b class=s-none>Unknown</b> SLO <code>x:1</code> 99.50% over 30d: no checks due yet · p95',
    )
  })
})
