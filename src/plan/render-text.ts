/**
 * The plan as a person reads it in a terminal, Terraform-style: one line per
 * change, changed fields under it, unchanged ones counted; drift and
 * unmanaged rows in their own sections; the summary line last. Drawn from
 * the plan view (view.ts), like the markdown.
 */
import {plural} from '../plural.js'
import {NO_PAINT, type Colour, type Paint} from '../terminal.js'
import type {Action, Plan} from './types.js'
import {groupedLines, idWidth, planView, rowLines, unmanagedLine, type ChangeRow, type PlanView, type ViewOptions} from './view.js'

const COLOUR: Record<Action, Colour> = {create: 'green', update: 'yellow', move: 'magenta', retire: 'red', revive: 'cyan'}

/** Everything above the summary line; the headline of each change painted by its action. */
function bodyLines(view: PlanView, paint: Paint): string[] {
  const requested = view.rows.filter((r) => !r.drift)
  const drifted = view.rows.filter((r) => r.drift)
  // Ids padded to one width per section, so that targets and notes line up.
  const render = (section: ChangeRow[]) => (row: ChangeRow) => {
    const [first, ...rest] = rowLines(row, idWidth(section)).map((line) => `  ${line}`)
    return [paint(COLOUR[row.action], first!), ...rest]
  }
  // With changes from more than one file, each section lists them under a heading per file.
  const grouped = (section: ChangeRow[]) => groupedLines(section, view.files, (name) => paint('bold', `${name}:`), render(section))
  const out: string[] = []
  if (view.rows.length === 0) out.push(view.none)
  out.push(...grouped(requested))
  if (drifted.length > 0) {
    if (out.length > 0) out.push('')
    out.push('Drift: changed in the database by hand since the last apply; this plan puts them back:')
    out.push(...grouped(drifted))
  }
  if (view.unmanaged.length > 0) {
    out.push('', `Unmanaged: ${plural(view.unmanaged.length, 'row')} not in the file, left alone:`)
    out.push(...view.unmanaged.map((row) => `  ${unmanagedLine(row)}`))
  }
  if (view.warning) out.push('', paint('bold red', `Warning: ${view.warning}`))
  return out
}

export function renderText(plan: Plan, paint: Paint = NO_PAINT, options: ViewOptions = {}): string {
  const view = planView(plan, options)
  const header = view.header === null ? [] : [view.header, '']
  return `${[...header, ...bodyLines(view, paint), paint('bold', view.summary)].join('\n')}\n`
}

/** What `mon apply` prints: the migrations it ran, then the plan it wrote with an apply line in place of the plan's summary. */
export function renderApplied(plan: Plan, runId: string | null, migrated: readonly string[], paint: Paint = NO_PAINT): string {
  const out: string[] = []
  if (migrated.length > 0) out.push(`Migrated: ${migrated.join(', ')}.`)
  if (runId === null) {
    out.push('No changes. The database matches the file; nothing was written.')
  } else {
    // The body keeps its blank lines between sections; only an empty part is dropped below.
    out.push(bodyLines(planView(plan, {applied: true}), paint).join('\n'))
    const s = plan.summary
    const moved = s.move > 0 ? ` ${s.move} moved,` : ''
    out.push(`Apply complete: ${s.create} added, ${s.update} changed,${moved} ${s.retire} retired, ${s.revive} revived (run ${runId}).`)
  }
  return `${out.filter((line) => line !== '').join('\n')}\n`
}
