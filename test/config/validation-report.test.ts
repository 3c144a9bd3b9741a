import {describe, expect, it} from 'vitest'

import {parseConfig} from '../../src/config/load.js'
import {escapeData, escapeProperty, renderGithub, renderText, summaryLine, validationReport} from '../../src/config/validation-report.js'
import {ANSI_PAINT} from '../../src/terminal.js'

const bad = `version: 1
entities:
  - id: a
    type: service
    label: A
    owner: o
    endpoints:
      - kind: api
        url: ftp://x/
        check:
          headers:
            Authorization: Bearer abc
`

describe('validate output', () => {
  const report = validationReport(parseConfig(bad, 'monitors.yaml'))

  it('text: one line per problem in file order, warnings marked, then the summary', () => {
    expect(renderText('monitors.yaml', report)).toBe(
      [
        'monitors.yaml:9:14 entities[0].endpoints[0].url: must be an http: or https: URL (got ftp:)',
        'monitors.yaml:12:28 entities[0].endpoints[0].check.headers.Authorization: warning: holds a literal credential: write it as ${VAR} (e.g. "Bearer ${API_TOKEN}") so the secret stays out of the file and the database',
        'monitors.yaml: 1 error, 1 warning',
        '',
      ].join('\n'),
    )
  })

  it('text: colour only when asked for', () => {
    expect(renderText('monitors.yaml', report)).not.toContain('\u001B[')
    expect(renderText('monitors.yaml', report, ANSI_PAINT)).toContain('\u001B[31m')
  })

  it('summary: counts entities, endpoints and registry entries, with singulars', () => {
    const valid = (text: string) => summaryLine('m.yaml', validationReport(parseConfig(text, 'm.yaml')))
    expect(valid('version: 1\nentities: []\n')).toBe('m.yaml: valid (0 entities, 0 endpoints, 0 registry entries)')
    expect(valid(bad.replace('ftp://x/', 'http://x/'))).toBe('m.yaml: valid, 1 warning (1 entity, 1 endpoint, 0 registry entries)')
  })

  it('github: workflow commands with escaped properties and data', () => {
    expect(renderGithub('monitors.yaml', report).split('\n')).toEqual([
      '::error file=monitors.yaml,line=9,col=14,title=mon validate::entities[0].endpoints[0].url: must be an http: or https: URL (got ftp:)',
      expect.stringMatching(/^::warning file=monitors\.yaml,line=12,col=28,title=mon validate::entities\[0\]\.endpoints\[0\]\.check\.headers\.Authorization: holds a literal credential/),
      'monitors.yaml: 1 error, 1 warning',
      '',
    ])
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext')
    expect(escapeProperty('a,b:c%')).toBe('a%2Cb%3Ac%25')
    const odd = renderGithub('dir,x/mon:1.yaml', validationReport(parseConfig(bad, 'dir,x/mon:1.yaml')))
    expect(odd).toContain('::error file=dir%2Cx/mon%3A1.yaml,line=9,col=14,')
  })

  it('json: exactly the shape of the spec', () => {
    expect(Object.keys(report)).toEqual(['valid', 'errors', 'warnings', 'counts'])
    expect(report.valid).toBe(false)
    expect(Object.keys(report.errors[0]!)).toEqual(['file', 'line', 'column', 'path', 'message'])
    expect(report.counts).toEqual({entities: 1, endpoints: 1, registry_index: 0})
  })
})
