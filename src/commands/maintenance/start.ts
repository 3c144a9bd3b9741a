import {Args, Flags} from '@oclif/core'

import {MonCommand} from '../../base-command.js'
import {UsageError} from '../../errors.js'
import * as flag from '../../flags.js'
import {renderStarted, type WindowSummary} from '../../history/maintenance-text.js'
import type {Output} from '../../output.js'

const MIN_MS = 60_000
const MAX_MS = 30 * 86_400_000
const MAX_REASON = 500

export default class MaintenanceStart extends MonCommand<typeof MaintenanceStart> {
  static override summary = 'Start an ad-hoc maintenance window now for one or more entities, for --for.'
  static override description = `While an entity is in maintenance, its alerts are held (not sent), and the snapshots taken are marked so: uptime, coverage and SLOs leave them out. The window is kept in the database (like a silence), not in monitors.yaml; mon maintenance end ends it early.`
  static override examples = [
    '<%= config.bin %> maintenance start litellm --for 30m --reason "db move"',
    {command: '<%= config.bin %> maintenance start litellm ov:9000 --for 2h --json', description: 'Prints {"id", "entities", "start", "end", "reason"}.'},
  ]

  static override strict = false
  static override args = {entity_id: Args.string({description: 'The entities in maintenance (one or more ids).', required: true})}
  static override flags = {
    db: flag.db,
    for: flag.duration({description: 'How long the window lasts, from now (1m to 30d).', required: true}),
    reason: Flags.string({description: 'Why: shown by mon maintenance list and mon alerts (at most 500 characters).'}),
  }

  protected async execute(): Promise<Output<WindowSummary>> {
    const {flags} = this
    if (flags.for.ms < MIN_MS || flags.for.ms > MAX_MS) throw new UsageError(`--for: from 1m to 30d (got ${flags.for.text}; see --help)`)
    // As the file's `reason` (the schema's maxLength): a window's reason is a line in a list, not a document.
    if (flags.reason !== undefined && flags.reason.length > MAX_REASON) throw new UsageError(`--reason: at most ${MAX_REASON} characters (got ${flags.reason.length}; see --help)`)
    const now = this.now()
    const {startMaintenance} = await import('../../store/maintenance.js')
    const window = await this.withCurrentSchema(flags.db, (driver) =>
      startMaintenance(driver, {
        entities: this.argList,
        start: now.toISOString(),
        end: new Date(now.getTime() + flags.for.ms).toISOString(),
        reason: flags.reason ?? null,
        now: now.toISOString(),
      }),
    )
    const data: WindowSummary = {id: window.id, entities: window.entities, start: window.start, end: window.end, reason: window.reason}
    return {data, views: {text: () => renderStarted(data)}}
  }
}
