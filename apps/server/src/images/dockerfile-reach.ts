import { DockerfileParser, type Instruction } from 'dockerfile-ast'

/** An instruction that would make the engine fetch something from outside the context. */
export interface OutsideSource {
  /** 1-based line in the Dockerfile. */
  line: number
  source: string
  why: string
}

const URL_SOURCE = /^[a-z][a-z0-9+.-]*:\/\//i
const GIT_SSH_SOURCE = /^[\w.-]+@[\w.-]+:/

/**
 * ADD sources a build would fetch from a URL (the engine fetches them from its own network, so a
 * loopback-only service on the engine's host answers it), or cannot be known before the build
 * (`ADD $SRC`: build arguments may make it a URL). ONBUILD triggers count too: they run in the
 * build of any image made FROM this one.
 */
export function outsideSources(dockerfile: string): OutsideSource[] {
  const parsed = DockerfileParser.parse(dockerfile)
  const adds = [...parsed.getInstructions(), ...parsed.getOnbuildTriggers()].filter(
    (instruction) => instruction.getKeyword() === 'ADD',
  )
  return adds.flatMap((add) => {
    const line = add.getRange().start.line + 1
    return addSources(add).flatMap((source) => {
      const why = reach(source)
      return why === undefined ? [] : [{ line, source, why }]
    })
  })
}

/** Where an ADD source reaches outside the context, or undefined when it is a context path. */
function reach(source: string): string | undefined {
  if (URL_SOURCE.test(source) || GIT_SSH_SOURCE.test(source)) return 'a URL'
  if (source.includes('$')) return 'a variable (it may expand to a URL; use COPY for files)'
  return undefined
}

/** Every argument but the destination, in the shell form or the JSON form. */
function addSources(add: Instruction): string[] {
  const args = add.getArguments().map((arg) => arg.getValue())
  const joined = args.join(' ').trim()
  return (joined.startsWith('[') ? jsonArray(joined) : args).slice(0, -1)
}

function jsonArray(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text)
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value
  } catch {
    // Not JSON after all: the engine reads it in the shell form too.
  }
  return text.split(/\s+/)
}

/** The images a build starts FROM: not earlier stages, not `scratch`; variables expanded. */
export function baseImages(
  dockerfile: string,
  buildArgs: Readonly<Record<string, string>> = {},
): { images: string[]; unresolved: string[] } {
  const parsed = DockerfileParser.parse(dockerfile)
  const variables = globalArgs(parsed, buildArgs)
  const stages = new Set<string>()
  const images = new Set<string>()
  const unresolved: string[] = []
  for (const from of parsed.getFROMs()) {
    const raw = from.getImage() ?? ''
    const image = expand(raw, variables)
    if (image === undefined) unresolved.push(raw)
    else if (!stages.has(image.toLowerCase()) && image.toLowerCase() !== 'scratch')
      images.add(image)
    const stage = from.getBuildStage()
    if (stage !== null) stages.add(stage.toLowerCase())
  }
  return { images: [...images], unresolved }
}

/** ARGs declared before the first FROM, with their defaults, overridden by build arguments. */
function globalArgs(
  parsed: ReturnType<typeof DockerfileParser.parse>,
  buildArgs: Readonly<Record<string, string>>,
): Map<string, string> {
  const variables = new Map<string, string>()
  for (const arg of parsed.getInitialARGs()) {
    const name = arg.getProperty()?.getName()
    if (name === undefined) continue
    const value = buildArgs[name] ?? arg.getProperty()?.getValue() ?? undefined
    if (value !== undefined && value !== null) variables.set(name, value)
  }
  return variables
}

/**
 * `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alternative}`, as the builder expands FROM;
 * undefined for any other form, which we cannot check.
 */
export function expand(text: string, variables: ReadonlyMap<string, string>): string | undefined {
  let failed = false
  const result = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))|\$/g,
    (match: string, braced?: string, operator?: string, word?: string, bare?: string) => {
      const name = braced ?? bare
      if (name === undefined) {
        failed = true
        return match
      }
      const value = variables.get(name) ?? ''
      if (operator === ':-') return value === '' ? (word ?? '') : value
      if (operator === ':+') return value === '' ? '' : (word ?? '')
      return value
    },
  )
  return failed || result === '' ? undefined : result
}
