import type { ContainerSnapshot, ProjectSnapshot } from './project-snapshot.ts'
import type { ProjectObjects } from './project-objects.ts'
import { networkKeys } from './service-networks.ts'
import { environmentOf, processKeys } from './service-process.ts'
import {
  dependencyKeys,
  healthcheckKeys,
  lifecycleKeys,
  privilegeKeys,
  resourceKeys,
} from './service-runtime.ts'
import { portKeys, volumeKeys } from './service-storage.ts'
import { unkeptSettings } from './unkept-settings.ts'

/** One container read as a service: its keys, its environment as the engine has it, notes. */
export interface ServiceDraft {
  keys: Record<string, unknown>
  /** Values not yet written for compose: the secret ones go to the `.env`. */
  environment: Record<string, string>
  /** `deploy:` keys other than replicas. */
  deploy: Record<string, unknown>
  replicas: number
  notes: string[]
}

export interface DraftContext {
  snapshot: ProjectSnapshot
  objects: ProjectObjects
  services: ReadonlySet<string>
  serviceOfContainer: (id: string) => string | undefined
}

/** Reads one container of `service` as the service that would make it. */
export function draftService(
  container: ContainerSnapshot,
  service: string,
  context: DraftContext,
): ServiceDraft {
  const image = context.snapshot.images.get(container.details.imageId)
  const parts = [
    processKeys(container, image),
    portKeys(container, image),
    volumeKeys(container, image, context.objects),
    networkKeys(container, { service, ...context }),
    dependencyKeys(container, context.services),
    { keys: healthcheckKeys(container, image), notes: [] },
    { keys: lifecycleKeys(container, image, context.snapshot.defaultLogDriver), notes: [] },
    privilegeKeys(container),
  ]
  const unkept = unkeptSettings(container)
  return {
    keys: Object.assign({}, ...parts.map((part) => part.keys)) as Record<string, unknown>,
    environment: environmentOf(container, image),
    deploy: resourceKeys(container),
    replicas: 1,
    notes: [
      ...parts.flatMap((part) => part.notes),
      ...(unkept.length > 0 ? [`not kept: ${unkept.join(', ')}`] : []),
    ],
  }
}
