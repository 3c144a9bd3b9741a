import {describe, expect, it} from 'vitest'

import {buildReport, formatPercent} from '../../src/history/report.js'
import {escapeHtml, renderReportHtml} from '../../src/history/report-html.js'
import type {HourFigures} from '../../src/rows.js'
import {buildStatus} from '../../src/history/status.js'
import type {InventoryEntity} from '../../src/rows.js'

const now = new Date('2026-11-26T10:41:02.220Z')
const inventory: InventoryEntity[] = [
  {id: 'z:1', type: 'custom', label: 'Zed', owner: 'z', endpoints: [], registry: []},
  {id: 'x:1', type: 'backend', label: '<script>alert(1)</script> & "x"', owner: 'o', endpoints: [{id: 'x:1:health', kind: 'health'}], registry: []},
  {id: 'a:1', type: 'service', label: 'A', owner: 'o', endpoints: [], registry: []},
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
const status = buildStatus(inventory, {latest: new Map(), windows: new Map()}, {since: '2026-11-25T11:00:00.000Z', staleBefore: '2026-11-26T09:41:02.220Z'})
const model = buildReport(status, hourly, now, 'Lab & co')

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

  it('is one self-contained document: no script, no link, no external URL', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i)
    expect(html).not.toMatch(/https?:\/\//)
  })

  it('escapes every piece of text from the database', () => {
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;')
    expect(html).toContain('<title>Lab &amp; co</title>')
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;')
  })

  it('labels bars and sparklines for screen readers, with the warn share apart and every segment that is not all OK', () => {
    expect(html).toContain(
      'title="24 hours: 77.77% up (11.11% warn) of 9 checks; no data 12:00–08:00; Error 08:00–09:00, 4 checks, 50.00% up; no data 09:00–10:00; Warning 10:00–11:00, 4 checks; the rest OK"',
    )
    // The week's dated runs: the five errors of 2026-11-25T10 fall in the 6-hour segment from 05:00.
    expect(html).toContain('Error 11-25 05:00–11:00, 5 checks, 0.00% up')
    expect(html).toContain('<title>Hourly mean latency: 7 ms to 50 ms, latest 10 ms</title>')
    expect(html.match(/<span role=img class="?(day|week)/g)).toHaveLength(2)
    // A gap breaks the line: hours 0, 21 and 23 each alone, so three dots (round caps on zero-length lines).
    expect(html.match(/<path d="([^"]*)"/)![1]).toBe('M0 19h0M21 1h0M23 18h0')
  })

  it('draws one colour per run of segments: a class when there is one, else one gradient', () => {
    expect(html).toContain('style="--c:var(--ok) 0 4.2%,var(--none) 0 87.5%,var(--error) 0 91.7%,var(--none) 0 95.8%,var(--warn) 0"')
    const allOk = renderReportHtml(
      buildReport(status, new Map([['x:1:health', new Map(Array.from({length: 24}, (_, i) => [`2026-11-${i < 13 ? 25 : 26}T${String((i + 11) % 24).padStart(2, '0')}`, h(60, 0, 0, 600, 60)]))]]), now),
    )
    expect(allOk).toContain('<span role=img class="day s-ok" title="24 hours: 100.00% up of 1440 checks; all OK">100.00%</span>')
  })

  it('lists entities problems first (error, warn, stale, ok, then id) and names those that need attention in the header, each a link to its card', () => {
    const fresh = '2026-11-26T10:40:00.000Z'
    const fleet: InventoryEntity[] = ['ok', 'stale', 'warn', 'error', 'error'].map((state, i) => ({
      id: `${state}-${i}`,
      type: 'service',
      label: `${state} ${i}`,
      owner: 'o',
      endpoints: [{id: `${state}-${i}:health`, kind: 'health'}],
      registry: [],
    }))
    const latest = new Map(
      fleet.filter((e) => e.id !== 'stale-1').map((e) => [e.endpoints[0]!.id, {status: e.id.split('-')[0] as 'ok', detail: null, latency_ms: null, phases_ms: null, observed_at: fresh}]),
    )
    const page = renderReportHtml(buildReport(buildStatus(fleet, {latest, windows: new Map()}, {since: status.since, staleBefore: '2026-11-26T09:41:02.220Z'}), new Map(), now))
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
    const page = renderReportHtml(buildReport(status, one, now))
    expect(page).toMatch(/<svg class=point role=img viewBox="0 0 230 40"><title>Hourly mean latency: 42 ms to 42 ms, latest 42 ms<\/title><circle cx="210" cy="20" r="3"\/><text x="203" y="25" text-anchor="end">42 ms<\/text><\/svg>/)
  })

  it('never rounds a failure up to 100%', () => {
    expect(formatPercent(0.99999)).toBe('99.99%')
    expect(formatPercent(1)).toBe('100.00%')
    expect(formatPercent(0.29)).toBe('29.00%')
    expect(formatPercent(null)).toBe('no data')
  })
})
