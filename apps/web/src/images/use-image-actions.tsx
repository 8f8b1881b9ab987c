import type { ImageSummary } from '@harbormaster/contract'
import { errorMessage } from '../platform/api-client.ts'
import { useConfirm, useResourceActions } from '../ui/index.ts'
import { mayForceRemoval } from './forced-removal.ts'
import { imageName } from './image-columns.tsx'
import { imageKeys, pruneImages, removeImage } from './queries.ts'

/**
 * Remove and prune for the image list. A remove is first tried unforced, so the engine names
 * what stands in the way; when force would get past it, the user is asked again with that reason.
 */
export function useImageActions(hostId: string) {
  const confirm = useConfirm()
  const removeOffering = async (image: ImageSummary) => {
    try {
      return await removeImage(hostId, image.id, false)
    } catch (err) {
      if (!mayForceRemoval(err)) throw err
      const ok = await confirm({
        title: `Remove ${imageName(image)} anyway?`,
        body: <ForceText image={image} refusal={errorMessage(err)} />,
        confirmLabel: 'Remove anyway (force)',
        danger: true,
      })
      // Declined: the engine's refusal is what happened, and the toast says so.
      if (!ok) throw err
      return removeImage(hostId, image.id, true)
    }
  }
  return useResourceActions<ImageSummary, boolean>({
    queryKey: imageKeys.all(hostId),
    noun: 'images',
    nameOf: imageName,
    describe: (i) => (
      <p>
        The image <strong>{i.repoTags.join(', ') || i.id}</strong> will be untagged and deleted.
      </p>
    ),
    remove: removeOffering,
    prune: (all) => pruneImages(hostId, all),
    pruneText: (all) => (
      <p>
        This deletes {all ? 'every image no container uses' : 'every dangling (untagged) image'}.
      </p>
    ),
  })
}

function ForceText({ image, refusal }: { image: ImageSummary; refusal: string }) {
  return (
    <>
      <p>The engine refused: {refusal}</p>
      <p>
        Forcing removes every tag of the image
        {image.repoTags.length > 0 && (
          <>
            {' '}
            (<strong>{image.repoTags.join(', ')}</strong>)
          </>
        )}{' '}
        and deletes it even if a stopped container still uses it.
      </p>
    </>
  )
}
