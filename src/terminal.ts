/** Colour only on a terminal, and never with NO_COLOR (no-color.org: set and not empty). */
export function colourWanted(stream: NodeJS.WriteStream = process.stdout): boolean {
  return stream.isTTY === true && (process.env.NO_COLOR ?? '') === ''
}
