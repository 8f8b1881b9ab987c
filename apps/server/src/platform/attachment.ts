import type { Readable } from 'node:stream'
import type { Context } from 'hono'
import { stream } from 'hono/streaming'

/**
 * RFC 6266 `Content-Disposition` for a download named `name.extension` (`name` as it is without
 * one): an ASCII fallback and the exact name encoded (RFC 5987). Names come from engines,
 * containers and uploads: data, never header text.
 */
export function attachmentDisposition(name: string, extension?: string): string {
  const base = name === '' ? 'download' : name
  const fallback = base.replace(/[^\w.-]/g, '_')
  const suffix = extension === undefined ? '' : `.${extension}`
  return `attachment; filename="${fallback}${suffix}"; filename*=UTF-8''${encodeRfc5987(base)}${suffix}`
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/**
 * Streams an engine's tar to the browser as a download, with back-pressure; the browser going
 * away destroys the engine's body, which aborts its request so the engine stops the work.
 */
export function tarDownload(c: Context, tar: Readable, name: string): Response | Promise<Response> {
  c.header('Content-Type', 'application/x-tar')
  c.header('Content-Disposition', attachmentDisposition(name, 'tar'))
  return stream(c, async (out) => {
    out.onAbort(() => {
      tar.destroy()
    })
    for await (const chunk of tar as AsyncIterable<Uint8Array>) await out.write(chunk)
  })
}
