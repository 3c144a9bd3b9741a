import {Flags} from '@oclif/core'

import {listedAlert, type ListedAlert} from '../alert/records.js'
import {renderAlertsText} from '../alert/render.js'
import {MonCommand} from '../base-command.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'

/** Above this a limit is a typo. */
const MAX_ALERTS_LIMIT = 100_000

export default class Alerts extends MonCommand<typeof Alerts> {
  static override summary = 'Open alerts (with --all, resolved ones too), their notifications, and why any is held.'
  static override description = `An alert belongs to one endpoint or registry entry: mon check opens it after \`after\` consecutive failing checks and resolves it after \`recover_after\` passing ones (SPEC section 7). Each row shows the target, its status, since when, what its notifications did (sent, pending, failed; in flight and dropped when any), the hold that keeps them waiting (maintenance, dependency) and the latest check's detail; a notification that failed, or waits for a retry, gets a line of its own with its attempts and last error.
Open alerts come first, oldest first; --all adds the latest --limit resolved ones, newest first.`

  static override examples = [
    '<%= config.bin %> alerts',
    '<%= config.bin %> alerts --all --limit 20',
    {command: '<%= config.bin %> alerts --json', description: 'As JSON: {"alerts": [{"id", "target_id", "entity_id", "status", "detail", "opened_at", "resolved_at", "held", "notifications": [{"notifier_id", "event", "state", "attempts"}]}]}.'},
  ]

  static override flags = {
    db: flag.db,
    all: Flags.boolean({description: 'Resolved alerts too, newest first, after the open ones.'}),
    limit: Flags.integer({description: 'With --all: at most this many resolved alerts (open ones are always all listed).', default: 100, min: 1, max: MAX_ALERTS_LIMIT}),
  }

  protected async execute(): Promise<Output<{alerts: ListedAlert[]}>> {
    const {flags} = this
    const now = this.now()
    const {readAlerts} = await import('../store/alert-reads.js')
    const alerts = await this.withCurrentSchema(flags.db, (driver) => readAlerts(driver, {all: flags.all, limit: flags.limit}), {readOnly: true})
    const listed = alerts.map(listedAlert)
    return {data: {alerts: listed}, views: {text: (paint) => renderAlertsText(alerts, {paint, now, all: flags.all})}}
  }
}
