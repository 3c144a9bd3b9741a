/**
 * The layers of src/ (ARCHITECTURE.md), checked by `npm test`: dependencies
 * point one way, from commands through the shell to the pure core.
 *   vocabulary  src/*.ts (errors, time, duration, status, rows, ...): imports no layer
 *   core        config/, plan/, history/, alert/ (the alert state machine, holds), import/ (other tools' configs as monitors.yaml), the pure parts of check/ (the judge, selection, reports)
 *   shell       store/, check/ (probes, runs), apply/, notify/ (the notifiers' deliveries), reads/ (the store's rows made into the core's views, for every reader), assistant/ (mon mcp's server)
 *   commands    commands/, hooks/, base-command.ts, flags.ts, failure.ts, help.ts, starter.ts
 */
/** The parts of check/ that decide, with no I/O: the judge and what it reads. */
const PURE_CHECK = '(judge|kinds|body|assertions|headers|redact|json-depth|json-syntax|nesting|prometheus-text|registry-format|types|targets|select|shard|due|report|render|byte-size|phases|mcp|mcp-tools|completion|model-ids|drift|serves|sse)'
const JUDGE = `^src/check/${PURE_CHECK}\\.ts$`
const CORE = `^src/(config|plan|history|alert|import)/|${JUDGE}`
/** The command layer: oclif commands and what only they use (flags, the output and failure path, init's starter files). */
/** Modules that do I/O: database drivers, HTTP, the migrator, oclif, and node's file, process and network APIs. */
const IO_MODULES = '^node_modules/(pg|better-sqlite3|undici|umzug|@oclif/core|nodemailer)/|^(node:)?(fs|fs/promises|child_process|net|http|https|tls|dgram|module)$'
/**
 * The core's edges to the file system: the loader and the readers it is given (the working tree,
 * a git revision) read monitors.yaml and its includes, and the schema check loads the compiled validator.
 */
const IO_EDGE = '^src/config/(load|fs-files|git-files|schema-check)\\.ts$'
const COMMANDS = '^src/(commands|hooks)/|^src/(base-command|flags|failure|help|starter)\\.ts$'

module.exports = {
  forbidden: [
    {
      name: 'core-imports-shell',
      comment: 'The pure core (config, plan, history, the judge) must not reach the store, the probes, apply or the commands: move what it needs into the core.',
      severity: 'error',
      from: {path: CORE},
      to: {path: `^src/(store|apply|notify|reads|assistant)/|${COMMANDS}|^src/check/(?!${PURE_CHECK}\\.ts$)`},
    },
    {
      name: 'core-does-io',
      comment: 'The pure core must not load a database driver, an HTTP client, oclif or a file, process or network API (the loader and its file readers, which read the files, and the schema check, which loads the compiled validator, are the edges).',
      severity: 'error',
      from: {path: CORE, pathNot: IO_EDGE},
      to: {path: IO_MODULES},
    },
    {
      name: 'store-imports-upward',
      comment: 'The store speaks SQL for the layers above it; it must not import check/, history/, apply/, notify/, assistant/ or the commands.',
      severity: 'error',
      from: {path: '^src/store/'},
      to: {path: `^src/(check|history|apply|notify|reads|assistant)/|${COMMANDS}`},
    },
    {
      name: 'mcp-sdk-outside-assistant',
      comment: "The MCP SDK costs about 200 ms to import: only mon mcp's server (src/assistant/, which its command loads lazily) may import it; mon check's MCP probe is hand-written.",
      severity: 'error',
      from: {path: '^src/', pathNot: '^src/assistant/'},
      to: {path: '^node_modules/@modelcontextprotocol/sdk/'},
    },
    {
      name: 'assistant-outside-mcp',
      comment: 'src/assistant/ is mon mcp alone: nothing but its command loads it (and with it the SDK).',
      severity: 'error',
      from: {path: '^src/', pathNot: '^src/assistant/|^src/commands/mcp\\.ts$'},
      to: {path: '^src/assistant/'},
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
    includeOnly: '^src/|^node_modules/(pg|better-sqlite3|undici|umzug|@oclif/core|nodemailer|@modelcontextprotocol/sdk)/|^(node:)?(fs|fs/promises|child_process|net|http|https|tls|dgram|module)$',
    tsPreCompilationDeps: true,
    // node_modules may be a link (a git worktree, a test's copy of src/): name libraries by where they are linked.
    preserveSymlinks: true,
    tsConfig: {fileName: 'tsconfig.json'},
    enhancedResolveOptions: {exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js']},
    moduleSystems: ['es6'],
  },
}
