// `npm run bench`: every benchmark in turn, each beside its floor (see bench/README.md).
// Needs a build (npm run build). Name some to run only those: npm run bench -- check status
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const ALL = ['validate', 'includes', 'apply', 'check', 'latency', 'status', 'store', 'startup', 'moved']
const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !ALL.includes(name))
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}: choose from ${ALL.join(', ')}`)
  process.exit(1)
}
let failed = 0
for (const name of wanted.length > 0 ? wanted : ALL) {
  console.log(`\n== bench/${name}.js`)
  const run = spawnSync(process.execPath, [fileURLToPath(new URL(`${name}.js`, import.meta.url))], {stdio: 'inherit'})
  if (run.status !== 0) failed++
}
process.exit(failed > 0 ? 1 : 0)
