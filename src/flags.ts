/**
 * Every flag that more than one command takes, and mon's typed flags. A
 * duration, a byte size or a shard is parsed by oclif together with the
 * other flags, so a command gets a Duration (milliseconds, and the text as
 * written), bytes or a Shard; a bad value is a one-line usage error that
 * names the flag (UsageError). Each default is written once, the way a user
 * writes it, and help shows it so.
 */
import {Flags, type Interfaces} from '@oclif/core'

import {parseByteSize, byteSizeFlag} from './check/byte-size.js'
import {parseShard, type Shard} from './check/shard.js'
import {ENTITY_TYPES} from './config/model.js'
import {durationFlag, parseDuration, type Duration} from './duration.js'
import {UsageError} from './errors.js'

type Defaulted = {description: string; default: string} | {description: string; required: true}

function durationDefinition(options: {description: string; allowZero?: boolean}) {
  return Flags.custom<Duration>({
    description: options.description,
    parse: async (input, _context, flag) => ({ms: durationFlag(flag.name, input, {allowZero: options.allowZero}), text: input}),
  })
}

/** A duration (`250ms`, `5s`, `2m`, `1h`, `14d`), above 0 unless `allowZero`. */
export function duration(options: Defaulted & {allowZero?: boolean}): Interfaces.OptionFlag<Duration> {
  const define = durationDefinition(options)
  if ('required' in options) return define({required: true})
  const text = options.default
  return define({default: {ms: parseDuration(text), text}, defaultHelp: async () => text})
}

/** A duration that may be left out (undefined then). */
export function optionalDuration(options: {description: string; allowZero?: boolean}): Interfaces.OptionFlag<Duration | undefined> {
  return durationDefinition(options)()
}

/** A byte count (`16384`, `16KiB`, `1MiB`) from 1 to `max`. */
export function byteSize(options: {description: string; default: string; max: string}): Interfaces.OptionFlag<number> {
  const max = {bytes: parseByteSize(options.max), text: options.max}
  return Flags.custom<number>({
    description: options.description,
    parse: async (input, _context, flag) => byteSizeFlag(flag.name, input, max),
  })({default: parseByteSize(options.default), defaultHelp: async () => options.default})
}

/** `--shard K/N`: this runner's share of the targets. */
export const shard = Flags.custom<Shard>({
  description: 'Check only shard K of N (e.g. 2/3), split by a stable hash of each id, so N runners share one history.',
  parse: async (input) => parseShard(input),
})()

/** `--format`; `--json` is the same as `--format json`, and wins over it. */
export function format<const T extends string>(options: readonly T[], fallback: T): Interfaces.OptionFlag<T> {
  return Flags.string({
    description: `Output format. --json is the same as --format json.`,
    options: [...options],
    default: fallback,
  }) as Interfaces.OptionFlag<T>
}

export const config = Flags.string({
  char: 'c',
  description: 'Path to monitors.yaml.',
  env: 'MON_CONFIG',
  default: 'monitors.yaml',
})

/** status: the file it compares with the last apply (check's --config does that too). */
export const appliedConfig = Flags.string({
  char: 'c',
  description: 'Path to monitors.yaml: a note on stderr says when it differs from what was last applied.',
  env: 'MON_CONFIG',
  default: 'monitors.yaml',
})

/** The same flag on the commands that read the file: there `-` is standard input. */
export const configToRead = Flags.string({
  char: 'c',
  description: 'Path to monitors.yaml; - reads it from standard input.',
  env: 'MON_CONFIG',
  default: 'monitors.yaml',
})

/** validate, plan and apply read the config bounded: a huge file, /dev/zero or a silent pipe ends with one line. */
export const configLimits = {
  'max-config-size': byteSize({description: 'Refuse a config larger than this.', default: '16MiB', max: '1GiB'}),
  'config-read-timeout': duration({description: 'Give up reading a config from a pipe, a device or standard input after this long.', default: '10s'}),
}

export function configLimitsOf(flags: {'max-config-size': number; 'config-read-timeout': Duration}): {maxBytes: number; timeoutMs: number} {
  return {maxBytes: flags['max-config-size'], timeoutMs: flags['config-read-timeout'].ms}
}

export const db = Flags.string({
  description: 'Database: a file path, sqlite:PATH, or a postgres:// URL.',
  env: 'MON_DB',
  default: './monitor.db',
})

export const lockTimeout = duration({
  description: 'How long to wait for another apply or migration to finish.',
  default: '30s',
  allowZero: true,
})

/** status and report: an endpoint or registry entry not seen for this long is stale; by default 3 of its own intervals. */
export const staleAfter: Interfaces.OptionFlag<Duration | undefined> = {
  ...optionalDuration({description: 'An endpoint or registry entry not observed for this long is stale; without it, each is stale after 3 of its intervals (its `interval`, 1m unless set).'}),
  // Help names what happens without it.
  defaultHelp: async () => '3 intervals',
}

/** The --stale-after override in ms (null: per target), and in words for text output. */
export function staleAfterOf(value: Duration | undefined): {ms: number | null; text: string} {
  return value ? {ms: value.ms, text: value.text} : {ms: null, text: '3 intervals'}
}

/** status, report and slo: read raw snapshots only, never rollups. */
export const exact = Flags.boolean({
  description: 'Read raw snapshots only, never rollups: exact percentiles, at the cost of reading every snapshot in the window. The JSON says which ("exact").',
})

/**
 * `--only ID...`: repeat it, or separate IDs with commas. An empty ID (`--only ''`,
 * `a,,b`) is a usage error: it names nothing, and a script that built it meant something.
 */
export function only(description: string): Interfaces.OptionFlag<string[]> {
  return Flags.custom<string>({
    description,
    multiple: true,
    delimiter: ',',
    parse: async (input) => {
      const id = input.trim()
      if (id === '') throw new UsageError('--only: an empty id (give entity, endpoint or registry ids, separated by commas)')
      return id
    },
  })() as unknown as Interfaces.OptionFlag<string[]>
}

/** status and report narrow the inventory the same way. */
export const inventoryFilter = {
  type: Flags.string({description: 'Only entities of this type (repeatable).', options: [...ENTITY_TYPES], multiple: true}),
  owner: Flags.string({description: 'Only entities with this owner (repeatable).', multiple: true}),
  // The same spelling as `mon check --only`: repeat it, or separate IDs with commas.
  only: only('Only these entity, endpoint or registry entry IDs (repeat, or separate with commas); an entity ID keeps all it holds.'),
}

/** Where `mon check` keeps what the database would not take, and how long it waits for it. */
export const checkStorage = {
  'lock-timeout': duration({
    description: 'How long a batch of results waits for another writer to release the database; then the run keeps it in the spool.',
    default: '30s',
    allowZero: true,
  }),
  spool: Flags.string({
    description: 'Directory for results the database would not take (default: beside a SQLite file, as FILE.spool; ./.mon-spool for PostgreSQL). The next run records them first.',
  }),
}

/** What relative registry paths resolve against when `mon check` reads them. */
export const registryBase = {
  config: Flags.string({char: 'c', env: 'MON_CONFIG', default: 'monitors.yaml', description: 'Path to monitors.yaml: relative registry paths resolve against its directory, and a note on stderr says when it differs from what was last applied.'}),
  'base-dir': Flags.string({description: 'Directory that relative registry paths resolve against, instead of the directory of --config.'}),
  'allow-outside-base': Flags.boolean({description: 'Read registry files that resolve outside the base directory (symlinks followed).'}),
}
