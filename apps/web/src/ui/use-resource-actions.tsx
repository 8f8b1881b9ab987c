import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { errorMessage } from '../platform/api-client.ts'
import { useConfirm } from './confirm.tsx'
import { useToast } from './toast.tsx'

/**
 * Remove-one and prune-all for a resource list (images, networks, volumes): each asks once,
 * names what it destroys, toasts the result with the engine's words and refreshes the list.
 */
export function useResourceActions<T, P>(options: {
  queryKey: readonly unknown[]
  nameOf: (item: T) => string
  describe: (item: T) => ReactNode
  remove: (item: T) => Promise<unknown>
  prune: (arg: P) => Promise<{ deleted: string[] }>
  pruneText: (arg: P) => ReactNode
  noun: string
}) {
  const queryClient = useQueryClient()
  const confirm = useConfirm()
  const toast = useToast()
  const refresh = () => queryClient.invalidateQueries({ queryKey: options.queryKey })
  const remove = useMutation({ mutationFn: options.remove, onSettled: refresh })
  const prune = useMutation({ mutationFn: options.prune, onSettled: refresh })

  const handleRemove = async (item: T) => {
    const name = options.nameOf(item)
    const ok = await confirm({
      title: `Remove ${name}?`,
      body: options.describe(item),
      confirmLabel: 'Remove',
      danger: true,
    })
    if (!ok) return
    remove.mutate(item, {
      onSuccess: () => {
        toast({ tone: 'ok', title: `Removed ${name}` })
      },
      onError: (err) => {
        toast({ tone: 'bad', title: `Could not remove ${name}`, body: errorMessage(err) })
      },
    })
  }
  const handlePrune = async (arg: P) => {
    const ok = await confirm({
      title: `Prune ${options.noun}?`,
      body: options.pruneText(arg),
      confirmLabel: 'Prune',
      danger: true,
    })
    if (!ok) return
    prune.mutate(arg, {
      onSuccess: (r) => {
        toast({ tone: 'ok', title: `Removed ${r.deleted.length} ${options.noun}` })
      },
      onError: (err) => {
        toast({ tone: 'bad', title: 'Prune failed', body: errorMessage(err) })
      },
    })
  }
  return { handleRemove, handlePrune, isPruning: prune.isPending }
}
