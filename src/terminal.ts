/**
 * Whether to colour what is written to a stream, by the rules other CLIs follow:
 * a non-empty NO_COLOR always turns colour off (no-color.org); FORCE_COLOR turns it
 * on where output is not a terminal (CI logs render ANSI), and FORCE_COLOR=0 or
 * =false turns it off; otherwise colour only a terminal that is not TERM=dumb.
 */
export function colourWanted(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.NO_COLOR ?? '') !== '') return false
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  return stream.isTTY === true && env.TERM !== 'dumb'
}
