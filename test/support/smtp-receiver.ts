import type {AddressInfo} from 'node:net'

import {SMTPServer} from 'smtp-server'

/**
 * An SMTP server on 127.0.0.1 for email tests: it records every message it
 * accepts (envelope and raw RFC 5322 text). Plain SMTP, no STARTTLS offered
 * (mon's notifier then needs `tls: none`); with `auth`, it requires AUTH
 * PLAIN/LOGIN with exactly that user and password.
 *
 *   const smtp = await startSmtpReceiver({auth: {user: 'mon', pass: 's3cret-pass'}})
 *   smtp.port, smtp.messages[0].from, .to, .raw, .subject(), .body()
 *   smtp.reject(550)   reject the next messages with this code (0: accept again)
 *   await smtp.close()
 */
export interface ReceivedMail {
  from: string
  to: string[]
  /** The user that authenticated, or null. */
  user: string | null
  raw: string
}

export interface SmtpReceiver {
  readonly port: number
  readonly messages: ReceivedMail[]
  reject(code: number): void
  close(): Promise<void>
}

/** A header of a raw message (unfolded), or undefined. */
export function mailHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ')
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'))
  return line?.slice(name.length + 1).trim()
}

/** The body of a raw message (after the header block). */
export function mailBody(raw: string): string {
  const at = raw.search(/\r?\n\r?\n/)
  return raw.slice(at).replace(/^\r?\n\r?\n/, '').replace(/\r\n/g, '\n')
}

export async function startSmtpReceiver(options: {auth?: {user: string; pass: string}} = {}): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = []
  let rejectCode = 0
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    logger: false,
    onAuth(auth, _session, callback) {
      const want = options.auth
      if (want && auth.username === want.user && auth.password === want.pass) return callback(null, {user: auth.username})
      return callback(new Error('Invalid username or password'))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        if (rejectCode !== 0) {
          const err = new Error('rejected by the test') as Error & {responseCode: number}
          err.responseCode = rejectCode
          return callback(err)
        }
        const from = session.envelope.mailFrom
        messages.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : null,
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    messages,
    reject: (code) => {
      rejectCode = code
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
