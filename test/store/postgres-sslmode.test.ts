import net from 'node:net'
import tls from 'node:tls'

import {parse as parseConnectionString} from 'pg-connection-string'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {pgConnectionString, sslModeHint} from '../../src/store/postgres-sslmode.js'
import {monProcess, tempDir} from '../support/cli.js'
import {makeCertificate} from '../support/misbehaving-server.js'

const BASE = 'postgres://mon:pw@127.0.0.1:5432/mon'

/** What pg-connection-string makes of a URL, and the warnings it emitted meanwhile (it warns once per process). */
function parsed(url: string): {config: unknown; warnings: string[]} {
  const warnings: string[] = []
  const original = process.emitWarning
  process.emitWarning = ((warning: string | Error) => void warnings.push(String(warning))) as typeof process.emitWarning
  try {
    return {config: parseConnectionString(url), warnings}
  } finally {
    process.emitWarning = original
  }
}

describe('sslmode in a PostgreSQL URL: pg 8 meaning, without its SECURITY WARNING', () => {
  it('sslmode=prefer, require and verify-ca reach pg as verify-full, which pg treats them as, and pg does not warn', () => {
    const modes = ['prefer', 'require', 'verify-ca']
    const urls = modes.map((mode) => `${BASE}?sslmode=${mode}&application_name=x`)
    // The rewritten URLs first: pg-connection-string warns only once per process.
    const after = urls.map((url) => parsed(pgConnectionString(url)))
    const before = urls.map((url) => parsed(url))
    for (const [i, mode] of modes.entries()) {
      expect(pgConnectionString(urls[i]!)).toBe(`${BASE}?sslmode=verify-full&application_name=x`)
      expect(after[i]!.warnings).toEqual([])
      // Everything pg uses is the same; only the label differs.
      expect({...(after[i]!.config as object), sslmode: mode}).toEqual(before[i]!.config)
    }
    expect(before[0]!.warnings).toEqual([expect.stringMatching(/^SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca'/)])
  })

  it.each([
    ['disable', `${BASE}?sslmode=disable`],
    ['no-verify', `${BASE}?sslmode=no-verify`],
    ['verify-full', `${BASE}?sslmode=verify-full`],
    ['libpq semantics asked for', `${BASE}?uselibpqcompat=true&sslmode=require`],
    ['no sslmode', BASE],
    ['a value that only starts like one', `${BASE}?sslmode=required`],
  ])('%s: passed as written', (_name, url) => {
    expect(pgConnectionString(url)).toBe(url)
  })

  it("a rejected certificate says what pg's sslmode=require means, only when the URL asked for it", () => {
    expect(sslModeHint(`${BASE}?sslmode=require`, 'DEPTH_ZERO_SELF_SIGNED_CERT')).toBe(
      " (pg verifies sslmode=require as verify-full; add uselibpqcompat=true to the URL for libpq's sslmode=require)",
    )
    expect(sslModeHint(`${BASE}?sslmode=verify-full`, 'DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('')
    expect(sslModeHint(`${BASE}?sslmode=require`, 'ECONNREFUSED')).toBe('')
    expect(sslModeHint(`${BASE}?uselibpqcompat=true&sslmode=require`, 'ERR_TLS_CERT_ALTNAME_INVALID')).toBe('')
  })
})

// A real process, where node prints process warnings to stderr: one line, the error and nothing else.
describe('mon with ?sslmode=require, in a real process', () => {
  const {dir, cleanup} = tempDir('mon-sslmode-')
  let server: net.Server
  let port = 0

  // Answers PostgreSQL's SSLRequest with "S", then shakes hands with a self-signed certificate.
  beforeAll(async () => {
    const {key, cert} = makeCertificate(dir, 'self-signed', 30)
    server = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write('S')
        const secure = new tls.TLSSocket(socket, {isServer: true, key, cert})
        secure.on('error', () => socket.destroy())
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as net.AddressInfo).port
  })

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    cleanup()
  })

  it('a self-signed server: one line that says why, no SECURITY WARNING', async () => {
    const result = await monProcess(['status', '--db', `postgres://mon:pw@127.0.0.1:${port}/mon?sslmode=require`])
    expect(result.code).toBe(1)
    expect(result.stderr).not.toMatch(/SECURITY WARNING|Warning/)
    expect(result.stderr).toMatch(
      /^Error: cannot connect to PostgreSQL database postgres:\/\/mon:\*\*\*@127\.0\.0\.1:\d+\/mon\?sslmode=require: .*self[- ]signed.* \(pg verifies sslmode=require as verify-full; add uselibpqcompat=true to the URL for libpq's sslmode=require\)\n$/,
    )
  })

  it('no server at all: the connection error alone', async () => {
    server.close()
    const result = await monProcess(['db', 'status', '--db', `postgres://mon:pw@127.0.0.1:${port}/mon?sslmode=require`])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: cannot connect to PostgreSQL database [^\n]*: connection refused [^\n]*\n$/)
  })
})
