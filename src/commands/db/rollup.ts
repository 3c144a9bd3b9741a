import {Flags} from '@oclif/core'

import {MonCommand} from '../../base-command.js'
import {UsageError} from '../../errors.js'
import * as flag from '../../flags.js'
import {isoBefore} from '../../history/window.js'
import type {Output} from '../../output.js'
import {plural} from '../../plural.js'
import {hourStart} from '../../rollup.js'
import type {RollupMismatch} from '../../store/rollup-rebuild.js'
import {periodLabel} from '../../store/rollups.js'
import {CLEAR_LINE, redrawWanted} from '../../terminal.js'

interface RollupResult {
  action: 'rebuild' | 'verify'
  /** The hour the work started from; null: from the oldest raw snapshot. */
  since: string | null
  /** --rebuild: rollup rows written. */
  written?: number
  /** --verify: the rollups that disagree with the raw rows (an hour) or with their hours (a day). */
  mismatches?: Array<RollupMismatch & {label: string}>
}

/** `ID 2026-11-30T14` for an hour, `ID 2026-11-30` for a day, `ID week 2026-11-30` for the week from that Monday. */
function label(m: RollupMismatch): string {
  return `${m.target_id} ${m.period === 'week' ? 'week ' : ''}${periodLabel(m)}`
}

export default class DbRollup extends MonCommand<typeof DbRollup> {
  static override summary = 'Rebuild the hourly, daily and weekly rollups from the raw snapshots, or verify them.'
  static override description = `--rebuild recomputes each target's hourly and daily rollups from its snapshots, target by target, a few days of one target at a time (a day the raw snapshots start in the middle of keeps its earlier hours as stored), and each ISO week's (Monday 00:00 UTC on) from its days (a week the raw snapshots start in the middle of keeps its earlier days as stored). --verify prints one line per target and hour whose rollup disagrees with its snapshots (ID 2026-11-30T14), or day that disagrees with its hours (ID 2026-11-30), or week that disagrees with its days (ID week 2026-11-30, its Monday), and exits 1 when there is one. Without --since both start at the oldest raw snapshot, so the rollups of pruned history are kept.`
  static override examples = ['<%= config.bin %> db rollup --verify', '<%= config.bin %> db rollup --rebuild --since 2d']
  static override flags = {
    db: flag.db,
    rebuild: Flags.boolean({description: 'Recompute the rollups from the raw snapshots.', default: false}),
    verify: Flags.boolean({description: 'Compare the rollups with the raw snapshots; exit 1 when one disagrees.', default: false}),
    since: flag.optionalDuration({description: 'Only the hours since this long ago (rounded down to the hour, never before the oldest raw snapshot), e.g. 2d.'}),
  }

  protected async execute(): Promise<Output<RollupResult>> {
    const {flags} = this
    if (flags.rebuild === flags.verify) throw new UsageError('mon db rollup takes one of --rebuild and --verify (see --help)')
    const since = flags.since === undefined ? undefined : hourStart(isoBefore(this.now(), flags.since.ms))
    const {rebuildRollups, verifyRollups} = await import('../../store/rollup-rebuild.js')
    const onTarget = redrawWanted(process.stderr) ? (done: number, total: number) => void process.stderr.write(`${CLEAR_LINE}rollups: target ${done} of ${total}…`) : undefined
    const options = {since, onTarget}
    const base = {since: since ?? null}
    const result: RollupResult = await this.withCurrentSchema(flags.db, async (driver) =>
      flags.rebuild
        ? {action: 'rebuild' as const, ...base, written: await rebuildRollups(driver, options)}
        : {action: 'verify' as const, ...base, mismatches: (await verifyRollups(driver, options)).map((m) => ({...m, label: label(m)}))},
    )
    if (onTarget) process.stderr.write(CLEAR_LINE)
    if (result.action === 'rebuild') {
      return {data: result, views: {text: () => `Rebuilt ${plural(result.written!, 'rollup')}${since ? ` since ${since}` : ''}.\n`}}
    }
    const bad = result.mismatches!
    return {
      data: result,
      views: {text: () => (bad.length === 0 ? 'Every rollup agrees with its snapshots.\n' : bad.map((m) => `${m.label}\n`).join(''))},
      exitCode: bad.length === 0 ? 0 : 1,
    }
  }
}
