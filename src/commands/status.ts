import {Flags} from '@oclif/core'

import {MonCommand, dbFlag, formatFlag} from '../base-command.js'
import {renderPrometheus} from '../history/prometheus.js'
import {buildStatus, filterInventory, type StatusReport} from '../history/status.js'
import {renderStatusText} from '../history/text.js'
import {inventoryFilterFlags, staleAfterFlag} from '../history/flags.js'
import {durationFlag} from '../duration.js'
import {isoBefore} from '../history/window.js'
import {colourWanted, painter} from '../terminal.js'

export default class Status extends MonCommand {
  static override summary = 'Latest state per entity and endpoint, with uptime and p50/p95 latency over --since.'
  static override description = `Reads the snapshots that mon check recorded; never probes anything. An entity's status is the worst of its endpoints and registry entries, in the order ok < warn < stale < error. Uptime counts ok and warn as up (warn is also shown apart); percentiles use the nearest-rank method. --format prometheus writes the text exposition format for node_exporter's textfile collector.`

  static override examples = [
    '<%= config.bin %> status',
    '<%= config.bin %> status --since 7d --type backend',
    '<%= config.bin %> status --only mlx:8100 --json',
    '<%= config.bin %> check; <%= config.bin %> status --format prometheus > mon.prom.tmp && mv mon.prom.tmp /var/lib/node_exporter/mon.prom',
  ]

  static override flags = {
    db: dbFlag,
    since: Flags.string({description: 'Window for uptime and latency, back from now.', default: '24h'}),
    'stale-after': staleAfterFlag,
    ...inventoryFilterFlags,
    format: formatFlag(['text', 'json', 'prometheus'] as const, 'text'),
  }

  async run(): Promise<StatusReport> {
    const {flags} = await this.parse(Status)
    const now = new Date()
    const windowMs = durationFlag('since', flags.since)
    const staleAfterMs = durationFlag('stale-after', flags['stale-after'])
    const since = isoBefore(now, windowMs)

    const {readActiveInventory, readObservations} = await import('../store/history.js')
    const report = await this.withCurrentSchema(
      flags.db,
      async (driver) => {
        const inventory = filterInventory(await readActiveInventory(driver), {types: flags.type, owners: flags.owner, only: flags.only})
        return buildStatus(inventory, await readObservations(driver, inventory, since), {since, staleBefore: isoBefore(now, staleAfterMs)})
      },
    )

    if (this.jsonEnabled()) return report
    if (flags.format === 'json') this.log(JSON.stringify(report, null, 2))
    else if (flags.format === 'prometheus') process.stdout.write(renderPrometheus(report, {windowMs, staleAfterMs}))
    else {
      const text = renderStatusText(report, {
        paint: painter(colourWanted(process.stdout)),
        now,
        window: flags.since,
        staleAfter: flags['stale-after'],
      })
      process.stdout.write(text)
    }
    return report
  }
}
