import type { Host } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { hostKeys } from '../hosts/index.ts'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import { Badge, Button, texts, useConfirm, useToast } from '../ui/index.ts'

/**
 * An ssh:// host held back by its server's host key. A key never seen before is shown with its
 * fingerprint for an admin to accept (after a confirmation naming it); a CHANGED key is shown as
 * an error only: replacing it means typing the new fingerprint in the host's settings, checked
 * on the host itself (docs/security.md, "SSH hosts").
 */
export function SshHostKeyNotice({ host }: { host: Host }) {
  const queryClient = useQueryClient()
  const confirm = useConfirm()
  const toast = useToast()
  const problem = host.sshHostKey
  const accept = useMutation({
    mutationFn: (fingerprint: string) =>
      unwrap(
        api.hosts[':hostId']['ssh-host-key'].$post({
          param: { hostId: host.id },
          json: { fingerprint },
        }),
      ),
    onSuccess: (saved) => {
      toast({
        tone: saved.reachable ? 'ok' : 'warn',
        title: `Host key of ${saved.name} accepted`,
        body: saved.reachable ? undefined : saved.error,
      })
    },
    onError: (err) => {
      toast({ tone: 'bad', title: 'Could not accept the host key', body: errorMessage(err) })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: hostKeys.all }),
  })
  if (!problem) return null
  if (problem.state === 'changed') {
    return (
      <div role="alert">
        <Badge tone="bad">Host key changed</Badge>
        <p className={texts.muted}>
          Pinned <code>{problem.expected}</code>, offered <code>{problem.offered}</code>. Someone
          may be intercepting the connection: check the key on the host itself, then enter the new
          fingerprint in the host’s settings.
        </p>
      </div>
    )
  }
  const handleAccept = async () => {
    const ok = await confirm({
      title: `Accept the host key of ${host.name}?`,
      body: (
        <p>
          The server at <code>{host.address}</code> offers the key{' '}
          <strong>
            <code>{problem.offered}</code>
          </strong>
          . Accept it only if <code>ssh-keygen -l -f /etc/ssh/ssh_host_ed25519_key.pub</code> (or
          the key type it uses) on that host prints the same fingerprint.
        </p>
      ),
      confirmLabel: 'Accept host key',
    })
    if (ok) accept.mutate(problem.offered)
  }
  return (
    <div>
      <Badge tone="warn">Host key not yet accepted</Badge>{' '}
      <code className={texts.muted}>{problem.offered}</code>{' '}
      <Button
        aria-label={`Accept host key of ${host.name}`}
        disabled={accept.isPending}
        onClick={() => void handleAccept()}
      >
        Accept host key
      </Button>
    </div>
  )
}
