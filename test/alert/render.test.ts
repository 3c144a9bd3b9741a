import {describe, expect, it} from 'vitest'

import type {NotificationRecord} from '../../src/alert/records.js'
import {notificationSummary, renderAlertsText, spanText} from '../../src/alert/render.js'
import {NO_PAINT} from '../../src/terminal.js'

const n = (over: Partial<NotificationRecord>): NotificationRecord => ({
  id: 'n',
  notifier_id: 'hook',
  event: 'open',
  state: 'sent',
  attempts: 1,
  created_at: '2026-12-01T10:00:00.000Z',
  next_attempt_at: '2026-12-01T10:00:00.000Z',
  sent_at: null,
  last_error: null,
  ...over,
})

describe('alerts text', () => {
  it('spanText: seconds, minutes, hours and minutes, days and hours', () => {
    expect([0, 45_000, 20 * 60_000, 3_600_000, 80 * 60_000, 24 * 3_600_000, 51 * 3_600_000 + 59 * 60_000].map(spanText)).toEqual(['0s', '45s', '20m', '1h', '1h 20m', '1d', '2d 3h'])
  })

  it('notificationSummary: sent, pending, failed always; in flight and dropped when any', () => {
    expect(notificationSummary([])).toBe('no notifiers')
    expect(notificationSummary([n({}), n({state: 'pending'}), n({state: 'pending'})])).toBe('sent 1 · pending 2 · failed 0')
    expect(notificationSummary([n({state: 'dropped'}), n({state: 'in_flight'})])).toBe('sent 0 · pending 0 · failed 0 · in flight 1 · dropped 1')
  })

  it('a pending notification that failed before says when it is tried next; a first try says nothing', () => {
    const alert = {
      id: 'a', target_table: 'endpoints' as const, target_id: 'web:health', entity_id: 'web', endpoint_id: 'web:health', registry_id: null,
      status: 'error' as const, detail: 'down\u001b[31m', opened_at: '2026-12-01T10:00:00.000Z', resolved_at: null, held: null,
      notifications: [
        n({state: 'pending', attempts: 2, last_error: 'HTTP 500', next_attempt_at: '2026-12-01T12:01:00.000Z'}),
        n({notifier_id: 'slack', state: 'pending', attempts: 0}),
        n({notifier_id: 'pd', state: 'pending', attempts: 1, last_error: null, next_attempt_at: '2026-12-01T11:00:00.000Z'}),
      ],
    }
    expect(renderAlertsText([alert], {paint: NO_PAINT, now: new Date('2026-12-01T12:00:00.000Z'), all: false})).toBe(
      [
        '1 open alert',
        '  error  web:health  since 2h ago  sent 0 · pending 3 · failed 0    down\\u001b[31m',
        '      hook open: pending after 2 attempts: HTTP 500; next in 1m',
        '      pd open: pending after 1 attempt',
        '',
      ].join('\n'),
    )
  })
})
