import type { StackDirectoryEntry } from '@harbormaster/contract'
import { errorMessage } from '../platform/api-client.ts'
import { useConfirm, useToast } from '../ui/index.ts'
import {
  type Chosen,
  makeFolder,
  moveEntry,
  removeEntry,
  uploadDirectoryFile,
  useDirectoryChange,
} from './directory-calls.ts'

const joinPath = (folder: string, relative: string) =>
  folder === '' ? relative : `${folder}/${relative}`

/**
 * The Files panel's actions, each told in a toast: upload (file by file, stopping at the first
 * the server refuses, named), make a folder, move, and remove after a confirmation naming the
 * path.
 */
export function useDirectoryActions(hostId: string, name: string, onChanged: () => void) {
  const toast = useToast()
  const confirm = useConfirm()
  const upload = useDirectoryChange(
    hostId,
    name,
    async ({ folder, chosen }: { folder: string; chosen: Chosen[] }) => {
      for (const { file, relative } of chosen) {
        const path = joinPath(folder, relative)
        try {
          await uploadDirectoryFile(hostId, name, path, file)
        } catch (err) {
          throw new Error(`${path}: ${errorMessage(err)}`, { cause: err })
        }
      }
      return chosen.length
    },
    onChanged,
  )
  const folder = useDirectoryChange(hostId, name, makeFolder(hostId, name), onChanged)
  const remove = useDirectoryChange(hostId, name, removeEntry(hostId, name), onChanged)
  const move = useDirectoryChange(hostId, name, moveEntry(hostId, name), onChanged)

  const uploadInto = async (target: string, chosen: Chosen[]) => {
    if (chosen.length === 0) return
    try {
      const count = await upload.mutateAsync({ folder: target, chosen })
      const files = `${String(count)} file${count === 1 ? '' : 's'}`
      const where = target === '' ? 'the stack’s folder' : target
      toast({ tone: 'ok', title: `Uploaded ${files}`, body: `to ${where}` })
    } catch (err) {
      toast({ tone: 'bad', title: 'Upload failed', body: errorMessage(err) })
    }
  }
  const makeFolderAt = async (path: string) => {
    try {
      await folder.mutateAsync(path)
      return true
    } catch (err) {
      toast({ tone: 'bad', title: `Could not make ${path}`, body: errorMessage(err) })
      return false
    }
  }
  const removeWithConfirmation = async (entry: StackDirectoryEntry) => {
    const ok = await confirm({
      title: `Remove ${entry.path}?`,
      body:
        entry.kind === 'directory'
          ? `The folder ${entry.path} and everything in it will be removed from the stack’s folder.`
          : `${entry.path} will be removed from the stack’s folder.`,
      confirmLabel: 'Remove',
      danger: true,
    })
    if (!ok) return
    try {
      await remove.mutateAsync(entry.path)
      toast({ tone: 'ok', title: `Removed ${entry.path}` })
    } catch (err) {
      toast({ tone: 'bad', title: `Could not remove ${entry.path}`, body: errorMessage(err) })
    }
  }
  return {
    uploading: upload.isPending,
    uploadInto,
    makeFolderAt,
    removeWithConfirmation,
    /** Throws the server's refusal: the move dialog shows it. */
    moveTo: (from: string, to: string) => move.mutateAsync({ from, to }),
  }
}
