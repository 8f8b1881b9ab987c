import type { NetworkDetails } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link } from 'wouter'
import { errorMessage } from '../platform/api-client.ts'
import { Button, layout, ShortId, texts, useConfirm, useToast } from '../ui/index.ts'
import { disconnectContainer, networkKeys } from './queries.ts'

type Attached = NetworkDetails['containers'][number]

const orDash = (value: string | undefined) => (value === undefined || value === '' ? '—' : value)

/** The containers on the network now, with their addresses; Disconnect asks first. */
export function AttachedContainers({
  hostId,
  network,
  mayChange,
}: {
  hostId: string
  network: NetworkDetails
  mayChange: boolean
}) {
  const handleDisconnect = useDisconnect(hostId, network)
  if (network.containers.length === 0)
    return <p className={texts.muted}>No running container is attached.</p>
  return (
    <div className={texts.scrollX}>
      <table className={layout.simpleTable} aria-label={`Containers on ${network.name}`}>
        <thead>
          <tr>
            <th>Container</th>
            <th>IPv4</th>
            <th className={texts.hidePhone}>IPv6</th>
            <th className={texts.hidePhone}>MAC</th>
            {mayChange && (
              <th>
                <span className={texts.srOnly}>Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {network.containers.map((c) => (
            <tr key={c.id}>
              <td>
                <Link
                  href={`/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(c.id)}`}
                >
                  {c.name ?? <ShortId id={c.id} />}
                </Link>
              </td>
              <td>
                <code>{orDash(c.ipv4Address)}</code>
              </td>
              <td className={texts.hidePhone}>
                <code>{orDash(c.ipv6Address)}</code>
              </td>
              <td className={texts.hidePhone}>
                <code>{orDash(c.macAddress)}</code>
              </td>
              {mayChange && (
                <td>
                  <Button variant="danger" onClick={() => void handleDisconnect(c)}>
                    Disconnect
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function useDisconnect(hostId: string, network: NetworkDetails) {
  const queryClient = useQueryClient()
  const confirm = useConfirm()
  const toast = useToast()
  const disconnect = useMutation({
    mutationFn: (id: string) => disconnectContainer(hostId, network.id, id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: networkKeys.all(hostId) }),
  })
  return async (container: Attached) => {
    const name = container.name ?? container.id.slice(0, 12)
    const ok = await confirm({
      title: `Disconnect ${name}?`,
      body: (
        <p>
          <strong>{name}</strong> will lose its address on <strong>{network.name}</strong> and
          cannot reach that network's other containers until it is connected again.
        </p>
      ),
      confirmLabel: 'Disconnect',
      danger: true,
    })
    if (!ok) return
    disconnect.mutate(container.id, {
      onSuccess: () => {
        toast({ tone: 'ok', title: `Disconnected ${name} from ${network.name}` })
      },
      onError: (err) => {
        toast({ tone: 'bad', title: `Could not disconnect ${name}`, body: errorMessage(err) })
      },
    })
  }
}
