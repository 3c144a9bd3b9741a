import {Args} from '@oclif/core'

import {MonCommand} from '../../base-command.js'
import * as flag from '../../flags.js'
import {renderEnded, type WindowSummary} from '../../history/maintenance-text.js'
import type {Output} from '../../output.js'

export default class MaintenanceEnd extends MonCommand<typeof MaintenanceEnd> {
  static override summary = 'End an ad-hoc maintenance window now.'
  static override description = `Sets the window's end to now (nothing is deleted): its held alerts still open are sent on the next mon check. A window declared in monitors.yaml ends by taking it out of the file and applying.`
  static override examples = ['<%= config.bin %> maintenance end adhoc-1a2b3c4d']

  static override args = {window_id: Args.string({description: 'The window (mon maintenance list shows the ids).', required: true})}
  static override flags = {db: flag.db}

  protected async execute(): Promise<Output<WindowSummary>> {
    const now = this.now().toISOString()
    const {endMaintenance} = await import('../../store/maintenance.js')
    const window = await this.withCurrentSchema(this.flags.db, (driver) => endMaintenance(driver, this.args.window_id, now))
    const data: WindowSummary = {id: window.id, entities: window.entities, start: window.start, end: window.end, reason: window.reason}
    return {data, views: {text: () => renderEnded(data)}}
  }
}
