import { parseDotenv } from './dotenv/parse-dotenv.ts'
import type { Issues } from './issues.ts'

export const DOTENV_FILE = '.env'

/**
 * The variables compose interpolates with: the stack's `.env` (which may use the environment's
 * variables and its own earlier ones) under the given environment, which wins.
 */
export function projectEnvironment(
  dotenv: string | undefined,
  environment: Readonly<Record<string, string>>,
  issues: Issues,
): Map<string, string> {
  const vars = new Map<string, string>()
  if (dotenv !== undefined) {
    const result = parseDotenv(dotenv, {
      lookup: (name) => (Object.hasOwn(environment, name) ? environment[name] : undefined),
      vars,
    })
    if (!result.ok) issues.error(result.message, { line: result.line, column: 1 }, [], DOTENV_FILE)
  }
  for (const [name, value] of Object.entries(environment)) vars.set(name, value)
  return vars
}
