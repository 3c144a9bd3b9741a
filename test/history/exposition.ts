/**
 * A strict reader of the Prometheus text exposition format (0.0.4) for tests:
 * it keeps every sample, and throws on anything Prometheus or node_exporter's
 * textfile collector would reject, plus the promtool lint rules that apply to
 * gauges.
 */
export interface Sample {
  labels: Record<string, string>
  value: number
}

export interface Family {
  name: string
  help: string
  type: string
  samples: Sample[]
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/

export function parseExpositionStrict(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('exposition must end with a line feed')
  const families = new Map<string, Family>()
  const closed = new Set<string>()
  const series = new Set<string>()
  let current: Family | null = null
  const lines = text.slice(0, -1).split('\n')
  lines.forEach((line, i) => {
    const where = `line ${i + 1}`
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line)
    if (meta) {
      const [, keyword, name, rest] = meta as unknown as [string, string, string, string]
      if (!NAME.test(name)) throw new Error(`${where}: bad metric name ${name}`)
      if (closed.has(name)) throw new Error(`${where}: ${name} reopened after another family`)
      if (current && current.name !== name) {
        closed.add(current.name)
        current = null
      }
      const family = families.get(name) ?? {name, help: '', type: '', samples: []}
      if (family.samples.length > 0) throw new Error(`${where}: ${keyword} for ${name} after its samples`)
      if (keyword === 'HELP') {
        if (family.help) throw new Error(`${where}: second HELP for ${name}`)
        family.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\')
      } else {
        if (family.type) throw new Error(`${where}: second TYPE for ${name}`)
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`${where}: bad type ${rest}`)
        family.type = rest
      }
      families.set(name, family)
      current = family
      return
    }
    if (line.startsWith('#')) return
    if (line.trim() === '') throw new Error(`${where}: empty line`)
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$/.exec(line)
    if (!m) throw new Error(`${where}: not a sample: ${line}`)
    const [, name, labelText, valueText] = m as unknown as [string, string, string | undefined, string]
    if (!current || current.name !== name) throw new Error(`${where}: sample of ${name} outside its family (HELP/TYPE first, samples together)`)
    const labels = labelText ? parseLabels(labelText.slice(1, -1), where) : {}
    if (!/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|Inf|NaN)$/.test(valueText)) throw new Error(`${where}: bad value ${valueText}`)
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`
    if (series.has(key)) throw new Error(`${where}: duplicate series ${key}`)
    series.add(key)
    current.samples.push({labels, value: Number(valueText.replace('Inf', 'Infinity'))})
  })
  for (const f of families.values()) lint(f)
  return families
}

function parseLabels(text: string, where: string): Record<string, string> {
  const labels: Record<string, string> = {}
  let i = 0
  while (i < text.length) {
    const eq = text.indexOf('=', i)
    const name = text.slice(i, eq)
    if (!LABEL.test(name) || name.startsWith('__')) throw new Error(`${where}: bad label name ${name}`)
    if (text[eq + 1] !== '"') throw new Error(`${where}: label value must be quoted`)
    let j = eq + 2
    let value = ''
    for (;;) {
      const c = text[j]
      if (c === undefined) throw new Error(`${where}: unterminated label value`)
      if (c === '"') break
      if (c === '\n') throw new Error(`${where}: raw line feed in label value`)
      if (c === '\\') {
        const next = text[j + 1]
        if (next === 'n') value += '\n'
        else if (next === '\\' || next === '"') value += next
        else throw new Error(`${where}: bad escape \\${next}`)
        j += 2
        continue
      }
      value += c
      j++
    }
    if (name in labels) throw new Error(`${where}: duplicate label ${name}`)
    labels[name] = value
    i = j + 1
    if (i < text.length) {
      if (text[i] !== ',') throw new Error(`${where}: expected , between labels`)
      i++
    }
  }
  return labels
}

/** The promtool lint rules (client_golang promlint) that can apply to gauges. */
function lint(f: Family): void {
  if (!f.help) throw new Error(`${f.name}: no HELP`)
  if (!f.type) throw new Error(`${f.name}: no TYPE`)
  if (f.type !== 'counter' && f.name.endsWith('_total')) throw new Error(`${f.name}: _total is for counters`)
  if (f.type === 'counter' && !f.name.endsWith('_total')) throw new Error(`${f.name}: counters end in _total`)
  if (/_(count|sum|bucket)$/.test(f.name)) throw new Error(`${f.name}: reserved suffix`)
  if (/[A-Z]/.test(f.name) || f.name.includes(':')) throw new Error(`${f.name}: not snake_case, or has a colon`)
  if (/(^|_)(milliseconds|microseconds|nanoseconds|minutes|hours|days|ms|us|ns|sec|secs|percent)(_|$)/.test(f.name)) {
    throw new Error(`${f.name}: use base units (seconds, ratio)`)
  }
  if (/(^|_)(counter|gauge|histogram|summary|untyped)(_|$)/.test(f.name)) throw new Error(`${f.name}: metric type in name`)
  if (f.samples.length === 0) throw new Error(`${f.name}: family without samples`)
  const names = JSON.stringify(Object.keys(f.samples[0]!.labels))
  for (const s of f.samples) {
    if (JSON.stringify(Object.keys(s.labels)) !== names) throw new Error(`${f.name}: samples with different label names`)
  }
}

export function sampleOf(families: Map<string, Family>, name: string, labels: Record<string, string>): number | undefined {
  const f = families.get(name)
  return f?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value
}
