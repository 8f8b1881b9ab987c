import type { StackIssue, StackStep } from '@harbormaster/contract'
import { posix } from 'node:path'
import type { HostContext } from '../../app-env.ts'
import {
  assertBuildStaysInside,
  assertTargetsInScope,
  buildContextCheck,
  loadDockerfileReach,
} from '../../images/index.ts'
import { inspectTar } from '../../platform/tar-inspection.ts'
import { ApiError } from '../../platform/errors.ts'
import { labelsWithinScope, may } from '../../policy/index.ts'
import {
  type BuildContext,
  ContextProblem,
  packContext,
  readBuildContext,
} from './build-context.ts'
import { COMPOSE_VERSION } from '../compose-objects.ts'
import { COMPOSE } from '../compose-labels.ts'
import { readStackFile } from '../stack-dir.ts'
import { type Operation, line, messageOf } from '../operations/stack-operations.ts'
import { type LoadedStack, issueAt } from '../stack-project.ts'

/**
 * The digest of the context an image was built from (build-context.ts), on the images stacks
 * build: an `up` builds again only when the context, Dockerfile, args or target changed.
 */
export const BUILD_DIGEST_LABEL = 'io.harbormaster.stack.build-digest'

/**
 * What this caller may not build, at the service's `build` key: the build permission, the target
 * name inside the caller's scope, and for a non-admin the rules of `POST /images/build` checked
 * on the Dockerfile of the context (build-reach.ts: no `ADD <url>`, base images already on the
 * host and their ONBUILD triggers checked). Only the Dockerfile is read here (a missing one is
 * the load's error); the engine only inspected.
 */
export async function buildIssues(c: HostContext, stack: LoadedStack): Promise<StackIssue[]> {
  const issues: StackIssue[] = []
  for (const [service, image] of stack.images) {
    const place = image.build
    if (!place) continue
    const at = ['services', service, 'build']
    const refuse = (message: string) => issues.push(issueAt(stack.project, at, message, 'policy'))
    if (!may(c, 'image.build')) {
      refuse('Only a role that may build images may deploy a service with build')
      continue
    }
    try {
      await assertTargetsInScope(c, [image.name])
      if (may(c, 'image.build.unrestricted')) continue
      const file = posix.join(
        stack.project.services[service]?.build?.context ?? '.',
        place.dockerfile,
      )
      let text: string
      try {
        text = readStackFile(place.dir, place.dockerfile).toString('utf8')
      } catch {
        continue // No Dockerfile to check: the deploy's context read refuses it with a 400.
      }
      await assertBuildStaysInside(c, file, text, place.args)
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      refuse(err.message)
    }
  }
  return issues
}

/**
 * Every built service's context read whole, before the first engine call of a deploy, with the
 * digest the planner compares. A context the deploy cannot pack (a link, a missing Dockerfile)
 * is a 400 at the service's `build` line. For a non-admin, every other file named like the
 * Dockerfile is checked for `ADD <url>` too (a 403): the stream check of `POST /images/build`,
 * which the build's bytes pass through, refuses them, and that must not first happen mid-deploy.
 */
export async function readContexts(
  c: HostContext,
  stack: LoadedStack,
): Promise<Map<string, BuildContext>> {
  const contexts = new Map<string, BuildContext>()
  const problems: StackIssue[] = []
  const restricted = !may(c, 'image.build.unrestricted')
  for (const [service, image] of stack.images) {
    if (!image.build) continue
    const at = ['services', service, 'build']
    try {
      const context = await readBuildContext(image.build)
      contexts.set(service, context)
      if (!restricted) continue
      for (const refusal of await namesakeRefusals(context)) {
        problems.push(issueAt(stack.project, at, refusal, 'policy'))
      }
    } catch (err) {
      if (!(err instanceof ContextProblem)) throw err
      problems.push(issueAt(stack.project, at, err.message, 'error'))
    }
  }
  if (problems.length > 0) {
    const text = problems.map((i) => `${i.file}:${String(i.line)} ${i.path}: ${i.message}`)
    const policy = problems.every((problem) => problem.kind === 'policy')
    throw policy
      ? new ApiError(403, 'forbidden', text.join('; '))
      : new ApiError(400, 'invalid_request', text.join('; '))
  }
  return contexts
}

