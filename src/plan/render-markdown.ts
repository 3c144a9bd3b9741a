/**
 * The plan as a pull-request comment: the summary first, then a retirement
 * warning, a table of changes grouped by action, and the full text plan in a
 * <details> fold. GitHub rejects a comment over 65,535 characters, so the
 * table and the details are cut (with a note) to fit; the summary and the
 * warning never are.
 */
import {TABLE_NOUN} from './rows.js'
import {changeLines, headlineDetail, massRetireWarning, summaryLine, SYMBOL, unmanagedLines} from './render-text.js'
import type {Change, Plan} from './types.js'

/** GitHub's limit is 65,536; leave room for a bot's own header. */
export const MARKDOWN_LIMIT = 65_000

/** How much of the budget the list of retiring rows may take before it says "and N more". */
const RETIRE_LIST_BUDGET = 20_000

const ACTION_HEADING = {create: 'add', update: 'change', retire: 'retire', revive: 'revive'} as const

/** Escapes Markdown and HTML punctuation so that a label cannot break the table or the page. */
export function mdText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_{}[\]<>()#+!|~]/g, '\\$&')
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`'
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`
}

function tableRow(change: Change): string {
  let what: string
  if (change.action === 'create' || change.action === 'retire') what = mdText(headlineDetail(change).trim().replace(/^\((?:retire; )?(.*)\)$/, '$1'))
  else {
    const names = Object.keys(change.fields)
    what = names.length > 0 ? names.map((n) => code(n)).join(', ') : mdText(headlineDetail(change).trim().replace(/^\((.*)\)$/, '$1'))
    if (change.adopt && names.length > 0) what += ' (adopt)'
  }
  if (change.drift) what += ' **(drift)**'
  return `| ${SYMBOL[change.action]} ${ACTION_HEADING[change.action]} | ${TABLE_NOUN[change.table]} | ${code(change.id)} | ${what} |`
}

function retirementWarning(plan: Plan): string[] {
  const retiring = plan.changes.filter((c) => c.action === 'retire')
  const guard = massRetireWarning(plan)
  if (retiring.length === 0 && !guard) return []
  const lines = ['> [!WARNING]']
  if (guard) lines.push(`> **${mdText(guard)}**`, '>')
  if (retiring.length > 0) {
    lines.push(`> This plan retires ${retiring.length} row${retiring.length === 1 ? '' : 's'}. Retired rows leave \`check\` and \`status\`; their snapshots are kept.`)
    let used = 0
    let shown = 0
    for (const change of retiring) {
      const kept = change.snapshots_kept
      const line = `> - ${TABLE_NOUN[change.table]} ${code(change.id)}${kept === null || kept === undefined ? '' : ` (${kept} snapshot${kept === 1 ? '' : 's'} kept)`}`
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

export function renderMarkdown(plan: Plan, limit: number = MARKDOWN_LIMIT): string {
  const head: string[] = ['### mon plan', '', `**${summaryLine(plan)}**`, '']
  const warning = retirementWarning(plan)
  if (warning.length > 0) head.push(...warning, '')
  const drifted = plan.changes.filter((c) => c.drift).length
  if (drifted > 0) {
    head.push(`> [!NOTE]`, `> Drift: ${drifted} row${drifted === 1 ? ' was' : 's were'} changed in the database by hand since the last apply; this plan puts ${drifted === 1 ? 'it' : 'them'} back.`, '')
  }
  if (plan.unmanaged.length > 0) {
    head.push(`${plan.unmanaged.length} unmanaged row${plan.unmanaged.length === 1 ? ' is' : 's are'} not in the file and left alone (listed in the details).`, '')
  }
  if (plan.changes.length === 0) head.push('No changes. The database matches the file.', '')
  let text = `${head.join('\n')}\n`
  const tail = (body: string) => `${text}${body}`

  // Keep a reserve so that the details fold always has room for its frame and note.
  const reserve = 600
  if (plan.changes.length > 0) {
    const rows = ['| action | table | id | change |', '|---|---|---|---|']
    let size = text.length + rows.join('\n').length
    let shown = 0
    for (const change of plan.changes) {
      const row = tableRow(change)
      if (size + row.length + 1 > limit - reserve) break
      rows.push(row)
      size += row.length + 1
      shown++
    }
    if (shown < plan.changes.length) rows.push(`| … | | | ${plan.changes.length - shown} more changes not shown here: run \`mon plan\` for all |`)
    text = tail(`${rows.join('\n')}\n\n`)
  }

  const detail: string[] = []
  for (const change of plan.changes.filter((c) => !c.drift)) detail.push(...changeLines(change).map((l) => l.slice(2)))
  const driftChanges = plan.changes.filter((c) => c.drift)
  if (driftChanges.length > 0) {
    detail.push('', '# Drift: changed by hand since the last apply; this plan puts them back')
    for (const change of driftChanges) detail.push(...changeLines(change).map((l) => l.slice(2)))
  }
  if (plan.unmanaged.length > 0) {
    detail.push('', '# Unmanaged: not in the file, left alone')
    detail.push(...unmanagedLines(plan).map((l) => l.slice(2)))
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
