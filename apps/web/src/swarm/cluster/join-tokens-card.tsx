import type { JoinTokens } from '@harbormaster/contract'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { errorMessage } from '../../platform/api-client.ts'
import {
  Button,
  Card,
  CopyButton,
  forms,
  layout,
  texts,
  useConfirm,
  useToast,
} from '../../ui/index.ts'
import { swarmNodesOptions } from '../queries.ts'
import { joinTokensOptions, useRotateToken } from './cluster-queries.ts'

/** Where a joining node reaches the swarm: the leader's manager address (`ip:2377`). */
function useManagerAddress(hostId: string): string {
  const nodes = useQuery(swarmNodesOptions(hostId))
  const leader = nodes.data?.find((n) => n.leader)
  return leader?.managerAddr ?? (leader ? `${leader.addr}:2377` : '<manager-address>:2377')
}

/**
 * The join tokens, hidden until the admin asks (each reveal is audited), with the whole
 * `docker swarm join` command to copy; rotating one makes the old token useless for new nodes.
 */
export function JoinTokensCard({ hostId }: { hostId: string }) {
  const [revealed, setRevealed] = useState(false)
  return (
    <Card
      title="Join tokens"
      action={
        revealed ? (
          <Button
            onClick={() => {
              setRevealed(false)
            }}
          >
            Hide
          </Button>
        ) : (
          <Button
            variant="primary"
            onClick={() => {
              setRevealed(true)
            }}
          >
            Reveal
          </Button>
        )
      }
    >
      {revealed ? (
        <RevealedTokens hostId={hostId} />
      ) : (
        <p className={texts.muted}>
          A token lets any machine that can reach a manager join the swarm, as a worker or as a
          manager. They are shown only when you ask, and the audit log records that you did.
        </p>
      )}
    </Card>
  )
}

/** Mounted only while the tokens are shown: hiding them or leaving the page forgets them. */
function RevealedTokens({ hostId }: { hostId: string }) {
  const client = useQueryClient()
  const tokens = useQuery(joinTokensOptions(hostId))
  useEffect(
    () => () => {
      // `gcTime: 0` would drop them too; removing them here does not wait for the cache's timer.
      client.removeQueries({ queryKey: joinTokensOptions(hostId).queryKey })
    },
    [client, hostId],
  )
  if (tokens.isPending) return <p className={texts.muted}>Asking the swarm for its tokens…</p>
  if (tokens.isError)
    return (
      <p className={forms.formError} role="alert">
        {errorMessage(tokens.error)}
      </p>
    )
  return <TokenList hostId={hostId} tokens={tokens.data} />
}

function TokenList({ hostId, tokens }: { hostId: string; tokens: JoinTokens }) {
  const address = useManagerAddress(hostId)
  const confirm = useConfirm()
  const toast = useToast()
  const rotate = useRotateToken(hostId)
  const handleRotate = async (which: 'worker' | 'manager') => {
    const ok = await confirm({
      title: `Rotate the ${which} token?`,
      body: `Nodes already in the swarm stay. A machine can no longer join as a ${which} with the old token: commands and scripts that hold it must get the new one.`,
      confirmLabel: `Rotate ${which} token`,
      danger: true,
    })
    if (!ok) return
    rotate.mutate(which, {
      onSuccess: () => {
        toast({ tone: 'ok', title: `Rotated the ${which} token` })
      },
    })
  }
  return (
    <div className={forms.form}>
      {(['worker', 'manager'] as const).map((which) => {
        const command = `docker swarm join --token ${tokens[which]} ${address}`
        return (
          <section key={which} aria-label={`Join as a ${which}`}>
            <h3>Join as a {which}</h3>
            <div className={layout.actions}>
              <code className={texts.wrap}>{command}</code>
              <CopyButton value={command} label={`Copy the ${which} join command`} />
              <Button busy={rotate.isPending} onClick={() => void handleRotate(which)}>
                Rotate {which} token…
              </Button>
            </div>
          </section>
        )
      })}
      {tokens.unlockKey !== undefined && (
        <section aria-label="Unlock key">
          <h3>Unlock key</h3>
          <p className={texts.muted}>
            The swarm is autolocked: a restarted manager needs this key (
            <code>docker swarm unlock</code>).
          </p>
          <div className={layout.actions}>
            <code className={texts.wrap}>{tokens.unlockKey}</code>
            <CopyButton value={tokens.unlockKey} label="Copy the unlock key" />
          </div>
        </section>
      )}
      {rotate.isError && (
        <p className={forms.formError} role="alert">
          {errorMessage(rotate.error)}
        </p>
      )}
    </div>
  )
}
