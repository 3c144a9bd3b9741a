
import {Flags} from '@oclif/core'

import {writeOutFile} from '../atomic-write.js'
import {MonCommand} from '../base-command.js'
import {UsageError} from '../errors.js'
import * as flag from '../flags.js'
import {buildAlerting} from '../history/alerting.js'
import {buildReport, reportWindows} from '../history/report.js'
import {INCIDENTS_PER_ENTITY} from '../history/report-alerts.js'
import {renderReportHtml} from '../history/report-html.js'
import {evaluateSlos, sloDefinitions, sloSpans, sloTargetIds} from '../history/slo.js'
import {filterInventory, statusSummary} from '../history/status.js'
import type {Output} from '../output.js'

export default class Report extends MonCommand<typeof Report> {
  static override summary = 'Write a self-contained static HTML status page.'
  static override description = `One HTML file with no external assets (./status.html unless --out names another, or - for standard output), to publish as a CI artifact or on GitHub Pages: each entity's state grouped by type, problems first, a 24-hour and a 7-day uptime bar, coverage and a latency sparkline per endpoint, each SLO with its error budget left, and when it was made. The header links the entities that need attention.`

  static override examples = [
    {command: '<%= config.bin %> report', description: 'Write ./status.html.'},
    '<%= config.bin %> report --out public/index.html --title "Lab status"',
    {command: '<%= config.bin %> report --out - > status.html', description: 'The page on standard output.'},
  ]

  static override flags = {
    db: flag.db,
    out: Flags.string({char: 'o', description: 'The HTML file to write, whole or not at all; - for standard output.', default: 'status.html'}),
    title: Flags.string({description: 'Page title.', default: 'Service status'}),
    'stale-after': flag.staleAfter,
    exact: flag.exact,
    ...flag.inventoryFilter,
  }

  protected async execute(): Promise<Output<{out: string; generated_at: string; entities: number; bytes: number; exact: boolean}>> {
    const {flags} = this
    // Standard output is then the JSON: the page would go nowhere.
    if (flags.out === '-' && this.jsonEnabled()) throw new UsageError('--out - writes the page to standard output, where --json writes its JSON: give --out a file')
    const now = this.now()
    const staleAfterMs = flag.staleAfterOf(flags['stale-after']).ms
    const windows = reportWindows(now)
    const since = windows.day[0]!.start
    const until = now.toISOString()
    const {readActiveInventory, readHourly} = await import('../store/history.js')
    const {readWindowSpans} = await import('../store/window-reads.js')
    const {readStatus} = await import('../reads/status.js')
    const {readAlerts, readIncidents} = await import('../store/alert-reads.js')
    const {readMaintenanceWindows} = await import('../store/maintenance.js')
    const {status, hourly, slos, alerting, serves} = await this.withCurrentSchema(flags.db, async (driver) => {
      const active = await readActiveInventory(driver, (owner) => this.note(`Warning: the stored slo of ${owner} does not read and is left out; mon apply stores it again`))
      const inventory = filterInventory(active, {types: flags.type, owners: flags.owner, only: flags.only})
      const defs = sloDefinitions(inventory)
      const {report: status, serves} = await readStatus(driver, inventory, active, {since, until, exact: flags.exact, staleAfterMs})
      return {
        serves,
        status,
        hourly: await readHourly(driver, inventory.flatMap((e) => e.endpoints.map((x) => x.id)), windows.week[0]!.start, flags.exact ? undefined : until),
        slos: evaluateSlos(defs, await readWindowSpans(driver, sloTargetIds(defs), sloSpans(defs, now), flags.exact), now),
        alerting: buildAlerting({
          alerts: await readAlerts(driver, {all: false}),
          windows: await readMaintenanceWindows(driver, {endedAfter: until}),
          incidents: await readIncidents(driver, {since: windows.week[0]!.start, perEntity: INCIDENTS_PER_ENTITY}),
          now,
          entities: new Set(inventory.map((e) => e.id)),
        }),
      }
    }, {readOnly: true})
    const html = renderReportHtml(buildReport(status, hourly, now, flags.title, slos.slos, alerting, serves))
    const toStdout = flags.out === '-'
    if (!toStdout) await writeOutFile(flags.out, html)
    const entities = status.entities.length
    const s = statusSummary(status)
    this.note(`${entities} entities: ${s.ok} ok, ${s.warn} warn, ${s.stale} stale, ${s.error} error`)
    const bytes = Buffer.byteLength(html)
    return {
      data: {out: flags.out, generated_at: now.toISOString(), entities, bytes, exact: status.exact && slos.exact},
      views: {text: () => (toStdout ? html : `Wrote ${flags.out} (${entities} entities, ${Math.ceil(bytes / 1024)} KiB).\n`)},
    }
  }
}
