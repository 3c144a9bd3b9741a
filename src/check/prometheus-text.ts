/**
 * A small parser for the Prometheus text exposition format (0.0.4), plus the
 * OpenMetrics `# EOF` marker. It only has to tell a readable exposition from
 * a broken one and count what it holds, so it keeps no samples.
 */
export interface ExpositionSummary {
  samples: number
  families: number
}

export type ExpositionResult = {ok: true; summary: ExpositionSummary} | {ok: false; line: number; message: string}

const NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*/
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*/
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped', 'unknown', 'info', 'stateset', 'gaugehistogram'])
const VALUE_RE = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|Inf|inf|NaN|nan)$/
const TIMESTAMP_RE = /^-?\d+(?:\.\d+)?$/

class LineError extends Error {}

export function parseExposition(text: string): ExpositionResult {
  const typed = new Map<string, string>()
  const helped = new Set<string>()
  const families = new Set<string>()
  let samples = 0
  const lines = text.split('\n')
  // A final newline leaves one empty string behind; that is not a line.
  if (lines.at(-1) === '') lines.pop()
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '')
    try {
      if (line.trim() === '') continue
      if (line.startsWith('#')) {
        readComment(line, typed, helped)
        continue
      }
      families.add(readSample(line))
      samples++
    } catch (err) {
      return {ok: false, line: i + 1, message: (err as Error).message}
    }
  }
  return {ok: true, summary: {samples, families: families.size}}
}

function readComment(line: string, typed: Map<string, string>, helped: Set<string>): void {
  const match = /^#\s*(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(line)
  if (!match) return // any other comment, including OpenMetrics' `# EOF`
  const [, keyword, name, rest = ''] = match
  if (!NAME_RE.test(name!) || NAME_RE.exec(name!)![0] !== name) throw new LineError(`invalid metric name "${name}" in # ${keyword}`)
  if (keyword === 'HELP') {
    if (helped.has(name!)) throw new LineError(`second HELP line for ${name}`)
    helped.add(name!)
    return
  }
  const type = rest.trim()
  if (!TYPES.has(type)) throw new LineError(`unknown metric type "${type}" for ${name}`)
  if (typed.has(name!)) throw new LineError(`second TYPE line for ${name}`)
  typed.set(name!, type)
}

/** Returns the metric name of a sample line, or throws what is wrong with it. */
function readSample(line: string): string {
  let rest = line.trimStart()
  const name = NAME_RE.exec(rest)?.[0]
  if (!name) throw new LineError(`expected a metric name, got "${clip(rest)}"`)
  rest = rest.slice(name.length)
  if (rest.startsWith('{')) rest = readLabels(rest.slice(1))
  if (!/^[ \t]/.test(rest)) throw new LineError(`expected a space and a value after ${name}, got "${clip(rest)}"`)
  const fields = rest.trim().split(/[ \t]+/)
  if (fields.length > 2) throw new LineError(`unexpected text after the value of ${name}: "${clip(fields.slice(2).join(' '))}"`)
  if (!VALUE_RE.test(fields[0]!)) throw new LineError(`invalid value "${clip(fields[0]!)}" for ${name}`)
  if (fields[1] !== undefined && !TIMESTAMP_RE.test(fields[1])) throw new LineError(`invalid timestamp "${clip(fields[1])}" for ${name}`)
  return name
}

/** Reads `a="x",b="y"}` and returns what follows the closing brace. */
function readLabels(text: string): string {
  let rest = text.trimStart()
  const seen = new Set<string>()
  while (!rest.startsWith('}')) {
    const label = LABEL_NAME_RE.exec(rest)?.[0]
    if (!label) throw new LineError(`expected a label name, got "${clip(rest)}"`)
    if (seen.has(label)) throw new LineError(`label ${label} given twice`)
    seen.add(label)
    rest = rest.slice(label.length).trimStart()
    if (!rest.startsWith('=')) throw new LineError(`expected = after label ${label}`)
    rest = rest.slice(1).trimStart()
    if (!rest.startsWith('"')) throw new LineError(`expected a quoted value for label ${label}`)
    let i = 1
    for (; i < rest.length; i++) {
      const c = rest[i]
      if (c === '\\') {
        if (!['\\', '"', 'n'].includes(rest[i + 1] ?? '')) throw new LineError(`invalid escape in label ${label}`)
        i++
      } else if (c === '"') {
        break
      }
    }
    if (i >= rest.length) throw new LineError(`unterminated value for label ${label}`)
    rest = rest.slice(i + 1).trimStart()
    if (rest.startsWith(',')) rest = rest.slice(1).trimStart()
    else if (!rest.startsWith('}')) throw new LineError(`expected , or } after label ${label}`)
  }
  return rest.slice(1)
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}
