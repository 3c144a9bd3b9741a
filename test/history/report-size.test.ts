/**
 * The status page stays small: 60 entities × 3 endpoints with a realistic
 * day of history (day-fixture.ts) was 1.23 MB and is now about 114 KB (108 KB before coverage); the
 * bound (120 KiB) leaves room for the hour the test runs at. Figures: bench/status.md.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import {mon, tempDir} from '../support/cli.js'
import type {PageData} from '../../src/history/report-script.js'
import {FLEET, seedFleetDay} from './day-fixture.js'

vi.setConfig({testTimeout: 120_000})

describe('mon report for 60 entities × 3 endpoints and a day of history', () => {
  it('is at most 120 KiB and still shows every endpoint with its bars and figures, and carries every bar and sparkline to draw', async () => {
    const {dir, cleanup} = tempDir('mon-report-size-')
    try {
      const db = path.join(dir, 'monitor.db')
      await seedFleetDay(db)
      const out = path.join(dir, 'status.html')
      const r = await mon(['report', '--out', out, '--db', db])
      expect(r.code, r.stderr).toBe(0)
      const html = readFileSync(out, 'utf8')
      const bytes = Buffer.byteLength(html)
      console.log(`status page, ${FLEET.entities} entities × ${FLEET.kinds.length} endpoints, a day of checks every minute: ${bytes} bytes`)
      expect(bytes).toBeLessThanOrEqual(120 * 1024)
      for (let e = 0; e < FLEET.entities; e++) {
        for (const kind of FLEET.kinds) expect(html).toContain(`<code>svc-${String(e).padStart(2, '0')}:8000:${kind}</code>`)
      }
      const endpoints = FLEET.entities * FLEET.kinds.length
      expect(html.match(/<li class=endpoint>/g)).toHaveLength(endpoints)
      expect(html.match(/<span class="day s-\w+">\d+\.\d\d%<\/span>/g)).toHaveLength(endpoints)
      expect(html.match(/<span class="week s-\w+">\d+\.\d\d%<\/span>/g)).toHaveLength(endpoints)
      expect(html.match(/p50 <b>[^<]+<\/b> · p95 <b>[^<]+<\/b>/g)).toHaveLength(endpoints)
      expect(html.match(/ · coverage <b>\d+\.\d\d%<\/b>/g)).toHaveLength(endpoints)
      // What the script draws from: per endpoint its two bars' codes and its sparkline's 24 hours (every endpoint has latency data).
      const data = JSON.parse(html.match(/<script type="application\/json" id="report-data">(.*?)<\/script>/)![1]!) as PageData
      expect(data.endpoints).toHaveLength(endpoints)
      for (const [day, week, spark] of data.endpoints) {
        expect(day).toMatch(/^\d+(\+\S+)? [onwe]\d+/)
        expect(week).toMatch(/^\d+(\+\S+)? [onwe]\d+/)
        expect(spark![0]).toMatch(/^[a-t.]{24}$/)
      }
    } finally {
      cleanup()
    }
  })
})
