type Wire = Record<string, unknown>

/** What recreating a container needs from its inspect and its image's inspect, as the engine sent them. */
export interface RecreateSource {
  /** `GET /containers/{id}/json`. */
  container: Wire
  /** `GET /images/{id}/json` of the image it runs now. */
  image: Wire
}

/** Config keys that the image gives when the container did not set them. */
const FROM_IMAGE = [
  'Cmd',
  'Entrypoint',
  'WorkingDir',
  'User',
  'Healthcheck',
  'StopSignal',
  'ExposedPorts',
  'Volumes',
  'Shell',
  'OnBuild',
] as const

/**
 * The create body (`POST /containers/create`) of the same container on another image: its
 * Config and HostConfig as they are, less what it only had from the old image (env entries,
 * labels and defaults equal to the old image's), so the new image's own defaults apply, as a
 * `docker run` of the new image with the same options would. Its networks' endpoint settings
 * (aliases, static addresses, links, driver options) are kept; the engine-made parts (ids,
 * addresses it chose, the container's own id as an alias) are dropped. Returned in two parts:
 * the body with the first network, and the other networks to connect before the first start.
 */
export function recreateBody(
  source: RecreateSource,
  image: string,
): { body: Wire; otherNetworks: [string, Wire][] } {
  const config = asWire(source.container.Config)
  const imageConfig = asWire(source.image.Config)
  const id = typeof source.container.Id === 'string' ? source.container.Id : ''
  const inherited = new Set<string>(
    FROM_IMAGE.filter((key) => key in config && same(config[key], imageConfig[key])),
  )
  const own: Wire = Object.fromEntries(
    Object.entries(config).filter(([key]) => !inherited.has(key)),
  )
  const imageEnv = new Set(asStrings(imageConfig.Env))
  own.Env = asStrings(config.Env).filter((entry) => !imageEnv.has(entry))
  const imageLabels = asWire(imageConfig.Labels)
  own.Labels = Object.fromEntries(
    Object.entries(asWire(config.Labels)).filter(([key, value]) => imageLabels[key] !== value),
  )
  // The engine's default hostname is the container's short id: the new one gets its own.
  if (own.Hostname === id.slice(0, 12)) own.Hostname = undefined
  own.Image = image
  const hostConfig = asWire(source.container.HostConfig)
  const networks = Object.entries(asWire(asWire(source.container.NetworkSettings).Networks)).map(
    ([name, endpoint]): [string, Wire] => [name, endpointConfig(asWire(endpoint), id)],
  )
  const mode = typeof hostConfig.NetworkMode === 'string' ? hostConfig.NetworkMode : ''
  // The network named by NetworkMode goes in the create; others are connected after.
  const firstIndex = Math.max(
    0,
    networks.findIndex(([name]) => name === mode),
  )
  const first = networks[firstIndex]
  const body: Wire = {
    ...own,
    HostConfig: hostConfig,
    ...(first === undefined
      ? {}
      : { NetworkingConfig: { EndpointsConfig: { [first[0]]: first[1] } } }),
  }
  const sharesNamespace = mode.startsWith('container:') || mode === 'host' || mode === 'none'
  const otherNetworks = sharesNamespace ? [] : networks.filter((_, index) => index !== firstIndex)
  return { body, otherNetworks }
}

function endpointConfig(endpoint: Wire, id: string): Wire {
  const short = id.slice(0, 12)
  const aliases = asStrings(endpoint.Aliases).filter((alias) => alias !== short && alias !== id)
  const config: Wire = {}
  if (aliases.length > 0) config.Aliases = aliases
  if (endpoint.IPAMConfig !== null && endpoint.IPAMConfig !== undefined) {
    config.IPAMConfig = endpoint.IPAMConfig
  }
  for (const key of ['Links', 'DriverOpts', 'MacAddress'] as const) {
    const value = endpoint[key]
    if (value !== null && value !== undefined && value !== '') config[key] = value
  }
  return config
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

function asWire(value: unknown): Wire {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Wire) : {}
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}
