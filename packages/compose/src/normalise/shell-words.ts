/**
 * Splits a command string into words the way compose does (go-shellwords, as compose-go uses it:
 * quotes, backslash escapes, no variable or command expansion). One difference, on purpose:
 * where go-shellwords stops at an unquoted `;`, `&`, `|`, `<` or `>` and compose silently drops
 * the rest of the command, this is an error, because the user surely meant a shell.
 */
export function splitShellWords(line: string): string[] | Error {
  const words: string[] = []
  let word = ''
  let hasWord = false
  let escaped = false
  let single = false
  let double = false
  let backtick = false
  let dollar = false
  for (const char of line) {
    if (escaped) {
      word += char
      escaped = false
      hasWord = true
      continue
    }
    if (char === '\\' && !single) {
      escaped = true
      continue
    }
    const quoted = single || double || backtick || dollar
    if (' \t\r\n'.includes(char) && !quoted) {
      if (hasWord) words.push(word)
      word = ''
      hasWord = false
      continue
    }
    if (char === '"' && !single && !dollar) {
      double = !double
      hasWord = true
      continue
    }
    if (char === "'" && !double && !dollar) {
      single = !single
      hasWord = true
      continue
    }
    if (!single && !double) {
      if (char === '`' && !dollar) backtick = !backtick
      else if (char === '(' && !backtick) {
        if (dollar || !word.endsWith('$'))
          return new Error(`unexpected "(" in ${JSON.stringify(line)}`)
        dollar = true
      } else if (char === ')' && !backtick) {
        if (!dollar) return new Error(`unexpected ")" in ${JSON.stringify(line)}`)
        dollar = false
      } else if (';&|<>'.includes(char) && !backtick && !dollar) {
        return new Error(
          `the command has the shell operator "${char}" outside quotes, which compose would silently cut off with everything after it; write the command as a list, e.g. ["sh", "-c", "..."]`,
        )
      }
    }
    word += char
    hasWord = true
  }
  if (escaped || single || double || backtick || dollar) {
    return new Error(`unterminated quote or escape in ${JSON.stringify(line)}`)
  }
  if (hasWord) words.push(word)
  return words
}
