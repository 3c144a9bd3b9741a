// What the alert benches share: a fleet of health endpoints with alert
// settings and a notifier at a local receiver, the servers they run against
// (each a process of its own), and the lines mon check prints about alerts.
import path from 'node:path'

import {ROOT} from './history-data.js'
import {startCheckServer} from './process.js'

const ENTITY_SIZE = 10

/**
 * monitors.yaml: `endpoints` health endpoints (ids e0000, e0001, ...) in
 * entities of ten, each at `route(n)` of the check server; `defaults.alert`
 * opens at the first failing check and resolves at the first passing one,
 * and tells `notifier` ({id, type, url}). `okTarget`: one more entity whose
 * endpoint (ok:health) always answers 200, to run `--only` against.
 */
export function alertFleetConfig({endpoints, checkUrl, route, notifier, okTarget = false}) {
  const lines = ['version: 1', 'notifiers:', `  - id: ${notifier.id}`, `    type: ${notifier.type}`, `    url: ${notifier.url}`]
  lines.push('defaults:', '  check:', '    timeout: 5s', '  alert:', '    after: 1', '    recover_after: 1', `    notify: [${notifier.id}]`, 'entities:')
  for (let n = 0; n < endpoints; n++) {
    if (n % ENTITY_SIZE === 0) lines.push(`  - id: svc-${n / ENTITY_SIZE}`, '    type: service', `    label: Service ${n / ENTITY_SIZE}`, '    owner: bench', '    endpoints:')
    lines.push(`      - id: e${String(n).padStart(4, '0')}`, '        kind: health', `        url: ${checkUrl}${route(n)}`)
  }
  if (okTarget) lines.push('  - id: ok', '    type: service', '    label: Always ok', '    owner: bench', '    endpoints:', '      - kind: health', `        url: ${checkUrl}/e/ok`)
  return `${lines.join('\n')}\n`
}

/** bench/check-server.js (10 ms) and bench/alert-receiver.js (202 after `receiverMs`), each its own process. */
export async function startServers({receiverMs = 5} = {}) {
  const check = await startCheckServer(path.join(ROOT, 'bench/check-server.js'))
  const receiver = await startCheckServer(path.join(ROOT, 'bench/alert-receiver.js'), {latencyMs: receiverMs})
  return {
    checkUrl: `http://127.0.0.1:${check.port}`,
    receiverUrl: `http://127.0.0.1:${receiver.port}`,
    /** What /flap/N answers from now on: 'ok' or 'fail'. */
    setPhase: async (phase) => {
      const res = await fetch(`http://127.0.0.1:${check.port}/phase/${phase}`)
      if (res.status !== 204) throw new Error(`check server: /phase/${phase} answered ${res.status}`)
    },
    /** What the receiver got since the last reset: {requests, alerts, keys}. */
    received: async ({reset = false} = {}) => (await fetch(`http://127.0.0.1:${receiver.port}/${reset ? 'reset' : 'received'}`)).json(),
    stop: () => {
      check.child.kill('SIGTERM')
      receiver.child.kill('SIGTERM')
    },
  }
}

/** `alerts: 3 opened, 2 resolved, 5 notifications queued` and `notify: 5 sent, ...` from a run's stderr (zeros when absent). */
export function alertLines(stderr) {
  const steps = /alerts: (\d+) opened, (\d+) resolved, (\d+) notifications queued/.exec(stderr)
  const sent = /notify: (\d+) sent/.exec(stderr)
  return {opened: Number(steps?.[1] ?? 0), resolved: Number(steps?.[2] ?? 0), queued: Number(steps?.[3] ?? 0), sent: Number(sent?.[1] ?? 0)}
}
