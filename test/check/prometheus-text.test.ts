import {describe, expect, it} from 'vitest'

import {parseExposition} from '../../src/check/prometheus-text.js'

const GOOD = `# HELP http_requests_total The total number of HTTP requests.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400"}    3 1395066363000

# Escaping in label values:
msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
metric_without_timestamp_and_labels 12.47
something_weird{problem="division by zero"} +Inf -3982045
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.5"} 4773
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
nan_value NaN
trailing_comma{a="1",} 1
# EOF
`

describe('parseExposition', () => {
  it('reads the reference example from the format documentation', () => {
    const r = parseExposition(GOOD)
    expect(r).toEqual({ok: true, summary: {samples: 10, families: 9}})
  })

  it('accepts CRLF line ends and an empty exposition', () => {
    expect(parseExposition('a 1\r\nb 2\r\n')).toEqual({ok: true, summary: {samples: 2, families: 2}})
    expect(parseExposition('')).toEqual({ok: true, summary: {samples: 0, families: 0}})
  })

  it.each([
    ['a sample without a value', 'up\n', 'expected a space and a value after up, got ""'],
    ['a value that is not a number', 'up yes\n', 'invalid value "yes" for up'],
    ['an unterminated label value', 'up{job="x} 1\n', 'unterminated value for label job'],
    ['an unquoted label value', 'up{job=x} 1\n', 'expected a quoted value for label job'],
    ['a bad escape', 'up{job="a\\tb"} 1\n', 'invalid escape in label job'],
    ['a duplicate label', 'up{a="1",a="2"} 1\n', 'label a given twice'],
    ['a bad metric name', '1up 1\n', 'expected a metric name, got "1up 1"'],
    ['an unknown type', '# TYPE up countr\nup 1\n', 'unknown metric type "countr" for up'],
    ['a second TYPE line', '# TYPE up gauge\n# TYPE up gauge\nup 1\n', 'second TYPE line for up'],
    ['a bad timestamp', 'up 1 yesterday\n', 'invalid timestamp "yesterday" for up'],
    ['text after the timestamp', 'up 1 2 3\n', 'unexpected text after the value of up: "3"'],
    ['an HTML page', '<html><body>Not Found</body></html>\n', 'expected a metric name, got "<html><body>Not Found</body></html>"'],
  ])('rejects %s', (_name, text, message) => {
    const r = parseExposition(text)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toBe(message)
  })

  it('names the line of the first error', () => {
    const r = parseExposition('a 1\nb 2\nc oops\n')
    expect(r).toEqual({ok: false, line: 3, message: 'invalid value "oops" for c'})
  })
})
