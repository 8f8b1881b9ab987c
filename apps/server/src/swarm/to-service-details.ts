import type { ServiceDetails } from '@harbormaster/contract'
import type { ServiceDetails as EngineServiceDetails, ServiceSettings } from '@harbormaster/engine'
import { type EnvVisibility, maskEnv } from '../policy/index.ts'

/** The details of a service for this caller: environment values masked as on containers. */
export function toServiceDetails(
  details: EngineServiceDetails,
  visibility: EnvVisibility,
): ServiceDetails {
  const masked = new Set<string>()
  const settingsFor = (settings: ServiceSettings) =>
    settings.env === undefined
      ? settings
      : { ...settings, env: maskEnv(settings.env, visibility, masked) }
  const settings = settingsFor(details.spec.settings)
  const previous = details.previousSpec && settingsFor(details.previousSpec.settings)
  return {
    id: details.id,
    version: details.version,
    createdAt: details.createdAt,
    updatedAt: details.updatedAt,
    settings,
    unmodelled: details.spec.unmodelled,
    ...(previous ? { previousSettings: previous } : {}),
    maskedEnv: [...masked],
    ...(details.updateStatus ? { updateStatus: details.updateStatus } : {}),
  }
}
