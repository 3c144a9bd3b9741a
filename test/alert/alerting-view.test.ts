/** The status page's and mon status's alerting, pure: from records to the view, the HTML pieces and the text lines. */
import {describe, expect, it} from 'vitest'

import type {AlertRecord, IncidentRecord} from '../../src/alert/records.js'
import type {MaintenanceWindow} from '../../src/config/model.js'
import {buildAlerting, NO_ALERTING} from '../../src/history/alerting.js'
import {renderAlertingText} from '../../src/history/alerting-text.js'
import {renderAlertingTop, renderEntityAlerting} from '../../src/history/report-alerts.js'
import {NO_PAINT} from '../../src/terminal.js'

const now = new Date('2026-12-01T12:00:00.000Z')
const alert = (id: string, entity_id: string, over: Partial<AlertRecord> = {}): AlertRecord => ({
  id, target_table: 'endpoints', target_id: `${entity_id}:health`, entity_id, endpoint_id: `${entity_id}:health`, registry_id: null,
  status: 'error', detail: 'HTTP 500', opened_at: '2026-12-01T10:00:00.000Z', resolved_at: null, held: null, notifications: [], ...over,
})
const window = (id: string, entities: string[], over: Partial<MaintenanceWindow> = {}): MaintenanceWindow => ({
  id, entities, cron: null, duration: null, timezone: 'UTC', start: '2026-12-01T11:00:00.000Z', end: '2026-12-01T13:00:00.000Z', reason: null, source: 'file', ...over,
})
const incident = (id: string, entity_id: string, opened_at: string, resolved_at: string | null): IncidentRecord => ({id, target_table: 'endpoints', target_id: `${entity_id}:health`, entity_id, status: 'error', opened_at, resolved_at})

const view = buildAlerting({
  alerts: [alert('a1', 'web'), alert('a2', 'db', {status: 'warn', held: 'maintenance', detail: '<b>slow</b>', opened_at: '2026-12-01T11:30:00.000Z'}), alert('a3', 'gone'), alert('a4', 'web', {resolved_at: '2026-12-01T11:00:00.000Z'})],
  windows: [
    window('db-move', ['db', 'gone'], {reason: 'moving <disks>'}),
    window('nightly', ['web'], {cron: '30 23 * * *', duration: 3_600_000, timezone: 'Europe/Berlin', start: null, end: null}),
    window('over', ['web'], {end: '2026-12-01T12:00:00.000Z'}),
    window('adhoc-0000000a', ['web'], {source: 'adhoc', end: '2026-12-01T12:30:00.000Z'}),
  ],
  incidents: new Map([
    ['web', [incident('a1', 'web', '2026-12-01T10:00:00.000Z', null), incident('a5', 'web', '2026-11-30T23:00:00.000Z', '2026-11-30T23:45:00.000Z')]],
    ['gone', [incident('a3', 'gone', '2026-12-01T09:00:00.000Z', null)]],
  ]),
  now,
  entities: new Set(['web', 'db']),
})

describe('buildAlerting', () => {
  it('keeps the page’s entities’ open alerts, the windows active now (soonest end first), and incidents with how long each lasted', () => {
    expect(view.open.map((a) => a.id)).toEqual(['a1', 'a2'])
    expect(view.maintenance).toEqual([
      {id: 'adhoc-0000000a', source: 'adhoc', entities: ['web'], start: '2026-12-01T11:00:00.000Z', end: '2026-12-01T12:30:00.000Z', reason: null},
      {id: 'db-move', source: 'file', entities: ['db'], start: '2026-12-01T11:00:00.000Z', end: '2026-12-01T13:00:00.000Z', reason: 'moving <disks>'},
    ])
    expect([...view.incidents.keys()]).toEqual(['web'])
    expect(view.incidents.get('web')!.map((i) => [i.id, i.duration_ms])).toEqual([['a1', 2 * 3_600_000], ['a5', 45 * 60_000]])
  })

  it('a recurring window counts when its occurrence covers now', () => {
    const late = buildAlerting({alerts: [], windows: [window('nightly', ['web'], {cron: '30 23 * * *', duration: 3_600_000, timezone: 'Europe/Berlin', start: null, end: null})], incidents: new Map(), now: new Date('2026-12-01T23:15:00.000Z')})
    expect(late.maintenance).toEqual([{id: 'nightly', source: 'file', entities: ['web'], start: '2026-12-01T22:30:00.000Z', end: '2026-12-01T23:30:00.000Z', reason: null}])
  })
})

describe('the status page’s alerting', () => {
  const top = renderAlertingTop(view, now.toISOString())

  it('lists open alerts with since, hold and detail, and active maintenance, escaped', () => {
    expect(top).toContain('<h2 id=open-alerts>Open alerts (2)</h2>')
    expect(top).toContain('<li><b class=s-error>Error</b> <code>web:health</code> since <time datetime="2026-12-01T10:00:00.000Z">10:00</time> (2h) <span class=detail>HTTP 500</span></li>')
    expect(top).toContain('<code>db:health</code> since <time datetime="2026-12-01T11:30:00.000Z">11:30</time> (30m) · <i>held: in maintenance</i> <span class=detail>&lt;b&gt;slow&lt;/b&gt;</span>')
    expect(top).toContain('<h2 id=maintenance-now>In maintenance</h2>')
    expect(top).toContain('<b class=s-maintenance>Maintenance</b> <code>db-move</code> until <time datetime="2026-12-01T13:00:00.000Z">13:00</time>: moving &lt;disks&gt; <span class=muted>db</span>')
    expect(top).not.toContain('<disks>')
    expect(renderAlertingTop(NO_ALERTING, now.toISOString())).toBe('')
  })

  it('puts an entity’s window and its incidents on its card, newest first, open ones for how long so far', () => {
    const web = renderEntityAlerting(view, 'web', '2026-12-01')
    expect(web).toContain('<p class=in-maintenance><b class=s-maintenance>Maintenance</b> <code>adhoc-0000000a</code> until')
    expect(web).toContain('<p class=incidents-h>Incidents, last 7 days</p>')
    expect(web).toContain(
      '<ul class=incidents><li><code>web:health</code> error from <time datetime="2026-12-01T10:00:00.000Z">10:00</time>, <b class=s-error>open</b> for 2h</li>' +
        '<li><code>web:health</code> error from <time datetime="2026-11-30T23:00:00.000Z">2026-11-30 23:00 UTC</time>, resolved <time datetime="2026-11-30T23:45:00.000Z">2026-11-30 23:45 UTC</time> after 45m</li></ul>',
    )
    expect(renderEntityAlerting(view, 'gw', '2026-12-01')).toBe('')
  })
})

describe('mon status’s alerting lines', () => {
  it('open alerts with holds, then the maintenance active now', () => {
    expect(renderAlertingText(view, {paint: NO_PAINT, now})).toEqual([
      '',
      'Open alerts (2):',
      '  error  web:health  since 2h ago                      HTTP 500',
      '  warn   db:health   since 30m ago  held: maintenance  <b>slow</b>',
      '',
      'In maintenance:',
      '  adhoc-0000000a  web  until 2026-12-01 12:30 UTC',
      '  db-move         db   until 2026-12-01 13:00 UTC  moving <disks>',
    ])
    expect(renderAlertingText(NO_ALERTING, {paint: NO_PAINT, now})).toEqual([])
  })
})
