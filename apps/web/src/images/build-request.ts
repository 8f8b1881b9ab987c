import { imageBuildJsonSchema, imageBuildQuerySchema } from '@harbormaster/contract'
import { parseKeyValueLines } from '../platform/key-value-lines.ts'

/** The build dialog's fields, as typed. */
export interface BuildForm {
  /** Dockerfile text, or a context tar the user uploads (with the Dockerfile inside). */
  source: 'dockerfile' | 'context'
  dockerfile: string
  /** Path of the Dockerfile inside the context tar; empty for `Dockerfile`. */
  dockerfilePath: string
  /** Comma- or space-separated `name[:tag]`s. */
  tags: string
  /** `key=value` per line. */
  labels: string
  noCache: boolean
}

export const emptyBuildForm: BuildForm = {
  source: 'dockerfile',
  dockerfile: '',
  dockerfilePath: '',
  tags: '',
  labels: '',
  noCache: false,
}

/** What to send: the query string, the body and its type. */
export interface BuildRequest<F> {
  query: string
  contentType: string
  body: string | F
}

export type BuildRequestResult<F> =
  { ok: true; request: BuildRequest<F> } | { ok: false; error: string }

/**
 * The server takes a Dockerfile as JSON, or a context tar as the body with the options in the
 * query; both are checked with the contract's schemas before anything is sent.
 */
export function toBuildRequest<F extends { name: string }>(
  form: BuildForm,
  context: F | undefined,
): BuildRequestResult<F> {
  const labels = parseKeyValueLines(form.labels)
  if (labels.error !== undefined) return { ok: false, error: `labels: ${labels.error}` }
  const tags = form.tags.split(/[\s,]+/).filter((tag) => tag !== '')
  const hasLabels = Object.keys(labels.values).length > 0
  if (form.source === 'dockerfile') {
    const json = {
      dockerfile: form.dockerfile,
      ...(tags.length > 0 ? { tags } : {}),
      ...(hasLabels ? { labels: labels.values } : {}),
      ...(form.noCache ? { nocache: true } : {}),
    }
    const parsed = imageBuildJsonSchema.safeParse(json)
    if (!parsed.success) return { ok: false, error: firstIssue(parsed.error.issues) }
    return {
      ok: true,
      request: { query: '', contentType: 'application/json', body: JSON.stringify(json) },
    }
  }
  if (!context) return { ok: false, error: 'context: choose a tar file' }
  const query: Record<string, string> = {
    ...(form.dockerfilePath.trim() ? { dockerfile: form.dockerfilePath.trim() } : {}),
    ...(tags.length > 0 ? { tags: tags.join(',') } : {}),
    ...(hasLabels ? { labels: JSON.stringify(labels.values) } : {}),
    ...(form.noCache ? { nocache: 'true' } : {}),
  }
  const parsed = imageBuildQuerySchema.safeParse(query)
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error.issues) }
  return {
    ok: true,
    request: {
      query: new URLSearchParams(query).toString(),
      contentType: archiveType(context.name),
      body: context,
    },
  }
}

/** The engine unpacks gzip, bzip2 and xz contexts itself; the type only has to admit it. */
export function archiveType(fileName: string): string {
  if (/\.(tgz|gz)$/i.test(fileName)) return 'application/gzip'
  if (/\.(tbz2?|bz2)$/i.test(fileName)) return 'application/x-bzip2'
  if (/\.(txz|xz)$/i.test(fileName)) return 'application/x-xz'
  return 'application/x-tar'
}

function firstIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const issue = issues[0]
  if (!issue) return 'invalid input'
  return `${issue.path.map(String).join('.') || 'form'}: ${issue.message}`
}
