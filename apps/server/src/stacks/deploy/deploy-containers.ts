import type { StackStep } from '@harbormaster/contract'
import type { HostContext } from '../../app-env.ts'
import { checkedCreateSpec, connectNetworks } from '../../containers/index.ts'
import { labelsWithinScope } from '../../policy/index.ts'
import { containerLabels } from '../compose-objects.ts'
import { copyStackFiles } from './deploy-files.ts'
import type { ContainerOp } from './plan-types.ts'
import { type Operation, line, messageOf } from '../operations/stack-operations.ts'
import { COMPOSE_FILE } from '../stack-dir.ts'
import type { LoadedStack } from '../stack-project.ts'

/** What carrying out container ops needs: the request, the stack, the images' ids. */
export interface ContainerWork {
  c: HostContext
  op: Operation
  stack: LoadedStack
  /** The stack's directory: the project's working dir, as labelled. */
  dir: string
  /** Labels every object of the stack carries (the stored stack's, its creator's scope). */
  labels: Record<string, string>
  images: ReadonlyMap<string, string>
  emit: (line: StackStep) => void
}

type Step = Omit<StackStep, 'type' | 'state'>

/**
 * One mutating engine call, counted in the `done` line's changes. Nothing is started once the
 * client has gone away; the call gets the same signal.
 */
async function call<T>(op: Operation, work: () => Promise<T>): Promise<T> {
  op.signal.throwIfAborted()
  op.changes++
  return work()
}

/** A step as lines: started, then done, or failed with the engine's message (rethrown). */
async function step(work: ContainerWork, what: Step, act: () => Promise<void>): Promise<void> {
  work.op.signal.throwIfAborted()
  work.emit(line(what, 'started'))
  try {
    await act()
  } catch (err) {
    if (!work.op.signal.aborted) work.emit(line(what, 'failed', messageOf(err)))
    throw err
  }
  work.emit(line(what, 'done'))
}

/** Carries out one container op (plan-types.ts `ContainerOp`), as step lines. */
export async function runOp(work: ContainerWork, op: ContainerOp): Promise<void> {
  const engine = work.op.engine
  const signal = work.op.signal
  const target = (action: Step['action'], name: string) =>
    ({ object: 'container', name, service: op.service, action }) as const
  switch (op.kind) {
    case 'remove': {
      const { container } = op
      await step(work, target('remove', container.name), async () => {
        if (
          container.state === 'running' ||
          container.state === 'restarting' ||
          container.state === 'paused'
        )
          await call(work.op, () => engine.containers.stop(container.id, { signal }))
        await call(work.op, () => engine.containers.remove(container.id, { signal }))
      })
      work.op.touch(container.id)
      return
    }
    case 'start':
    case 'restart': {
      const { container } = op
      await step(work, target(op.kind, container.name), () =>
        call(work.op, () =>
          op.kind === 'start'
            ? engine.containers.start(container.id, { signal })
            : engine.containers.restart(container.id, { signal }),
        ),
      )
      work.op.touch(container.id)
      return
    }
    case 'create': {
      let id = ''
      await step(work, target('create', op.name), async () => {
        id = await createContainer(work, op.service, op.number, op.name)
      })
      await startNew(work, op.service, op.name, id)
      return
    }
    case 'recreate': {
      // Compose's order (docker/compose reconcile.go): the new container under a temporary name,
      // then the old one stopped and removed, then the new one renamed and started.
      const { old } = op
      let id = ''
      await step(work, target('recreate', op.name), async () => {
        id = await createContainer(work, op.service, op.number, `${old.id.slice(0, 12)}_${op.name}`)
        if (old.state !== 'exited' && old.state !== 'created' && old.state !== 'dead')
          await call(work.op, () => engine.containers.stop(old.id, { signal }))
        await call(work.op, () => engine.containers.remove(old.id, { signal }))
        work.op.touch(old.id)
        await call(work.op, () => engine.containers.rename(id, op.name, { signal }))
      })
      await startNew(work, op.service, op.name, id)
      return
    }
  }
}

async function startNew(work: ContainerWork, service: string, name: string, id: string) {
  const { engine, signal } = work.op
  await step(work, { object: 'container', name, service, action: 'start' }, () =>
    call(work.op, () => engine.containers.start(id, { signal })),
  )
  work.op.touch(id)
}

/**
 * Creates one container of a service: the service's create request with the compose labels,
 * checked again by the container create's own function (which confines an operator's read-only
 * binds and resolves networks in the caller's scope by id), then the stack's secret and config
 * files copied in (before its first start), and the networks beyond the first.
 */
async function createContainer(
  work: ContainerWork,
  service: string,
  number: number,
  name: string,
): Promise<string> {
  const { c, stack, op } = work
  const spec = stack.specs.find((s) => s.service === service)
  const model = stack.project.services[service]
  if (!spec || !model) throw new Error(`no service ${service} in the stack`)
  const imageId = work.images.get(model.image ?? '') ?? ''
  const labels = {
    ...spec.spec.labels,
    ...work.labels,
    ...containerLabels({
      project: stack.project.name,
      service: model,
      number,
      hash: stack.hashes.get(service) ?? '',
      imageId,
      stackDir: work.dir,
      configFile: `${work.dir}/${COMPOSE_FILE}`,
    }),
  }
  const checked = await checkedCreateSpec(c, { ...spec.spec, labels })
  const created = await call(op, () =>
    op.engine.containers.create(
      {
        ...checked.spec,
        name,
        labels: labelsWithinScope(checked.spec.labels, c.var.grant.labelScope),
      },
      { signal: op.signal },
    ),
  )
  op.touch(created.id)
  const files = stack.files.get(service) ?? []
  if (files.length > 0) await call(op, () => copyStackFiles(op, created.id, files))
  op.changes += checked.connect.length
  await connectNetworks(op.engine, created.id, checked.connect, op.signal)
  return created.id
}
