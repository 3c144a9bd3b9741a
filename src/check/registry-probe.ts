import {BUILTIN_CHECK, type RegistryFormat, type Serves} from '../config/model.js'
import {describeFailure, type HttpProber} from './http-probe.js'
import {readRegistryFile, type RegistryFiles, tooLarge} from './registry-file.js'
import {type RegistryRead, summarise, summariseJson} from './registry-format.js'
import {countYamlEntries} from './registry-yaml.js'
import type {RegistryProbe, RegistryTarget} from './types.js'

export interface RegistryReadOptions extends RegistryFiles {
  /** Bytes read at most, file or URL (--max-body); cut while streaming, never buffered whole. */
  maxBytes: number
  /** The one deadline for reading and parsing; a registry entry has no timeout of its own. */
  timeoutMs?: number
}

export function isRegistryUrl(p: string): boolean {
  return /^https?:\/\//i.test(p)
}

/**
 * Reads a registry entry's file or URL and parses it in its format. The path
 * is stored as written, so the database does not depend on the machine that
 * applied it; a relative one resolves here, at check time, against the base
 * directory (the directory of --config, or --base-dir).
 */
export async function probeRegistry(target: RegistryTarget, options: RegistryReadOptions, http: HttpProber): Promise<RegistryProbe> {
  const started = performance.now()
  const timeoutMs = options.timeoutMs ?? BUILTIN_CHECK.timeout
  const deadline = started + timeoutMs
  const done = (result: Pick<RegistryProbe, 'summary' | 'declared' | 'failure'>, resolved_path?: string): RegistryProbe => ({
    ...result,
    ...(resolved_path ? {resolved_path} : {}),
    latency_ms: Math.round((performance.now() - started) * 100) / 100,
    observed_at: new Date().toISOString(),
  })
  const cannot = (why: string) => ({failure: {message: `cannot read ${target.path}: ${why}`}})
  if (isRegistryUrl(target.path)) {
    try {
      const res = await http.fetchBytes(target.path, timeoutMs, options.maxBytes)
      if (res.status < 200 || res.status >= 300) return done(cannot(`HTTP ${res.status}`))
      if (res.truncated) return done(cannot(tooLarge(options.maxBytes)))
      return done(await parse(res.body, target, deadline, timeoutMs))
    } catch (err) {
      return done(cannot(describeFailure(err, target.path, timeoutMs).message))
    }
  }
  const read = await readRegistryFile(target.path, options, {maxBytes: options.maxBytes, timeoutMs, deadline})
  if (!read.ok) return done(cannot(read.message), read.file)
  return done(await parse(read.bytes, target, deadline, timeoutMs), read.file)
}

async function parse(bytes: Buffer, target: RegistryTarget, deadline: number, timeoutMs: number): Promise<Pick<RegistryProbe, 'summary' | 'declared' | 'failure'>> {
  const parsed = await summariseRegistry(bytes, target.format, {leftMs: deadline - performance.now(), timeoutMs}, target.serves)
  if (!parsed.ok) return {failure: {message: `${target.path}: ${parsed.message}`}}
  return parsed.declared ? {summary: parsed.summary, declared: parsed.declared} : {summary: parsed.summary}
}

/**
 * Parses a registry in its format and summarises it. YAML gets the same
 * guards as monitors.yaml (unique keys, bounded aliases), in a worker with a
 * heap limit, within time.leftMs.
 */
export async function summariseRegistry(bytes: Buffer, format: RegistryFormat, time: {leftMs: number; timeoutMs: number}, serves: Serves | null = null): Promise<RegistryRead> {
  if (format !== 'yaml') return summariseJson(bytes, serves)
  const counted = await countYamlEntries(bytes.toString('utf8'), time.leftMs, time.timeoutMs, undefined, serves)
  return counted.ok ? summarise(bytes, counted.entries, counted.top, counted.declarations ?? null) : counted
}
