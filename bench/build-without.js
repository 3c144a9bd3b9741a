// This commit's source with some calls taken out, built once per commit under
// $MON_BENCH_DATA: the "without" side of a bench that measures what those
// calls cost (bench/history-check.js: rollup upkeep; bench/alerts-check.js:
// alert evaluation). Each edit is a replace that must find what it replaces,
// so that a renamed call fails the bench instead of measuring nothing.
import {execSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {DATA_DIR, ROOT} from './history-data.js'

/**
 * `edits`: {file, pattern, replacement} applied in order to the archived
 * source (file relative to the repository) of `rev` (HEAD by default; no
 * edits: that commit as it is). Returns the build's bin/run.js.
 */
export function buildWithout(name, edits, rev = 'HEAD') {
  const commit = execSync(`git rev-parse --short ${rev}`, {cwd: ROOT, encoding: 'utf8'}).trim()
  const dir = path.join(DATA_DIR, `mon-${commit}-without-${name}`)
  const bin = path.join(dir, 'bin/run.js')
  if (existsSync(path.join(dir, 'dist/commands/check.js'))) return bin
  rmSync(dir, {recursive: true, force: true})
  mkdirSync(dir, {recursive: true})
  execSync(`git archive ${commit} | tar -x -C ${dir}`, {cwd: ROOT})
  for (const {file, pattern, replacement} of edits) {
    const where = path.join(dir, file)
    const source = readFileSync(where, 'utf8')
    const edited = source.replace(pattern, replacement)
    if (edited === source) throw new Error(`${name}: nothing matches ${pattern} in ${where}`)
    writeFileSync(where, edited)
  }
  if (!existsSync(path.join(dir, 'node_modules'))) symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'))
  execSync('npm run build', {cwd: dir, stdio: 'ignore'})
  return bin
}
