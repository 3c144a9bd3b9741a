import {open} from 'node:fs/promises'
import path from 'node:path'

import {BUILTIN_CHECK, type RegistryFormat} from '../config/model.js'
import {describeFailure, type HttpProber} from './http-probe.js'
import {type RegistryRead, summarise, summariseJson} from './registry-format.js'
import {countYamlEntries} from './registry-yaml.js'
import type {RegistryProbe, RegistryTarget} from './types.js'

/** A registry bigger than this is not a registry mon should be hashing every few minutes. */
export const REGISTRY_MAX_BYTES = 64 * 1024 * 1024

export function isRegistryUrl(p: string): boolean {
  return /^https?:\/\//i.test(p)
}

/**
 * Where a stored registry path points. The path is stored as written, so the
 * database does not depend on the machine that applied it; a relative path is
 * resolved here, at check time, against --base-dir (default: the current
 * directory, so scheduled checks run from the repository root).
 */
export function resolveRegistryPath(p: string, baseDir: string): string {
  return path.resolve(baseDir, p)
}

export async function probeRegistry(target: RegistryTarget, baseDir: string, http: HttpProber): Promise<RegistryProbe> {
  const started = performance.now()
  const deadline = started + BUILTIN_CHECK.timeout
  const done = (result: Pick<RegistryProbe, 'summary' | 'failure'>, resolved_path?: string): RegistryProbe => ({
    ...result,
    ...(resolved_path ? {resolved_path} : {}),
    latency_ms: Math.round((performance.now() - started) * 100) / 100,
    observed_at: new Date().toISOString(),
  })
  if (isRegistryUrl(target.path)) {
    const timeout = BUILTIN_CHECK.timeout
    try {
      const res = await http.fetchBytes(target.path, timeout, REGISTRY_MAX_BYTES)
      if (res.status < 200 || res.status >= 300) return done({failure: {message: `cannot read ${target.path}: HTTP ${res.status}`}})
      if (res.truncated) return done({failure: {message: `cannot read ${target.path}: larger than ${REGISTRY_MAX_BYTES} bytes`}})
      return done(await read(res.body, target, deadline))
    } catch (err) {
      return done({failure: {message: `cannot read ${target.path}: ${describeFailure(err, target.path, timeout).message}`}})
    }
  }
  const file = resolveRegistryPath(target.path, baseDir)
  let bytes: Buffer
  try {
    const handle = await open(file, 'r')
    try {
      const {size} = await handle.stat()
      if (size > REGISTRY_MAX_BYTES) return done({failure: {message: `cannot read ${target.path}: larger than ${REGISTRY_MAX_BYTES} bytes`}}, file)
      bytes = await handle.readFile()
    } finally {
      await handle.close()
    }
  } catch (err) {
    const code = (err as {code?: string}).code
    const why = code === 'ENOENT' ? `no such file (resolved to ${file})` : code === 'EISDIR' ? `${file} is a directory` : (err as Error).message
    return done({failure: {message: `cannot read ${target.path}: ${why}`}}, file)
  }
  return done(await read(bytes, target, deadline), file)
}

async function read(bytes: Buffer, target: RegistryTarget, deadline: number): Promise<Pick<RegistryProbe, 'summary' | 'failure'>> {
  const parsed = await summariseRegistry(bytes, target.format, {leftMs: deadline - performance.now(), timeoutMs: BUILTIN_CHECK.timeout})
  return parsed.ok ? {summary: parsed.summary} : {failure: {message: `${target.path}: ${parsed.message}`}}
}

/**
 * Parses a registry in its format and summarises it. YAML gets the same
 * guards as monitors.yaml (unique keys, bounded aliases), in a worker with a
 * heap limit, within time.leftMs.
 */
export async function summariseRegistry(bytes: Buffer, format: RegistryFormat, time: {leftMs: number; timeoutMs: number}): Promise<RegistryRead> {
  if (format !== 'yaml') return summariseJson(bytes)
  const counted = await countYamlEntries(bytes.toString('utf8'), time.leftMs, time.timeoutMs)
  return counted.ok ? summarise(bytes, counted.entries, counted.top) : counted
}
