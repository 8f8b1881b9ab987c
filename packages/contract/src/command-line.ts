import { z } from 'zod'

/**
 * Splits a command line as a POSIX shell would (quotes and backslashes), without expansion.
 * Undefined when a quote is left open: guessing where the user meant it to end would run a
 * command they did not write.
 */
export function splitCommandLine(text: string): string[] | undefined {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: '"' | "'" | undefined
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? ''
    if (quote) {
      if (ch === quote) quote = undefined
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i] ?? ''
      else word += ch
    } else if (ch === '"' || ch === "'") {
      quote = ch
      inWord = true
    } else if (ch === '\\' && i + 1 < text.length) {
      word += text[++i] ?? ''
      inWord = true
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += ch
      inWord = true
    }
  }
  if (quote) return undefined
  if (inWord) words.push(word)
  return words
}

/** Quotes a word for a POSIX shell when it needs it. */
export function quoteShellWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/** A command as the engine runs it: the program, then each argument as its own word. */
export const commandWordsSchema = z
  .array(z.string().max(4096))
  .min(1, 'the command needs at least the program')
  .max(256)
  .refine((words) => words[0] !== '', 'the program may not be empty')

/**
 * A command in a query string (a WebSocket upgrade has no body): its words as a JSON array, so
 * a word with spaces or quotes arrives as the user wrote it.
 */
export const commandQueryParam = z
  .string()
  .max(16_384)
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text)
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON array of strings' })
      return z.NEVER
    }
  })
  .pipe(commandWordsSchema)

/** The query value `commandQueryParam` reads. */
export const encodeCommandQuery = (words: readonly string[]): string => JSON.stringify(words)
