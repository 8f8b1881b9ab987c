import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import { apiAtLeast } from '../api-version.ts'
import type { CallOptions, EngineClient } from '../engine-client.ts'
import { isPodman } from '../podman/podman-shapes.ts'
import type { Filters } from '../query.ts'
import { type ProgressEvent, readProgress } from '../streams/progress.ts'
import { asArray, asNumber, asObject } from '../wire/wire-read.ts'
import { type BuildOptions, toBuildRequest } from './build-options.ts'
import { type RegistryAuth, encodeRegistryAuth } from './registry-auth.ts'
import { toImageDetails } from './to-image-details.ts'
import { toImage, toImageHistoryEntry, toImageRemovals } from './to-image.ts'
import type {
  Image,
  ImageDetails,
  ImageHistoryEntry,
  ImagePruneResult,
  ImageRemoval,
} from './types.ts'

export interface ListImagesOptions extends CallOptions {
  /** Include intermediate images. */
  all?: boolean | undefined
  filters?: Filters | undefined
  /** Compute `sharedSize` (API 1.42+; ignored on older engines and Podman). */
  sharedSize?: boolean | undefined
}

export interface PullOptions extends CallOptions {
  /** Tag or digest; defaults to `latest` when `reference` names neither (never "all tags"). */
  tag?: string | undefined
  registryAuth?: RegistryAuth | undefined
  /** `os[/arch[/variant]]`. */
  platform?: string | undefined
}

export interface PushOptions extends CallOptions {
  /** Tag to push; without it every local tag of the repository is pushed. */
  tag?: string | undefined
  registryAuth?: RegistryAuth | undefined
}

export interface ImportOptions extends CallOptions {
  /** Repository for the new image; may include a tag. */
  repo?: string | undefined
  tag?: string | undefined
  /** A URL the engine downloads the tarball from, instead of the request body. */
  fromSrc?: string | undefined
}

/**
 * Images: listing, inspection, removal, and the JSON progress streams of pull, push, build,
 * import and load (docs/engine.md#images-across-versions, #progress-streams, #build). Stream methods resolve once the engine accepted the
 * request (errors before that are ordinary EngineErrors); iterate the generator to the end, or
 * break out of it or abort the signal to cancel the engine's work.
 */
export class ImagesApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  async list(options: ListImagesOptions = {}): Promise<Image[]> {
    const { all, filters } = options
    // `shared-size` is a 1.42 parameter, and Podman sends `SharedSize: 0` unasked
    // (docs/engine.md#images-across-versions): the field is kept only when it was asked for and
    // the engine knows the parameter.
    const shared = options.sharedSize === true && (await this.#atLeast('1.42', options))
    // Podman answers any `digests` parameter with an empty body, and sends RepoDigests unasked.
    const digests = (await isPodman(this.#client, options)) ? undefined : true
    const wire = await this.#client.json<unknown>(
      {
        method: 'GET',
        path: '/images/json',
        // `digests=1` is how both the 1.23 and the 1.51 references ask for RepoDigests
        // (docs/engine.md#podman).
        query: { all, filters, digests, 'shared-size': shared || undefined },
      },
      options,
    )
    const images = asArray(wire).map(toImage)
    return shared ? images : images.map(withoutSharedSize)
  }

  /** @throws {EngineNotFoundError} when no image has that name or id. */
  async inspect(name: string, options: CallOptions = {}): Promise<ImageDetails> {
    const path = `/images/${imagePath(name)}/json`
    return toImageDetails(await this.#client.json<unknown>({ method: 'GET', path }, options))
  }

  /** The inspect as the engine sent it (its Config, for recreate-body.ts). */
  async inspectWire(name: string, options: CallOptions = {}): Promise<Record<string, unknown>> {
    const path = `/images/${imagePath(name)}/json`
    const wire = await this.#client.json<unknown>({ method: 'GET', path }, options)
    return typeof wire === 'object' && wire !== null ? (wire as Record<string, unknown>) : {}
  }

  async history(name: string, options: CallOptions = {}): Promise<ImageHistoryEntry[]> {
    const path = `/images/${imagePath(name)}/history`
    const wire = await this.#client.json<unknown>({ method: 'GET', path }, options)
    return asArray(wire).map(toImageHistoryEntry)
  }

  /** Pulls an image (`POST /images/create?fromImage=`). */
  async pull(reference: string, options: PullOptions = {}): Promise<AsyncGenerator<ProgressEvent>> {
    const tag = options.tag ?? (namesTagOrDigest(reference) ? undefined : 'latest')
    const headers = options.registryAuth
      ? { 'X-Registry-Auth': encodeRegistryAuth(options.registryAuth) }
      : undefined
    const body = await this.#client.stream(
      {
        method: 'POST',
        path: '/images/create',
        query: { fromImage: reference, tag, platform: options.platform },
        ...(headers ? { headers } : {}),
      },
      options,
    )
    return readProgress(body)
  }

  /** Pushes `name` (a repository, optionally with a registry host) to its registry. */
  async push(name: string, options: PushOptions = {}): Promise<AsyncGenerator<ProgressEvent>> {
    // Without the header the engine reads credentials from the body and answers 400 on an empty
    // one, so anonymous pushes send an encoded `{}` as the docker CLI does.
    const auth = encodeRegistryAuth(options.registryAuth ?? {})
    const body = await this.#client.stream(
      {
        method: 'POST',
        path: `/images/${imagePath(name)}/push`,
        query: { tag: options.tag },
        headers: { 'X-Registry-Auth': auth },
      },
      options,
    )
    return readProgress(body)
  }

