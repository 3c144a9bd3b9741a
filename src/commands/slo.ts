import {MonCommand} from '../base-command.js'
import {MonError} from '../errors.js'
import * as flag from '../flags.js'
import {evaluateSlos, sloDefinitions, sloExitCode, sloSpans, sloTargetIds, type SloReport} from '../history/slo.js'
import {renderSloText} from '../history/slo-text.js'
import type {Output} from '../output.js'

export default class Slo extends MonCommand<typeof Slo> {
  static override summary = 'Each SLO\'s compliance, error budget left and burn rates; exit 2 when one is broken.'
  static override description = `Reads what mon check recorded for every \`slo:\` in the applied file (on an entity: all its endpoints and registry entries pooled; on an endpoint: its own checks). Compliance is good checks (ok or warn) over expected checks in the window: a check that was due by the target's interval and not made counts against it. budget_remaining is the share of the error budget (1 - target) left, negative when overspent; burn rates are the error rate over the last 1 and 6 hours, missed checks included, over the budget (1.00 spends it exactly over the window). An SLO with latency_p95 also needs the window's p95 within it.

Exit codes, as plan --detailed-exitcode uses them: 0 every SLO holds (or none is defined), 2 one is broken (a deploy gate), 1 it could not evaluate: an SLO none of whose checks is due yet (just applied), a stored SLO that does not read, no database, or an error.`

  static override examples = [
    '<%= config.bin %> slo',
    {command: '<%= config.bin %> slo --json', description: 'The figures as JSON: {"exact": true, "slos": [{"id", "target", "window", "compliance", "budget_remaining", "burn_rate_1h", "burn_rate_6h", "latency_p95_ms", "ok"}]}.'},
    {command: '<%= config.bin %> slo || exit 1', description: 'In a deploy pipeline: stop when an SLO is broken or cannot be evaluated.'},
  ]

  static override flags = {
    db: flag.db,
    exact: flag.exact,
    format: flag.format(['text', 'json'] as const, 'text'),
    config: flag.appliedConfig,
  }

  protected async execute(): Promise<Output<SloReport>> {
    const {flags} = this
    const now = this.now()
    const {readActiveInventory} = await import('../store/history.js')
    const {readWindowSpans} = await import('../store/window-reads.js')
    const {unappliedConfigNote} = await import('../apply/applied-config.js')
    const {report, limits} = await this.withCurrentSchema(flags.db, async (driver) => {
      const unapplied = await unappliedConfigNote(driver, flags.config)
      if (unapplied !== null) this.note(unapplied)
      const unreadable: string[] = []
      const defs = sloDefinitions(await readActiveInventory(driver, (owner) => unreadable.push(owner)))
      // An SLO that cannot be read cannot be evaluated: exit 1, not a pass by omission.
      if (unreadable.length > 0) throw new MonError(`the stored slo of ${unreadable.join(', ')} does not read (edited by hand?); mon apply stores it again`)
      const reads = await readWindowSpans(driver, sloTargetIds(defs), sloSpans(defs, now), flags.exact)
      return {report: evaluateSlos(defs, reads, now), limits: new Map(defs.map((d) => [d.id, d.slo.latency_p95_ms]))}
    }, {readOnly: true})
    return {data: report, views: {text: (paint) => renderSloText(report, {paint, limits})}, exitCode: sloExitCode(report)}
  }
}
