import {MonCommand} from '../base-command.js'
import * as flag from '../flags.js'
import {buildAlerting} from '../history/alerting.js'
import {renderPrometheus} from '../history/prometheus.js'
import {filterInventory, type StatusReport} from '../history/status.js'
import {renderStatusText} from '../history/text.js'
import {isoBefore} from '../history/window.js'
import type {Output} from '../output.js'

export default class Status extends MonCommand<typeof Status> {
  static override summary = 'Latest state per entity and endpoint, with uptime, coverage and p50/p95 latency over --since.'
  static override description = `Reads the snapshots that mon check recorded; never probes anything. An entity's status is the worst of its endpoints and registry entries, in the order ok < warn < stale < error; a target is stale when nothing was observed for 3 of its intervals (--stale-after sets one limit for all). Uptime counts ok and warn as up (warn is also shown apart); coverage is the share of the checks expected in the window (from each target's interval and from when it was applied) that were made, so a window with gaps says so. Percentiles use the nearest-rank method. --format prometheus writes the text exposition format for node_exporter's textfile collector.`

  static override examples = [
    '<%= config.bin %> status',
    '<%= config.bin %> status --since 7d --type backend',
    '<%= config.bin %> status --only mlx:8100 --json',
    '<%= config.bin %> check; <%= config.bin %> status --format prometheus > mon.prom.tmp && mv mon.prom.tmp /var/lib/node_exporter/mon.prom',
  ]

  static override flags = {
    db: flag.db,
    since: flag.duration({description: 'Window for uptime and latency, back from now.', default: '24h'}),
    'stale-after': flag.staleAfter,
    exact: flag.exact,
    ...flag.inventoryFilter,
    format: flag.format(['text', 'json', 'prometheus'] as const, 'text'),
    config: flag.appliedConfig,
  }

  protected async execute(): Promise<Output<StatusReport, 'text' | 'prometheus'>> {
    const {flags} = this
    const now = this.now()
    const window = flags.since
    const staleAfter = flag.staleAfterOf(flags['stale-after'])
    const since = isoBefore(now, window.ms)
    const until = now.toISOString()
    const {readActiveInventory} = await import('../store/history.js')
    const {readStatus} = await import('../reads/status.js')
    const {unappliedConfigNote} = await import('../apply/applied-config.js')
    const {readAlerts} = await import('../store/alert-reads.js')
    const {readMaintenanceWindows} = await import('../store/maintenance.js')
    const {report, alerting, serves} = await this.withCurrentSchema(flags.db, async (driver) => {
      const unapplied = await unappliedConfigNote(driver, flags.config)
      if (unapplied !== null) this.note(unapplied)
      const active = await readActiveInventory(driver, (owner) => this.note(`Warning: the stored slo of ${owner} does not read and is left out; mon apply stores it again`))
      const inventory = filterInventory(active, {types: flags.type, owners: flags.owner, only: flags.only})
      const {report, serves} = await readStatus(driver, inventory, active, {since, until, exact: flags.exact, staleAfterMs: staleAfter.ms})
      return {
        serves,
        report,
        // The text view's top lines; --json and prometheus stay as they were.
        alerting: buildAlerting({
          alerts: this.format === 'text' ? await readAlerts(driver, {all: false}) : [],
          windows: this.format === 'text' ? await readMaintenanceWindows(driver, {endedAfter: until}) : [],
          incidents: new Map(),
          now,
          entities: new Set(inventory.map((e) => e.id)),
        }),
      }
    }, {readOnly: true})
    return {
      data: report,
      views: {
        text: (paint) => renderStatusText(report, {paint, now, window: window.text, staleAfter: staleAfter.text, alerting, serves}),
        prometheus: () => renderPrometheus(report, {windowMs: window.ms, staleAfterMs: staleAfter.ms}),
      },
    }
  }
}
