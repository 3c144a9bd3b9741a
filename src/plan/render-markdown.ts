/**
 * The plan as a pull-request comment: the summary first, then a retirement
 * warning, a table of changes grouped by action, and the full text plan in a
 * <details> fold. GitHub rejects a comment over 65,535 characters, so the
 * table and the details are cut (with a note) to fit; the summary and the
 * warning never are. Drawn from the plan view (view.ts), like the text.
 */
import {plural, pluralWord} from '../plural.js'
import {groupByFile, NO_FILE_HEADING} from './change-files.js'
import type {Plan} from './types.js'
import {groupedLines, idWidth, planView, rowLines, unmanagedLine, type ChangeRow, type PlanView, type ViewOptions} from './view.js'

/** GitHub's limit is 65,536; leave room for a bot's own header. */
export const MARKDOWN_LIMIT = 65_000

/** How much of the budget the list of retiring rows may take before it says "and N more". */
const RETIRE_LIST_BUDGET = 20_000

const ACTION_HEADING = {create: 'add', update: 'change', move: 'move', retire: 'retire', revive: 'revive'} as const

/** Escapes Markdown and HTML punctuation so that a label cannot break the table or the page. */
export function mdText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_{}[\]<>()#+!|~]/g, '\\$&')
}

/** A file name as a heading: as code, unless a backtick in it could close the code span (then escaped text). */
function fileName(name: string): string {
  return name.includes('`') ? mdText(name) : code(name)
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`'
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`
}

/** The table's "change" cell: what a new or retired row is, else the changed fields (or, with none, the notes). */
function changeCell(row: ChangeRow): string {
  if (row.action === 'create' || row.action === 'retire') {
    // The action column already says retire.
    const notes = (row.action === 'retire' ? row.notes.slice(1) : row.notes).join('; ')
    return mdText(row.target === null ? notes : notes === '' ? row.target : `${row.target} (${notes})`)
  }
  if (row.action === 'move') {
    const moved = mdText(`${row.target} (${row.notes.join('; ')})`)
    return row.fields.length === 0 ? moved : `${moved}; ${row.fields.map((f) => code(f.name)).join(', ')}`
  }
  if (row.fields.length === 0) return mdText(row.notes.join('; '))
  return row.fields.map((f) => code(f.name)).join(', ') + (row.adopt ? ' (adopt)' : '')
}

/** Which variables a new or changed endpoint sends where: a reviewer must not have to open the fold for it. */
function headersCell(row: ChangeRow): string {
  if (row.headers.length === 0) return ''
  return `; sends ${row.headers.map((h) => (h.env.length === 0 ? code(h.name) : `${code(h.name)} with ${h.env.map((name) => code(`\${${name}}`)).join(', ')}`)).join(', ')}`
}

function tableRow(row: ChangeRow): string {
  const cell = changeCell(row) + headersCell(row) + (row.drift ? ' **(drift)**' : '')
  return `| ${row.symbol} ${ACTION_HEADING[row.action]} | ${row.noun} | ${code(row.id)} | ${cell} |`
}

function retirementWarning(view: PlanView): string[] {
  const retiring = view.rows.filter((r) => r.action === 'retire')
  if (retiring.length === 0 && !view.warning) return []
  const lines = ['> [!WARNING]']
  if (view.warning) lines.push(`> **${mdText(view.warning)}**`, '>')
  if (retiring.length > 0) {
    lines.push(`> This plan retires ${plural(retiring.length, 'row')}. Retired rows leave \`check\` and \`status\`; their snapshots are kept.`)
    let used = 0
    let shown = 0
    for (const row of retiring) {
      const line = `> - ${row.noun} ${code(row.id)}${row.kept === null ? '' : ` (${plural(row.kept, 'snapshot')} kept)`}`
      if (used + line.length > RETIRE_LIST_BUDGET) break
      lines.push(line)
      used += line.length + 1
      shown++
    }
    if (shown < retiring.length) lines.push(`> - … and ${retiring.length - shown} more (run \`mon plan\` for the full list)`)
  }
  return lines
}

