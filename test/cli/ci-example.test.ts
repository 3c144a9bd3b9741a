/**
 * examples/github-actions.yml: its jobs are split the way docs/ci.md says,
 * and the fork job's plan step, run as written with bash in a real git
 * repository, posts the plan of the change against the base branch.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {parse} from 'yaml'

import {modelToYaml} from '../../src/config/serialize.js'
import {BIN, ROOT} from '../support/cli.js'
import {gitRepo, type GitRepo} from '../support/git-repo.js'
import {entity, model} from './plan-support.js'

vi.setConfig({testTimeout: 60_000})

interface Step {
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  if?: string
  env?: Record<string, string>
  permissions?: Record<string, string>
  steps: Step[]
}

const TEXT = readFileSync(path.join(ROOT, 'examples/github-actions.yml'), 'utf8')
const WORKFLOW = parse(TEXT) as {on: Record<string, {paths?: string[]}>; jobs: Record<string, Job>}
const runs = (job: Job) => job.steps.flatMap((step) => (step.run ? [step.run] : []))

describe('examples/github-actions.yml', () => {
  it('plans pull requests from this repository against the database, and from forks against the base branch with no secret', () => {
    const {plan, 'plan-fork': fork, apply} = WORKFLOW.jobs
    expect(plan!.if).toBe("github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository")
    expect(fork!.if).toBe("github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name != github.repository")
    expect(apply!.if).toBe("github.event_name == 'push'")
    expect(plan!.env?.MON_DB).toBe('${{ secrets.MON_DB }}')
    // A fork's job holds no secret and asks for no write permission.
    expect(JSON.stringify(fork)).not.toMatch(/secrets\.|MON_DB/)
    expect(Object.values(fork!.permissions ?? {})).toEqual(['read'])
    expect(fork!.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({'fetch-depth': 0})
    expect(runs(fork!)).toContain('mon validate --format github')
    expect(runs(fork!).some((run) => run.includes('mon plan --base-rev "origin/$BASE_REF" --format markdown'))).toBe(true)
    expect(fork!.env?.BASE_REF).toBe('${{ github.base_ref }}')
    // No expression is spliced into a script: what a pull request controls reaches it only through the environment.
    for (const job of Object.values(WORKFLOW.jobs)) for (const run of runs(job)) expect(run).not.toContain('${{')
    for (const event of ['pull_request', 'push']) expect(WORKFLOW.on[event]!.paths).toContain('monitors.d/**')
  })

  describe("the fork job's plan step, run as written", () => {
    let repo: GitRepo
    beforeEach(() => {
      repo = gitRepo()
    })
    afterEach(() => repo.cleanup())

    it('writes the markdown plan against origin/BASE_REF to the job summary and passes with changes', () => {
      repo.commit('base', {'monitors.yaml': modelToYaml(model(entity('a'), entity('b')))})
      // What actions/checkout with fetch-depth: 0 leaves: the base branch as a remote-tracking ref.
      repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD')
      repo.commit('the pull request', {'monitors.yaml': modelToYaml(model(entity('a', {owner: 'platform'}), entity('c')))})
      const bin = path.join(repo.dir, '.bin')
      mkdirSync(bin)
      writeFileSync(path.join(bin, 'mon'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
      chmodSync(path.join(bin, 'mon'), 0o755)
      const summary = path.join(repo.dir, '.summary.md')
      const step = WORKFLOW.jobs['plan-fork']!.steps.find((s) => s.name === 'Plan against the base branch')!
      const env: Record<string, string> = {...(process.env as Record<string, string>), PATH: `${bin}:${process.env.PATH}`, BASE_REF: 'main', GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1', GIT_CEILING_DIRECTORIES: path.dirname(repo.dir)}
      delete env.MON_DB
      delete env.NODE_ENV
      const result = spawnSync('bash', ['-e', '-c', step.run!], {cwd: repo.dir, env, encoding: 'utf8'})
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
      const posted = readFileSync(summary, 'utf8')
      const base = execFileSync('git', ['rev-parse', '--short=7', 'origin/main'], {cwd: repo.dir, encoding: 'utf8'}).trim()
      expect(posted.startsWith(`### mon plan\n\nComparing monitors.yaml with the file at origin/main \\(${base}\\).\n\n**Plan: 1 to add, 1 to change, 1 to retire, 0 to revive.**\n`)).toBe(true)
      // An error fails the step: the base branch is not there.
      const missing = spawnSync('bash', ['-e', '-c', step.run!], {cwd: repo.dir, env: {...env, BASE_REF: 'nosuch'}, encoding: 'utf8'})
      expect(missing.status).toBe(1)
      expect(missing.stderr).toContain('Error: --base-rev: unknown revision origin/nosuch')
    })
  })
})
