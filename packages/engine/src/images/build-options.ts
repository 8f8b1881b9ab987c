import type { Readable } from 'node:stream'
import type { CallOptions, RequestSpec } from '../engine-client.ts'
import type { Query } from '../query.ts'
import { type RegistryAuth, encodeRegistryConfig } from './registry-auth.ts'

/** Options of `POST /build` (docs/engine.md#build). */
export interface BuildOptions extends CallOptions {
  /** Path of the Dockerfile inside the context; default `Dockerfile`. */
  dockerfile?: string | undefined
  /** `name:tag` references to give the result. */
  tags?: string[] | undefined
  /** `ARG` values. Not for secrets: they stay readable in the image history. */
  buildArgs?: Record<string, string> | undefined
  /** Labels the engine adds as a final `LABEL` step. */
  labels?: Record<string, string> | undefined
  noCache?: boolean | undefined
  /** Pull newer versions of the base images. */
  pull?: boolean | undefined
  /** A Git URL or an HTTP(S) URL of a context tarball or a Dockerfile, built instead of a body. */
  remote?: string | undefined
  /** Stage of a multi-stage Dockerfile to stop at. */
  target?: string | undefined
  /** `os[/arch[/variant]]`. */
  platform?: string | undefined
  /** Credentials for private base images, keyed by registry host. */
  registryConfig?: Record<string, RegistryAuth> | undefined
}

/**
 * Builds the request for `POST /build`. Always the classic builder (`version=1`): BuildKit needs a
 * `/session` gRPC tunnel and reports its progress in encoded `aux` lines (docs/engine.md#build).
 * The context is streamed, never buffered; with `remote` the engine ignores the body.
 */
export function toBuildRequest(
  context: Readable | Buffer | undefined,
  options: BuildOptions,
): RequestSpec {
  const query: Query = {
    dockerfile: options.dockerfile,
    t: options.tags,
    buildargs: jsonMap(options.buildArgs),
    labels: jsonMap(options.labels),
    nocache: options.noCache,
    pull: options.pull,
    remote: options.remote,
    target: options.target,
    platform: options.platform,
    // Remove intermediate containers even when a step fails: a failed build would otherwise
    // leave unlabelled containers behind on the host.
    forcerm: true,
    version: '1',
  }
  const headers: Record<string, string> = {}
  if (options.registryConfig) {
    headers['X-Registry-Config'] = encodeRegistryConfig(options.registryConfig)
  }
  return {
    method: 'POST',
    path: '/build',
    query,
    headers,
    contentType: 'application/x-tar',
    ...(context === undefined ? {} : { body: context }),
  }
}

/** Build args and labels travel as URI-encoded JSON maps; empty maps are left out. */
function jsonMap(map: Record<string, string> | undefined): string | undefined {
  return map && Object.keys(map).length > 0 ? JSON.stringify(map) : undefined
}
