/** A header may read any variable of its own, never mon's: those hold the database URL and its password. */
import {describe, expect, it} from 'vitest'

import {formatDiagnostic, parseConfig} from '../../src/config/load.js'

const withHeader = (value: string) => `version: 1
entities:
  - id: api
    type: service
    label: API
    owner: web
    endpoints:
      - kind: health
        url: http://127.0.0.1:9/h
        check:
          headers:
            User-Agent: "${value}"
`

const errors = (value: string) => parseConfig(withHeader(value), 'm.yaml').errors.map(formatDiagnostic)

describe("mon's own variables in a header", () => {
  it.each(['MON_DB', 'MON_CONFIG', 'PGPASSWORD', 'PGHOST', 'DATABASE_URL', 'mon_db', 'database_url'])('refuses ${%s} at the header', (name) => {
    expect(errors(`mon \${${name}}`)).toEqual([
      `m.yaml:12:25 entities[0].endpoints[0].check.headers.User-Agent: \${${name}} is one of mon's own variables (MON_*, PG*, DATABASE_URL), which hold the database URL and its password: a header must not send it to an endpoint; use a variable of your own`,
    ])
  })

  it('refuses it in defaults.check too, and names each one once', () => {
    const text = withHeader('x').replace('entities:', 'defaults:\n  check:\n    headers:\n      X-A: "${PGUSER} ${MON_DB} ${MON_DB}"\nentities:')
    expect(parseConfig(text, 'm.yaml').errors.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^m\.yaml:5:12 defaults\.check\.headers\.X-A: \$\{PGUSER\} is one of mon's own variables/),
      expect.stringMatching(/^m\.yaml:5:12 defaults\.check\.headers\.X-A: \$\{MON_DB\} is one of mon's own variables/),
    ])
  })

  it('lets any other variable through, also ones that only contain the reserved words', () => {
    expect(errors('${API_TOKEN} ${MY_MON_DB} ${DATABASE_URL_X} ${APG}')).toEqual([])
  })
})
