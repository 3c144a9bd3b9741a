/** The monitors.yaml of the end-to-end alert tests. */

export interface Scenario {
  alert?: string[]
  entities?: string
  extra?: string
}

/** A monitors.yaml with one webhook notifier and entity `svc` checking `svcUrl`. */
export function alertConfig(hookUrl: string, svcUrl: string, scenario: Scenario = {}): string {
  const alert = scenario.alert ?? ['after: 2', 'recover_after: 1']
  return [
    'version: 1',
    'notifiers:',
    '  - id: hook',
    '    type: webhook',
    `    url: ${hookUrl}/hook`,
    '    headers:',
    '      Authorization: Bearer ${HOOK_TOKEN}',
    '    signing_secret: ${HOOK_SIGNING_SECRET}',
    'defaults:',
    '  alert:',
    '    notify: [hook]',
    ...alert.map((line) => `    ${line}`),
    'entities:',
    '  - id: svc',
    '    type: service',
    '    label: Service',
    '    owner: ops',
    '    endpoints:',
    `      - url: ${svcUrl}`,
    '        kind: api',
    ...(scenario.entities ? [scenario.entities] : []),
    ...(scenario.extra ? [scenario.extra] : []),
    '',
  ].join('\n')
}

/** What the file's ${VAR}s resolve to in these tests. */
export const SECRETS = {HOOK_TOKEN: 'hook-token-5ecret-0123', HOOK_SIGNING_SECRET: 'signing-5ecret-abcdef'}