function fenceFor(lines: readonly string[]): string {
  let longest = 2
  for (const line of lines) for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  return '`'.repeat(longest + 1)
}

export function renderMarkdown(plan: Plan, limit: number = MARKDOWN_LIMIT, options: ViewOptions = {}): string {
  const view = planView(plan, options)
  const head: string[] = ['### mon plan', '', ...(view.header === null ? [] : [mdText(view.header), '']), `**${view.summary}**`, '']
  const warning = retirementWarning(view)
  if (warning.length > 0) head.push(...warning, '')
  const drifted = view.rows.filter((r) => r.drift).length
  if (drifted > 0) {
    const rows = plural(drifted, 'row was', 'rows were')
    head.push(`> [!NOTE]`, `> Drift: ${rows} changed in the database by hand since the last apply; this plan puts ${pluralWord(drifted, 'it', 'them')} back.`, '')
  }
  if (view.unmanaged.length > 0) {
    head.push(`${plural(view.unmanaged.length, 'unmanaged row is', 'unmanaged rows are')} not in the file and left alone (listed in the details).`, '')
  }
  if (view.rows.length === 0) head.push(view.none, '')
  let text = `${head.join('\n')}\n`
  const tail = (body: string) => `${text}${body}`

  // Keep a reserve so that the details fold always has room for its frame and note.
  const reserve = 600
  if (view.rows.length > 0) {
    // With changes from more than one file, one table per file under its heading.
    const blocks: string[] = []
    let size = text.length
    let shown = 0
    let cut = false
    for (const group of groupByFile(view.rows, view.files)) {
      const heading = group.heading === null ? [] : [`#### ${group.heading === NO_FILE_HEADING ? 'No longer in any file' : fileName(group.heading)}`, '']
      const rows = [...heading, '| action | table | id | change |', '|---|---|---|---|']
      size += rows.join('\n').length + (blocks.length > 0 ? 2 : 0)
      for (const change of group.rows) {
        const row = tableRow(change)
        if (size + row.length + 1 > limit - reserve) {
          cut = true
          break
        }
        rows.push(row)
        size += row.length + 1
        shown++
      }
      if (cut) rows.push(`| … | | | ${view.rows.length - shown} more changes not shown here: run \`mon plan\` for all |`)
      blocks.push(rows.join('\n'))
      if (cut) break
    }
    text = tail(`${blocks.join('\n\n')}\n\n`)
  }

  // The fold holds the same lines as the text plan, in a diff fence.
  const requested = view.rows.filter((r) => !r.drift)
  const grouped = (section: ChangeRow[]) => groupedLines(section, view.files, (name) => `# ${name}`, (row) => rowLines(row, idWidth(section)))
  const detail = grouped(requested)
  const driftRows = view.rows.filter((r) => r.drift)
  if (driftRows.length > 0) {
    detail.push('', '# Drift: changed by hand since the last apply; this plan puts them back')
    detail.push(...grouped(driftRows))
  }
  if (view.unmanaged.length > 0) {
    detail.push('', '# Unmanaged: not in the file, left alone')
    detail.push(...view.unmanaged.map(unmanagedLine))
  }
  if (detail.length > 0) {
    const fence = fenceFor(detail)
    const open = `<details><summary>Details</summary>\n\n${fence}diff\n`
    const close = `${fence}\n\n</details>\n`
    const noteRoom = 200
    let size = text.length + open.length + close.length + noteRoom
    const kept: string[] = []
    for (const line of detail) {
      if (size + line.length + 1 > limit) break
      kept.push(line)
      size += line.length + 1
    }
    const cut = kept.length < detail.length ? `\n_Details cut at ${kept.length} of ${detail.length} lines to stay under GitHub's comment size limit; run \`mon plan\` for the full plan._\n` : ''
    text = tail(`${open}${kept.join('\n')}\n${close}${cut}`)
  }
  return text
}
