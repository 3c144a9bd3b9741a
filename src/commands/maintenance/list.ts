import {MonCommand} from '../../base-command.js'
import * as flag from '../../flags.js'
import {renderWindows, type ListedWindow} from '../../history/maintenance-text.js'
import type {Output} from '../../output.js'

/** Ended ad-hoc windows stay listed this long. */
const ENDED_LISTED_MS = 7 * 86_400_000

export default class MaintenanceList extends MonCommand<typeof MaintenanceList> {
  static override summary = "List maintenance windows: the file's and the ad-hoc ones, whether each is active now, and its current or next occurrence."
  static override description = `source is file (monitors.yaml, as last applied) or adhoc (mon maintenance start). For a recurring (cron) window, start and end are its current occurrence when active, else its next. Ad-hoc windows that ended more than 7 days ago are not listed.`
  static override examples = ['<%= config.bin %> maintenance list', {command: '<%= config.bin %> maintenance list --json', description: 'Prints {"windows": [{"id", "source", "entities", "active", "start", "end", "reason", "cron", "timezone"}]}.'}]

  static override flags = {db: flag.db}

  protected async execute(): Promise<Output<{windows: ListedWindow[]}>> {
    const now = this.now()
    const {readMaintenanceWindows} = await import('../../store/maintenance.js')
    const {occurrenceAt} = await import('../../alert/holds.js')
    const stored = await this.withCurrentSchema(this.flags.db, (driver) => readMaintenanceWindows(driver, {endedAfter: new Date(now.getTime() - ENDED_LISTED_MS).toISOString()}), {readOnly: true})
    const windows = stored.map((w): ListedWindow => {
      const at = occurrenceAt(w, now)
      return {
        id: w.id,
        source: w.source,
        entities: w.entities,
        active: at?.active ?? false,
        // A fixed window that is over keeps its own times.
        start: at?.start ?? w.start,
        end: at?.end ?? w.end,
        reason: w.reason,
        cron: w.cron,
        timezone: w.cron === null ? null : w.timezone,
      }
    })
    return {data: {windows}, views: {text: () => renderWindows(windows, now.toISOString())}}
  }
}
