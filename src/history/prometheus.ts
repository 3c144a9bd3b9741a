/**
 * `mon status --format prometheus`: the text exposition format, for
 * node_exporter's textfile collector. Every family is a gauge in base units
 * (seconds, ratios 0..1), with HELP and TYPE, so that `promtool check metrics`
 * accepts it. States are one-hot series with a `state` label, the way
 * node_systemd_unit_state does it: `sum by (state)` and alerts on `== 1` work.
 */
import {PHASES} from '../phases.js'
import {STATUS_ORDER, type HealthStatus} from '../status.js'
import type {StatusReport} from './status.js'

interface Sample {
  labels: Array<[string, string]>
  value: number
}

interface Family {
  name: string
  help: string
  samples: Sample[]
}

export interface PrometheusOptions {
  /** The --since window, in ms. */
  windowMs: number
  /** The --stale-after limit, in ms; null when each target is stale after 3 of its intervals. */
  staleAfterMs: number | null
}

export function renderPrometheus(report: StatusReport, options: PrometheusOptions): string {
  const fam = (name: string, help: string): Family => ({name, help, samples: []})
  const entityState = fam('mon_entity_state', 'Worst current state of the entity\'s endpoints and registry entries: 1 for the current state, 0 for the others.')
  const endpointState = fam('mon_endpoint_state', 'Current state of the endpoint: 1 for the current state, 0 for the others.')
  const up = fam('mon_endpoint_up', 'Whether the latest check of the endpoint is recent and ok or warn (1) or not (0).')
  const uptime = fam('mon_endpoint_uptime_ratio', 'Share of the endpoint\'s checks in the status window that were ok or warn.')
  const warn = fam('mon_endpoint_warn_ratio', 'Share of the endpoint\'s checks in the status window that were warn.')
  const checks = fam('mon_endpoint_checks', 'Number of checks of the endpoint in the status window.')
  const coverage = fam('mon_endpoint_coverage_ratio', 'Share of the endpoint\'s checks expected in the status window (from its interval and when it was applied) that were made, at most 1.')
  const p50 = fam('mon_endpoint_latency_p50_seconds', 'Median check latency of the endpoint in the status window (nearest rank).')
  const p95 = fam('mon_endpoint_latency_p95_seconds', '95th percentile check latency of the endpoint in the status window (nearest rank).')
  const phase = fam('mon_probe_phase_seconds', 'Where the time of the endpoint\'s latest check went, by phase (resolve, connect, tls, processing, transfer, as blackbox_exporter\'s probe_http_duration_seconds); they add up to its latency.')
  const lastCheck = fam('mon_endpoint_last_check_timestamp_seconds', 'Unix time of the endpoint\'s latest check.')
  const registryState = fam('mon_registry_state', 'Current state of the registry entry: 1 for the current state, 0 for the others.')
  const registryLast = fam('mon_registry_last_check_timestamp_seconds', 'Unix time of the registry entry\'s latest check.')
  const registryCoverage = fam('mon_registry_coverage_ratio', 'Share of the registry entry\'s checks expected in the status window (from its interval and when it was applied) that were made, at most 1.')
  const targetStaleAfter = fam('mon_target_stale_after_seconds', 'Age after which the endpoint or registry entry counts as stale: 3 of its intervals, or --stale-after.')
  const window = fam('mon_status_window_seconds', 'Length of the status window that uptime, checks and latency cover.')
  const staleAfter = fam('mon_status_stale_after_seconds', 'The --stale-after limit for every endpoint and registry entry, when given (else see mon_target_stale_after_seconds).')

  window.samples.push({labels: [], value: options.windowMs / 1000})
  if (options.staleAfterMs !== null) staleAfter.samples.push({labels: [], value: options.staleAfterMs / 1000})

  for (const entity of report.entities) {
    const base: Array<[string, string]> = [['entity', entity.id]]
    const tail: Array<[string, string]> = [['type', entity.type], ['owner', entity.owner]]
    oneHot(entityState, [...base, ...tail], entity.status)
    for (const e of entity.endpoints) {
      const labels: Array<[string, string]> = [...base, ['endpoint', e.id], ['kind', e.kind], ...tail]
      oneHot(endpointState, labels, e.status)
      up.samples.push({labels, value: e.status === 'ok' || e.status === 'warn' ? 1 : 0})
      checks.samples.push({labels, value: e.checks})
      // A figure that has no data is left out rather than given a made-up value.
      if (e.uptime !== null) uptime.samples.push({labels, value: e.uptime})
      if (e.coverage !== null) coverage.samples.push({labels, value: e.coverage})
      targetStaleAfter.samples.push({labels: [...base, ['target', e.id], ['kind', e.kind], ...tail], value: e.stale_after_ms / 1000})
      if (e.checks > 0) warn.samples.push({labels, value: e.counts.warn / e.checks})
      if (e.p50_ms !== null) p50.samples.push({labels, value: e.p50_ms / 1000})
      if (e.p95_ms !== null) p95.samples.push({labels, value: e.p95_ms / 1000})
      if (e.observed_at !== null) lastCheck.samples.push({labels, value: Date.parse(e.observed_at) / 1000})
      const phases = e.phases_ms
      if (phases) for (const name of PHASES) phase.samples.push({labels: [...labels, ['phase', name]], value: phases[name] / 1000})
    }
    for (const r of entity.registry) {
      const labels: Array<[string, string]> = [...base, ['registry', r.id], ...tail]
      oneHot(registryState, labels, r.status)
      if (r.observed_at !== null) registryLast.samples.push({labels, value: Date.parse(r.observed_at) / 1000})
      if (r.coverage !== null) registryCoverage.samples.push({labels, value: r.coverage})
      targetStaleAfter.samples.push({labels: [...base, ['target', r.id], ['kind', 'registry'], ...tail], value: r.stale_after_ms / 1000})
    }
  }

  const families = [entityState, endpointState, up, uptime, warn, checks, coverage, p50, p95, phase, lastCheck, registryState, registryLast, registryCoverage, targetStaleAfter, window, staleAfter]
  return families
    .filter((f) => f.samples.length > 0)
    .map(renderFamily)
    .join('')
}

function oneHot(family: Family, labels: Array<[string, string]>, current: HealthStatus): void {
  for (const state of STATUS_ORDER) family.samples.push({labels: [...labels, ['state', state]], value: state === current ? 1 : 0})
}

function renderFamily(f: Family): string {
  const lines = [`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} gauge`]
  for (const s of f.samples) lines.push(`${f.name}${renderLabels(s.labels)} ${formatValue(s.value)}`)
  return `${lines.join('\n')}\n`
}

function renderLabels(labels: Array<[string, string]>): string {
  if (labels.length === 0) return ''
  return `{${labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`
}

/** Label values escape backslash, double quote and line feed; nothing else. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Infinity) return '+Inf'
  if (v === -Infinity) return '-Inf'
  // 15 significant digits drop float noise (0.32156999999999997 -> 0.32157) and keep millisecond timestamps.
  return String(Number(v.toPrecision(15)))
}
