import { existsSync } from 'node:fs'
import type { ComposeProject } from '@harbormaster/compose'
import type { HostContext } from '../app-env.ts'
import { stackStore } from './stack-access.ts'
import { stackDirectory } from './stack-dir.ts'
import { loadStack } from './stack-project.ts'
import type { StackView } from './stack-views.ts'

/** A service as a managed stack's file declares it. */
export interface FileService {
  name: string
  image: string | undefined
  /** `deploy.replicas` or `scale` (1 when neither is set). */
  replicas: number
}

/**
 * The project of a managed stack's deployed version (or its latest, before any deploy): what is
 * running or should be. Undefined for a CLI stack, or a file that no longer reads (an env_file
 * removed since, say).
 */
export async function deployedProject(
  c: HostContext,
  view: StackView,
): Promise<ComposeProject | undefined> {
  const stored = view.stored
  if (!stored) return undefined
  const version = stored.deployed?.version ?? stored.saved.version
  const files = stackStore(c).version(c.var.hostId, view.name, version)
  if (!files) return undefined
  const dir = stackDirectory(c.var.config.dataDir, c.var.hostId, view.name)
  const loaded = await loadStack({
    name: view.name,
    ...files,
    dir,
    dirExists: existsSync(dir),
    visibleToEngine: c.var.host.seesServerFiles,
  })
  return loaded.ok ? loaded.stack.project : undefined
}

/**
 * The services of the deployed (or, before any deploy, the saved) file in its order, so a
 * service with no container (scaled to 0, or not created yet) is still one of the stack's.
 */
export async function fileServices(c: HostContext, view: StackView): Promise<FileService[]> {
  const project = await deployedProject(c, view)
  if (!project) return []
  return Object.values(project.services).map((service) => ({
    name: service.name,
    image: service.image,
    replicas: service.replicas,
  }))
}