  /** Adds the reference `repo[:tag]` to an image; an existing one moves. */
  async tag(
    source: string,
    options: CallOptions & { repo: string; tag?: string | undefined },
  ): Promise<void> {
    const query = { repo: options.repo, tag: options.tag }
    await this.#client.send(
      { method: 'POST', path: `/images/${imagePath(source)}/tag`, query },
      options,
    )
  }

  /**
   * Removes a reference, and the image when no reference is left.
   *
   * @throws {EngineConflictError} when a container uses the image and `force` is not set.
   */
  async remove(
    name: string,
    options: CallOptions & { force?: boolean; noprune?: boolean } = {},
  ): Promise<ImageRemoval[]> {
    const query = { force: options.force, noprune: options.noprune }
    const wire = await this.#client.json<unknown>(
      { method: 'DELETE', path: `/images/${imagePath(name)}`, query },
      options,
    )
    return toImageRemovals(wire)
  }

  /** Removes unused images: dangling ones only, unless `filters` has `dangling: ['false']`. */
  async prune(options: CallOptions & { filters?: Filters } = {}): Promise<ImagePruneResult> {
    const wire = asObject(
      await this.#client.json<unknown>(
        { method: 'POST', path: '/images/prune', query: { filters: options.filters } },
        options,
      ),
    )
    const removals = toImageRemovals(wire.ImagesDeleted)
    return {
      deleted: removals.flatMap((r) => ('deleted' in r ? [r.deleted] : [])),
      untagged: removals.flatMap((r) => ('untagged' in r ? [r.untagged] : [])),
      spaceReclaimed: asNumber(wire.SpaceReclaimed),
    }
  }

  /**
   * Builds an image from a tar context (plain, gzip, bzip2 or xz), or from `options.remote` with
   * no context. The last event carries `aux.ID`, the new image's id (1.30+).
   *
   * @throws {EngineStreamError} from the generator when a build step fails (the status was 200).
   */
  async build(
    context: Readable | Buffer | undefined,
    options: BuildOptions = {},
  ): Promise<AsyncGenerator<ProgressEvent>> {
    return readProgress(await this.#client.stream(toBuildRequest(context, options), options))
  }

  /** Creates an image from a root filesystem tarball (`docker import`). */
  async importTarball(
    tar: Readable | Buffer | undefined,
    options: ImportOptions = {},
  ): Promise<AsyncGenerator<ProgressEvent>> {
    const fromSrc = options.fromSrc ?? '-'
    const body = await this.#client.stream(
      {
        method: 'POST',
        path: '/images/create',
        query: { fromSrc, repo: options.repo, tag: options.tag },
        contentType: 'application/x-tar',
        ...(fromSrc === '-' && tar !== undefined ? { body: tar } : {}),
      },
      options,
    )
    return readProgress(body)
  }

  /** Loads images from a `docker save` tarball; reports `Loaded image: …` lines. */
  async load(
    tar: Readable | Buffer,
    options: CallOptions = {},
  ): Promise<AsyncGenerator<ProgressEvent>> {
    const body = await this.#client.stream(
      {
        method: 'POST',
        path: '/images/load',
        query: { quiet: false },
        contentType: 'application/x-tar',
        body: tar,
      },
      options,
    )
    return readProgress(body)
  }

  /** Exports images with their tags as a tar stream; destroy it to stop the engine's work. */
  save(names: string[], options: CallOptions = {}): Promise<IncomingMessage> {
    return this.#client.stream({ method: 'GET', path: '/images/get', query: { names } }, options)
  }

  async #atLeast(version: string, options: CallOptions): Promise<boolean> {
    const { apiVersion } = await this.#client.connect(options)
    return apiAtLeast(apiVersion, version)
  }
}

function withoutSharedSize(image: Image): Image {
  const copy = { ...image }
  delete copy.sharedSize
  return copy
}

/**
 * Image names contain `/` (`registry:5000/team/app`); the engine routes `{name:.*}`, and the
 * docker CLI sends the slashes as they are, so only the segments are escaped.
 */
export function imagePath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/')
}

/** True when the reference ends in `:tag` or `@digest` (a `:` before the last `/` is a port). */
export function namesTagOrDigest(reference: string): boolean {
  const last = reference.slice(reference.lastIndexOf('/') + 1)
  return reference.includes('@') || last.includes(':')
}
