import type { NetworkDetails } from '@harbormaster/contract'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type SubmitEvent } from 'react'
import { containerListOptions } from '../containers/queries.ts'
import { errorMessage } from '../platform/api-client.ts'
import { Button, layout, useToast } from '../ui/index.ts'
import { connectCandidates } from './attachments.ts'
import { connectContainer, networkKeys } from './queries.ts'

/** Pick one of the host's containers and connect it to the network. */
export function ConnectForm({ hostId, network }: { hostId: string; network: NetworkDetails }) {
  const containers = useQuery(containerListOptions(hostId))
  const [chosen, setChosen] = useState('')
  const queryClient = useQueryClient()
  const toast = useToast()
  const candidates = connectCandidates(containers.data ?? [], network)
  const picked = candidates.find((c) => c.id === chosen)
  const connect = useMutation({
    mutationFn: (id: string) => connectContainer(hostId, network.id, id),
    // The engine reports connects of running containers only: refresh the view ourselves.
    onSettled: () => queryClient.invalidateQueries({ queryKey: networkKeys.all(hostId) }),
  })
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    if (!picked) return
    connect.mutate(picked.id, {
      onSuccess: () => {
        toast({ tone: 'ok', title: `Connected ${picked.name} to ${network.name}` })
        setChosen('')
      },
      onError: (err) => {
        toast({ tone: 'bad', title: `Could not connect ${picked.name}`, body: errorMessage(err) })
      },
    })
  }
  return (
    <form className={layout.inlineForm} onSubmit={handleSubmit}>
      <select
        aria-label="Container to connect"
        value={chosen}
        disabled={containers.isPending}
        onChange={(e) => {
          setChosen(e.target.value)
        }}
      >
        <option value="">
          {candidates.length === 0 ? 'No container to connect' : 'Choose a container…'}
        </option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.running ? '' : ' (stopped)'}
          </option>
        ))}
      </select>
      <Button type="submit" variant="primary" busy={connect.isPending} disabled={!picked}>
        Connect
      </Button>
    </form>
  )
}
