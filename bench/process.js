// Running a measured process: wall time and peak RSS, for the benchmarks that
// time mon as a user runs it (bench/check.js, bench/history.js).
import {spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'

/** The processes still running, so that a benchmark that fails can stop them. */
export const children = new Set()

/**
 * Runs a process to its end, polling its peak RSS (VmHWM) every 20 ms;
 * resolves {code, stdout, stderr, seconds, peakMb}.
 */
export function measure(command, args, {env = process.env, cwd} = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, {env, cwd, stdio: ['ignore', 'pipe', 'pipe']})
    children.add(child)
    let stdout = ''
    let stderr = ''
    let peakKb = 0
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]))
      } catch {}
    }, 20)
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('exit', (code) => {
      clearInterval(poll)
      children.delete(child)
      resolve({code, stdout, stderr, seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024})
    })
  })
}

/** Starts bench/check-server.js (its own process, 127.0.0.1, on `port` or a free one); resolves {port, child}. */
export function startCheckServer(script, {latencyMs = 10, port = 0} = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, '--latency', String(latencyMs), '--port', String(port)], {stdio: ['ignore', 'pipe', 'inherit']})
    children.add(child)
    child.stdout.once('data', (d) => resolve({port: Number(String(d).trim()), child}))
  })
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
