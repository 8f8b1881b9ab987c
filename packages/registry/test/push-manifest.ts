import { createHash } from 'node:crypto'

/** Pushes a one-blob image (a config, no layers) straight through the API; returns its digest. */
export async function pushManifest(options: {
  baseUrl: string
  repository: string
  tag: string
  authorization?: string
  /** Makes each push a new digest. */
  marker: string
  mediaType?: 'oci' | 'docker'
  /** The config's `created` (ISO 8601). */
  created?: string
}): Promise<string> {
  const { baseUrl, repository, tag } = options
  const auth: Record<string, string> =
    options.authorization === undefined ? {} : { authorization: options.authorization }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      ...(options.created === undefined ? {} : { created: options.created }),
      config: { Labels: { marker: options.marker } },
      rootfs: { type: 'layers', diff_ids: [] },
    }),
  )
  const configDigest = sha256(config)
  const start = await fetch(`${baseUrl}/v2/${repository}/blobs/uploads/`, {
    method: 'POST',
    headers: auth,
  })
  if (start.status !== 202) throw new Error(`upload start: ${start.status}`)
  const location = new URL(start.headers.get('location') ?? '', baseUrl)
  location.searchParams.set('digest', configDigest)
  const put = await fetch(location, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/octet-stream' },
    body: config,
  })
  if (put.status !== 201) throw new Error(`blob put: ${put.status}`)
  const oci = options.mediaType === 'oci'
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: oci
        ? 'application/vnd.oci.image.manifest.v1+json'
        : 'application/vnd.docker.distribution.manifest.v2+json',
      config: {
        mediaType: oci
          ? 'application/vnd.oci.image.config.v1+json'
          : 'application/vnd.docker.container.image.v1+json',
        size: config.length,
        digest: configDigest,
      },
      layers: [],
    }),
  )
  const response = await fetch(`${baseUrl}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: {
      ...auth,
      'content-type': oci
        ? 'application/vnd.oci.image.manifest.v1+json'
        : 'application/vnd.docker.distribution.manifest.v2+json',
    },
    body: manifest,
  })
  if (response.status !== 201) throw new Error(`manifest put: ${response.status}`)
  return sha256(manifest)
}

/**
 * Pushes an OCI index under `tag` naming `manifest` (a pushed OCI manifest) for linux/amd64,
 * after an attestation-like entry (`unknown/unknown`) naming the same; returns its digest.
 */
export async function pushIndex(options: {
  baseUrl: string
  repository: string
  tag: string
  authorization?: string
  manifest: string
}): Promise<string> {
  const entry = (os: string, architecture: string) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: options.manifest,
    size: 1,
    platform: { os, architecture },
  })
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [entry('unknown', 'unknown'), entry('linux', 'amd64')],
    }),
  )
  const auth: Record<string, string> =
    options.authorization === undefined ? {} : { authorization: options.authorization }
  const response = await fetch(
    `${options.baseUrl}/v2/${options.repository}/manifests/${options.tag}`,
    {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/vnd.oci.image.index.v1+json' },
      body: index,
    },
  )
  if (response.status !== 201) throw new Error(`index put: ${response.status}`)
  return sha256(index)
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}
