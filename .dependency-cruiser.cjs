/**
 * The layers of src/ (ARCHITECTURE.md), checked by `npm test`: dependencies
 * point one way, from commands through the shell to the pure core.
 *   vocabulary  src/*.ts (errors, time, duration, status, rows, ...): imports no layer
 *   core        config/, plan/, history/, the pure parts of check/ (the judge, selection, reports)
 *   shell       store/, check/ (probes, runs), apply/
 *   commands    commands/, hooks/, base-command.ts, flags.ts, failure.ts, starter.ts
 */
/** The parts of check/ that decide, with no I/O: the judge and what it reads. */
const PURE_CHECK = '(judge|kinds|assertions|headers|redact|json-depth|nesting|prometheus-text|registry-format|types|targets|select|shard|report|render|byte-size)'
const JUDGE = `^src/check/${PURE_CHECK}\\.ts$`
const CORE = `^src/(config|plan|history)/|${JUDGE}`
/** The command layer: oclif commands and what only they use (flags, the output and failure path, init's starter files). */
const COMMANDS = '^src/(commands|hooks)/|^src/(base-command|flags|failure|starter)\\.ts$'

module.exports = {
  forbidden: [
    {
      name: 'core-imports-shell',
      comment: 'The pure core (config, plan, history, the judge) must not reach the store, the probes, apply or the commands: move what it needs into the core.',
      severity: 'error',
      from: {path: CORE},
      to: {path: `^src/(store|apply)/|${COMMANDS}|^src/check/(?!${PURE_CHECK}\\.ts$)`},
    },
    {
      name: 'core-does-io',
      comment: 'The pure core must not load a database driver, an HTTP client, oclif or a file, process or network API (config/load.ts, which reads the file, is the one exception).',
      severity: 'error',
      from: {path: CORE, pathNot: '^src/config/load\\.ts$'},
      to: {path: '^(pg|better-sqlite3|undici|umzug|@oclif/core)$|^node:(child_process|net|http|https|tls|fs|fs/promises)$'},
    },
    {
      name: 'store-imports-upward',
      comment: 'The store speaks SQL for the layers above it; it must not import check/, history/, apply/ or the commands.',
      severity: 'error',
      from: {path: '^src/store/'},
      to: {path: `^src/(check|history|apply)/|${COMMANDS}`},
    },
    {
      name: 'vocabulary-imports-layers',
      comment: 'The shared vocabulary at the top of src/ is imported by every layer, so it imports none.',
      severity: 'error',
      from: {path: '^src/[^/]+\\.ts$', pathNot: COMMANDS},
      to: {path: '^src/[^/]+/'},
    },
    {
      name: 'nothing-imports-commands',
      comment: 'Commands are the top: nothing below imports them.',
      severity: 'error',
      from: {pathNot: COMMANDS},
      to: {path: '^src/commands/'},
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one; split out what both need.',
      severity: 'error',
      from: {path: '^src/'},
      to: {circular: true},
    },
  ],
  options: {
    doNotFollow: {path: 'node_modules'},
    includeOnly: '^src/|^(pg|better-sqlite3|undici|umzug|@oclif/core)$|^node:',
    tsPreCompilationDeps: true,
    tsConfig: {fileName: 'tsconfig.json'},
    enhancedResolveOptions: {exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js']},
    moduleSystems: ['es6'],
  },
}
