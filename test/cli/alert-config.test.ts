/**
 * Notifiers, alert settings, depends_on and maintenance windows applied like
 * the rest of the file (SPEC section 7): plan field by field, apply, drift,
 * retire-never-delete, revive, saved plans and export, on both engines, and
 * no `${VAR}` ever resolved on the way.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import {readAlertConfig} from '../../src/store/alert-config.js'
import type {Engine} from '../../src/store/driver.js'
import {ENGINES} from '../support/engines.js'
import {expectOk, monAt, sql, withDb, workspace} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

const SECRET = 'https://hooks.slack.com/services/T0/B0/s3cr3t-value'
const ENV = {SLACK_WEBHOOK_URL: SECRET, HOOK_TOKEN: 's3cr3t-token'}

function config(over: {after?: number; slackUrl?: string; withHook?: boolean} = {}): string {
  const hook = over.withHook ?? true
  return `version: 1
notifiers:
  - id: ops-slack
    type: slack
    url: ${over.slackUrl ?? '${SLACK_WEBHOOK_URL}'}
${
  hook
    ? `  - id: hook
    type: webhook
    url: http://127.0.0.1:9/hook
    headers:
      Authorization: Bearer \${HOOK_TOKEN}
`
    : ''
}defaults:
  alert:
    notify: [ops-slack]
    after: ${over.after ?? 2}
entities:
  - id: api
    type: service
    label: API
    owner: ops
    depends_on: [queue, db]
    alert:
      on: warn
    endpoints:
      - kind: health
        url: http://127.0.0.1:1/health
        alert:
          notify: [${hook ? 'ops-slack, hook' : 'ops-slack'}]
          remind_every: 4h
  - id: db
    type: backend
    label: DB
    owner: ops
    registry:
      - path: http://127.0.0.1:9/db.json
        authority: ops
  - id: queue
    type: backend
    label: Queue
    owner: ops
maintenance:
  - id: nightly
    entities: [db, api]
    cron: "0 3 * * *"
    duration: 30m
    timezone: Europe/Berlin
    reason: backups
  - id: move
    entities: [db]
    start: 2026-12-05T22:00:00Z
    end: 2026-12-05T23:30:00Z
`
}

describe.each(ENGINES)('alert configuration on %s', (engine: Engine) => {
  const ws = workspace(engine)
  const write = (text: string, name = 'monitors.yaml') => writeFileSync(path.join(ws.dir, name), text)
  const run = (args: string[]) => monAt(ws.dir, ws.db, args, ENV)

  it('applies notifiers, merged alert settings, depends_on and windows in their stored forms; plans clean after', async () => {
    write(config())
    const plan = expectOk(await run(['plan']))
    expect(plan.stdout).toContain('  + notifier ops-slack')
    expect(plan.stdout).toContain('      url: "${SLACK_WEBHOOK_URL}"')
    expect(plan.stdout).toContain('      headers.Authorization: "Bearer ${HOOK_TOKEN}"')
    expect(plan.stdout).toContain('  + maintenance window nightly')
    expect(plan.stdout).toContain('      depends_on: ["db","queue"]')
    expect(plan.stdout).toContain('      alert.remind_every:   "4h"')
    expectOk(await run(['apply']))

    expect(await sql(ws.db, 'SELECT id, type, settings_json, retired_at FROM notifiers ORDER BY id')).toEqual([
      {id: 'hook', type: 'webhook', settings_json: '{"headers":{"Authorization":"Bearer ${HOOK_TOKEN}"},"url":"http://127.0.0.1:9/hook"}', retired_at: null},
      {id: 'ops-slack', type: 'slack', settings_json: '{"url":"${SLACK_WEBHOOK_URL}"}', retired_at: null},
    ])
    expect(await sql(ws.db, 'SELECT id, depends_on_json FROM entities ORDER BY id')).toEqual([
      {id: 'api', depends_on_json: '["db","queue"]'},
      {id: 'db', depends_on_json: null},
      {id: 'queue', depends_on_json: null},
    ])
    expect(await sql(ws.db, 'SELECT alert_json FROM endpoints')).toEqual([
      {alert_json: '{"after":2,"notify":["ops-slack","hook"],"on":"warn","recover_after":1,"remind_every":14400000}'},
    ])
    expect(await sql(ws.db, 'SELECT alert_json FROM registry_index')).toEqual([{alert_json: '{"after":2,"notify":["ops-slack"],"on":"error","recover_after":1,"remind_every":null}'}])
    expect(await sql(ws.db, 'SELECT id, entities_json, cron, duration, timezone, start_at, end_at, reason FROM maintenance_windows ORDER BY id')).toEqual([
      {id: 'move', entities_json: '["db"]', cron: null, duration: null, timezone: 'UTC', start_at: '2026-12-05T22:00:00.000Z', end_at: '2026-12-05T23:30:00.000Z', reason: null},
      {id: 'nightly', entities_json: '["api","db"]', cron: '0 3 * * *', duration: '30m', timezone: 'Europe/Berlin', start_at: null, end_at: null, reason: 'backups'},
    ])
    // What check and notify read back.
    const alertConfig = await withDb(ws.db, readAlertConfig)
    expect(alertConfig.settings.endpoints.get('api:health')).toEqual({notify: ['ops-slack', 'hook'], on: 'warn', after: 2, recover_after: 1, remind_every: 14_400_000})
    expect(alertConfig.dependsOn.get('api')).toEqual(['db', 'queue'])
    expect(alertConfig.windows.map((w) => [w.id, w.duration])).toEqual([['move', null], ['nightly', 1_800_000]])

    const again = await run(['plan', '--detailed-exitcode'])
    expect(again.code, again.stdout).toBe(0)
  })

  it('a changed setting is one field; a hand edit is drift; a notifier taken out is retired, keeps its row, and comes back', async () => {
    write(config())
    expectOk(await run(['apply']))
    write(config({after: 3}))
    const plan = expectOk(await run(['plan']))
    expect(plan.stdout).toContain('  ~ endpoint api:health\n      alert.after: 2 -> 3\n      (14 unchanged fields hidden)\n')
    expect(plan.stdout).toContain('  ~ registry registry:db\n      alert.after: 2 -> 3\n')
    expectOk(await run(['apply']))

    await sql(ws.db, `UPDATE notifiers SET settings_json = '{"url":"http://127.0.0.1:9/elsewhere"}' WHERE id = 'ops-slack'`)
    const drift = expectOk(await run(['plan']))
    expect(drift.stdout).toContain('Drift: changed in the database by hand since the last apply; this plan puts them back:\n  ~ notifier ops-slack\n      url: "http://127.0.0.1:9/elsewhere" -> "${SLACK_WEBHOOK_URL}"\n')
    expectOk(await run(['apply']))

    write(config({after: 3, withHook: false}))
    const retire = expectOk(await run(['plan', '--json']))
    const changes = JSON.parse(retire.stdout).changes as Array<{action: string; table: string; id: string}>
    expect(changes.filter((c) => c.action === 'retire')).toEqual([expect.objectContaining({table: 'notifiers', id: 'hook'})])
    expectOk(await run(['apply']))
    expect(await sql(ws.db, "SELECT id, retired_at IS NOT NULL AS retired FROM notifiers WHERE id = 'hook'")).toEqual([{id: 'hook', retired: engine === 'sqlite' ? 1 : true}])
    expect((await withDb(ws.db, readAlertConfig)).notifiers.get('hook')?.retired).toBe(true)

    write(config({after: 3}))
    const revive = expectOk(await run(['plan']))
    expect(revive.stdout).toContain('  ↺ notifier hook')
    expectOk(await run(['apply']))
    expect(await sql(ws.db, "SELECT retired_at FROM notifiers WHERE id = 'hook'")).toEqual([{retired_at: null}])
  })

  it('shows the new tables in JSON and markdown; a saved plan and an export carry them, and the export plans clean', async () => {
    write(config())
    const json = JSON.parse(expectOk(await run(['plan', '--json'])).stdout) as {changes: Array<{table: string; id: string}>}
    expect(json.changes.filter((c) => c.table === 'notifiers' || c.table === 'maintenance_windows').map((c) => `${c.table}:${c.id}`)).toEqual([
      'notifiers:hook',
      'notifiers:ops-slack',
      'maintenance_windows:move',
      'maintenance_windows:nightly',
    ])
    const text = expectOk(await run(['plan'])).stdout
    const markdown = expectOk(await run(['plan', '--format', 'markdown'])).stdout
    expect(markdown).toContain('notifier')
    expect(markdown).toContain('maintenance window')

    expectOk(await run(['plan', '--out', 'plan.json']))
    const saved = readFileSync(path.join(ws.dir, 'plan.json'), 'utf8')
    expectOk(await run(['apply', 'plan.json']))
    const exported = expectOk(await run(['export'])).stdout
    for (const out of [text, saved, exported, markdown, JSON.stringify(json)]) {
      expect(out).not.toContain('s3cr3t')
    }
    expect(exported).toContain('notifiers:\n  - id: hook\n')
    expect(exported).toContain('    depends_on: [db, queue]\n')
    expect(exported).toContain('maintenance:\n')
    write(exported, 'exported.yaml')
    const clean = await run(['plan', '-c', 'exported.yaml', '--detailed-exitcode'])
    expect(clean.code, clean.stdout).toBe(0)

    // The secrets are in the environment of every run above, and nowhere in the database.
    const rows = await withDb(ws.db, async (driver) => {
      const out: unknown[] = []
      for (const table of ['entities', 'endpoints', 'registry_index', 'notifiers', 'maintenance_windows', 'apply_runs']) out.push(await driver.all(`SELECT * FROM ${table}`))
      return JSON.stringify(out)
    })
    expect(rows).toContain('${SLACK_WEBHOOK_URL}')
    expect(rows).not.toContain('s3cr3t')
  })
})