/** `ADD <url>` in the files of a context named like its Dockerfile, other than the Dockerfile. */
async function namesakeRefusals(context: BuildContext): Promise<string[]> {
  const { outsideSources } = await loadDockerfileReach()
  const name = posix.basename(context.place.dockerfile)
  const namesakes = context.entries.filter(
    (entry) =>
      entry.type === 'file' &&
      entry.path !== context.place.dockerfile &&
      posix.basename(entry.path) === name,
  )
  const refusals: string[] = []
  for (const entry of namesakes) {
    const text = readStackFile(context.place.dir, entry.path).toString('utf8')
    const found = outsideSources(text)[0]
    if (found === undefined) continue
    refusals.push(
      `Only an admin may build with ADD from outside the context: ${entry.path} line ${found.line}: ${found.source} is ${found.why}`,
    )
  }
  return refusals
}

/** The compose CLI's labels on an image it builds (docker/compose `getImageBuildLabels`), and ours. */
function imageLabels(project: string, service: string, digest: string): Record<string, string> {
  return {
    [COMPOSE.project]: project,
    [COMPOSE.service]: service,
    [COMPOSE.version]: COMPOSE_VERSION,
    [COMPOSE.imageBuilder]: 'classic',
    [BUILD_DIGEST_LABEL]: digest,
  }
}

/** A build's output as step lines; the build stops when the deploy's signal aborts. */
export interface BuildRequest {
  c: HostContext
  op: Operation
  project: string
  service: string
  image: string
  context: BuildContext
  /** Labels every object of the stack carries (its creator's scope). */
  labels: Record<string, string>
}

/**
 * Builds one service's image through the engine call of `POST /images/build` (the classic
 * builder; the context streamed from the stack's folder, and for a non-admin through the same
 * stream check as an uploaded context), tagged with the service's image name:
 * `started`, a `progress` line per line of build output (`Step 2/5 : RUN …`), then `done`, or
 * `failed` with the engine's message. The policy was checked with the plan (buildIssues).
 */
export async function* buildImage(request: BuildRequest): AsyncGenerator<StackStep> {
  const { c, op, context, service } = request
  const what = { object: 'image', name: request.image, service, action: 'build' } as const
  op.signal.throwIfAborted()
  yield line(what, 'started')
  op.changes++
  const { place } = context
  // The plan checked the Dockerfile in the folder; the bytes sent are checked again as they
  // stream, as an uploaded context is: the folder may have changed since (an upload).
  const packed = packContext(context)
  const checked = may(c, 'image.build.unrestricted')
    ? undefined
    : inspectTar(
        packed,
        buildContextCheck(c, { dockerfile: place.dockerfile, buildArgs: place.args }),
      )
  try {
    const events = await op.engine.images.build(checked?.stream ?? packed, {
      tags: [request.image],
      dockerfile: place.dockerfile,
      buildArgs: place.args,
      ...(place.target === undefined ? {} : { target: place.target }),
      labels: labelsWithinScope(
        { ...request.labels, ...imageLabels(request.project, service, context.digest) },
        c.var.grant.labelScope,
      ),
      signal: op.signal,
    })
    for await (const event of events) {
      for (const text of outputLines(event.stream ?? event.status)) {
        yield line(what, 'progress', text)
      }
    }
  } catch (err) {
    const error = checked?.refusal() ?? err
    if (!op.signal.aborted) yield line(what, 'failed', messageOf(error))
    throw error
  }
  yield line(what, 'done')
}

/** Build output without blank lines and terminal escapes (the classic builder rarely colours). */
function outputLines(text: string | undefined): string[] {
  if (text === undefined) return []
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
  return plain
    .split(/\r?\n/)
    .map((part) => part.trimEnd())
    .filter((part) => part.trim() !== '')
}
