/** The generated inventory the apply benchmarks use: n entities, each with 3 endpoints and 1 registry entry. */
export function generate(n, label = (i) => `Service ${i}`) {
  const out = ['# yaml-language-server: $schema=./schemas/monitors.schema.json', 'version: 1', 'defaults:', '  check:', '    timeout: 5s', 'entities:']
  for (let i = 0; i < n; i++) {
    const id = `svc-${String(i).padStart(5, '0')}`
    const port = 20000 + (i % 40000)
    out.push(
      `  - id: ${id}`,
      '    type: service',
      `    label: ${label(i)}`,
      `    owner: team-${i % 50}`,
      '    notes: generated for the apply benchmark',
      '    endpoints:',
      '      - kind: health',
      `        url: http://127.0.0.1:${port}/health`,
      '      - kind: models',
      `        url: http://127.0.0.1:${port}/v1/models`,
      '        check:',
      '          status: [200]',
      '          timeout: 2s',
      '          headers:',
      '            Authorization: Bearer ${MODEL_TOKEN}',
      '      - kind: metrics',
      `        url: http://127.0.0.1:${port}/metrics`,
      '    registry:',
      `      - path: https://127.0.0.1/registry/${id}.json`,
      `        authority: team-${i % 50}`,
    )
  }
  return `${out.join('\n')}\n`
}
