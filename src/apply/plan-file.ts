/**
 * The saved plan file: `mon plan --out` writes it with where the plan came
 * from and the row hashes it was made against; `mon apply PLANFILE` reads it
 * back as what to apply.
 */
import {readFile} from 'node:fs/promises'

import {writeOutFile} from '../atomic-write.js'

import {MonError, messageOf} from '../errors.js'
import {rowStateHashes} from '../plan/fingerprint.js'
import {parseSavedPlan, savedPlan} from '../plan/render-json.js'
import type {ObservedState, Plan} from '../plan/types.js'
import {isoNow} from '../time.js'
import {actor, startProvenance, type Provenance} from './provenance.js'
import type {ApplySource} from './reconcile.js'

export async function writePlanFile(out: string, plan: Plan, observed: ObservedState, config: {file: string; files: ReadonlyArray<{file: string; text: string}>}): Promise<void> {
  const {config_sha256, git_commit} = await startProvenance(config.file)(config.files)
  const saved = savedPlan(plan, {config: config.file, config_sha256, git_commit, created_at: isoNow()}, rowStateHashes(observed))
  await writeOutFile(out, `${JSON.stringify(saved, null, 1)}\n`, 'the plan')
}

/** The saved plan as an apply source, with the provenance of the config it was made from. */
export async function readPlanFile(file: string): Promise<{source: ApplySource; provenance: Provenance}> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new MonError(`cannot read saved plan ${file}: ${code === 'ENOENT' ? 'no such file' : messageOf(err)}`)
  }
  const saved = parseSavedPlan(text, file)
  return {
    source: {saved: {plan: saved.plan, observed: saved.observed}},
    provenance: {config_sha256: saved.source.config_sha256, git_commit: saved.source.git_commit, actor: actor()},
  }
}
