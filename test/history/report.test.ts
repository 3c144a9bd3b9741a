import {describe, expect, it} from 'vitest'

import {buildReport, escapeHtml, formatPercent, renderReportHtml} from '../../src/history/report.js'
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

  it('labels bars and sparklines for screen readers, with the warn share apart', () => {
    expect(html).toContain('aria-label="Uptime over 24 hours: 77.77% (11.11% warn) of 9 checks; 1 segments with errors, 1 with warnings"')
    expect(html).toContain('aria-label="Latency over the last 24 hours, hourly mean: min 7 ms, max 50 ms, latest 10 ms"')
    expect(html.match(/class="uptime-bar"/g)).toHaveLength(2)
    // A gap in the data breaks the line: two runs, hours 0 and 21, and hour 23 alone as a dot.
    expect(html.match(/<polyline /g)?.length ?? 0).toBe(0)
    expect(html.match(/<circle /g)).toHaveLength(3)
  })

  it('never rounds a failure up to 100%', () => {
    expect(formatPercent(0.99999)).toBe('99.99%')
    expect(formatPercent(1)).toBe('100.00%')
    expect(formatPercent(0.29)).toBe('29.00%')
    expect(formatPercent(null)).toBe('no data')
  })
})
