#!/usr/bin/env node
/**
 * Where the time of parsing monitors.yaml goes, on the apply benchmark's
 * generated inventory (default 10,000 entities, 5.6 MB), and what a faster
 * path could save. Every figure beside the full load and validation that
 * apply does now (`loadValidConfig`), as a ratio; CPU time, median of --reps.
 *
 *   node bench/apply-parse.js [--entities 10000] [--reps 3]
 */
import {createHash} from 'node:crypto'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'

import {LineCounter, Lexer, Parser, parseDocument} from 'yaml'

import {generate} from './apply-inventory.js'

const {values: opts} = parseArgs({options: {entities: {type: 'string', default: '10000'}, reps: {type: 'string', default: '3'}}})
const N = Number(opts.entities)
const REPS = Number(opts.reps)
const {loadValidConfig} = await import(new URL('../dist/config/load.js', import.meta.url).href)

const work = mkdtempSync(path.join(tmpdir(), 'mon-bench-parse-'))
const file = path.join(work, 'monitors.yaml')
writeFileSync(file, generate(N))
const text = readFileSync(file, 'utf8')

function cpu(fn) {
  const times = []
  for (let r = 0; r < REPS; r++) {
    const c0 = process.cpuUsage()
    fn()
    const c = process.cpuUsage(c0)
    times.push((c.user + c.system) / 1000)
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]
}
async function cpuAsync(fn) {
  const times = []
  for (let r = 0; r < REPS; r++) {
    const c0 = process.cpuUsage()
    await fn()
    const c = process.cpuUsage(c0)
    times.push((c.user + c.system) / 1000)
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]
}

await loadValidConfig(file) // warm-up
const full = await cpuAsync(() => loadValidConfig(file))
const {model} = await loadValidConfig(file)
const cached = JSON.stringify(model)

const rows = [
  ['loadValidConfig (what apply does now)', full],
  ['yaml parseDocument + toJS', cpu(() => parseDocument(text, {lineCounter: new LineCounter(), uniqueKeys: true, strict: true, prettyErrors: true}).toJS({maxAliasCount: 50}))],
  ["yaml Parser (CST only, no document)", cpu(() => {
    for (const _ of new Parser().parse(text));
  })],
  ['yaml Lexer (tokens only)', cpu(() => {
    for (const _ of new Lexer().lex(text));
  })],
  ['cache hit: sha256 of the file + JSON.parse of the model', cpu(() => {
    createHash('sha256').update(text).digest('hex')
    JSON.parse(cached)
  })],
]
console.log(`monitors.yaml: ${N} entities, ${(text.length / 1e6).toFixed(1)} MB; CPU time, median of ${REPS}\n`)
for (const [name, ms] of rows) console.log(`${name.padEnd(56)} ${(ms / 1000).toFixed(2).padStart(6)} s   ${(ms / full).toFixed(3)}× of the full load`)
console.log(`\ncached model size: ${(cached.length / 1e6).toFixed(1)} MB of JSON`)
rmSync(work, {recursive: true, force: true})
