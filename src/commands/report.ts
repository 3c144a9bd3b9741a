import {writeFile} from 'node:fs/promises'

import {Flags} from '@oclif/core'

import {MonCommand, dbFlag} from '../base-command.js'
import {MonError, messageOf} from '../errors.js'
import {buildReport, renderReportHtml, reportWindows} from '../history/report.js'
import {buildStatus, filterInventory, statusSummary} from '../history/status.js'
import {inventoryFilterFlags, staleAfterFlag} from '../history/flags.js'
import {durationFlag} from '../duration.js'
import {isoBefore} from '../history/window.js'

export default class Report extends MonCommand {
  static override summary = 'Write a self-contained static HTML status page.'
  static override description = `One HTML file with no external assets, to publish as a CI artifact or on GitHub Pages: each entity's state grouped by type, a 24-hour and a 7-day uptime bar and a latency sparkline per endpoint, and when it was made.`

  static override examples = ['<%= config.bin %> report --out status.html', '<%= config.bin %> report --out public/index.html --title "Lab status"']

  static override flags = {
    db: dbFlag,
    out: Flags.string({char: 'o', description: 'The HTML file to write.', required: true}),
    title: Flags.string({description: 'Page title.', default: 'Service status'}),
    'stale-after': staleAfterFlag,
    ...inventoryFilterFlags,
  }

  async run(): Promise<{out: string; generated_at: string; entities: number; bytes: number}> {
    const {flags} = await this.parse(Report)
    const now = new Date()
    const staleBefore = isoBefore(now, durationFlag('stale-after', flags['stale-after']))
    const windows = reportWindows(now)
    const since = windows.day[0]!.start

    const {readActiveInventory, readHourly, readObservations} = await import('../store/history.js')
    const {status, hourly} = await this.withCurrentSchema(
      flags.db,
      async (driver) => {
        const inventory = filterInventory(await readActiveInventory(driver), {types: flags.type, owners: flags.owner, only: flags.only})
        return {
          status: buildStatus(inventory, await readObservations(driver, inventory, since), {since, staleBefore}),
          hourly: await readHourly(driver, inventory.flatMap((e) => e.endpoints.map((x) => x.id)), windows.week[0]!.start),
        }
      },
    )
    const html = renderReportHtml(buildReport(status, hourly, now, flags.title))
    try {
      await writeFile(flags.out, html)
    } catch (err) {
      throw new MonError(`cannot write ${flags.out}: ${messageOf(err)}`)
    }
    const entities = status.entities.length
    const s = statusSummary(status)
    this.note(`${entities} entities: ${s.ok} ok, ${s.warn} warn, ${s.stale} stale, ${s.error} error`)
    const bytes = Buffer.byteLength(html)
    if (!this.jsonEnabled()) this.log(`Wrote ${flags.out} (${entities} entities, ${Math.ceil(bytes / 1024)} KiB).`)
    return {out: flags.out, generated_at: now.toISOString(), entities, bytes}
  }
}
