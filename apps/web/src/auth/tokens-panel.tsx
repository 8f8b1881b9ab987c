import type { ApiToken } from '@harbormaster/contract'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type SubmitEvent } from 'react'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import {
  bannerClass,
  Button,
  CopyButton,
  ErrorState,
  forms,
  layout,
  Spinner,
  texts,
  TimeAgo,
  useConfirm,
  useToast,
} from '../ui/index.ts'

const tokenKey = ['auth', 'tokens'] as const

/** The caller's API tokens; a new token's value is shown once. */
export function TokensPanel() {
  const queryClient = useQueryClient()
  const toast = useToast()
  const tokens = useQuery({ queryKey: tokenKey, queryFn: () => unwrap(api.tokens.$get()) })
  const [name, setName] = useState('')
  const [created, setCreated] = useState<string | undefined>()
  const refresh = () => queryClient.invalidateQueries({ queryKey: tokenKey })
  const create = useMutation({
    mutationFn: (n: string) => unwrap(api.tokens.$post({ json: { name: n } })),
    onSuccess: (t) => {
      setCreated(t.token)
      setName('')
    },
    onSettled: refresh,
  })
  // Revoking is how a leaked token is stopped: the outcome must be seen, failure above all.
  const revoke = useMutation({
    mutationFn: (t: ApiToken) => unwrap(api.tokens[':id'].$delete({ param: { id: t.id } })),
    onSuccess: (_, t) => {
      toast({ tone: 'ok', title: `Token ${t.name} revoked` })
    },
    onError: (err, t) => {
      toast({ tone: 'bad', title: `Could not revoke token ${t.name}`, body: errorMessage(err) })
    },
    onSettled: refresh,
  })
  const handleCreate = (e: SubmitEvent) => {
    e.preventDefault()
    if (name.trim() !== '') create.mutate(name.trim())
  }
  return (
    <section className={layout.card}>
      <h2>API tokens</h2>
      <p className={texts.muted}>
        Scripts and tools sign in with a token instead of a browser session; each acts as you.
      </p>
      <form className={layout.inlineForm} onSubmit={handleCreate}>
        <input
          aria-label="Token name"
          placeholder="name, e.g. ci"
          value={name}
          onChange={(e) => {
            setName(e.target.value)
          }}
        />
        <Button type="submit" busy={create.isPending}>
          Create token
        </Button>
      </form>
      {create.isError && <p className={forms.formError}>{errorMessage(create.error)}</p>}
      {created !== undefined && (
        <div className={bannerClass('warn')} role="note">
          Copy this token now; it is not shown again: <code>{created}</code>{' '}
          <CopyButton value={created} label="Copy token" />
        </div>
      )}
      {tokens.isPending && <Spinner />}
      {tokens.isError && <ErrorState error={tokens.error} />}
      {tokens.isSuccess && (
        <TokenTable
          tokens={tokens.data.tokens}
          onRevoke={(t) => {
            revoke.mutate(t)
          }}
        />
      )}
    </section>
  )
}

function TokenTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (t: ApiToken) => void }) {
  const confirm = useConfirm()
  return tokens.length === 0 ? (
    <p className={texts.muted}>No tokens.</p>
  ) : (
    <table className={layout.simpleTable}>
      <thead>
        <tr>
          <th>Name</th>
          <th>Created</th>
          <th>Last used</th>
          <th>
            <span className={texts.srOnly}>Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id}>
            <td>{t.name}</td>
            <td>
              <TimeAgo value={t.createdAt} />
            </td>
            <td>{t.lastUsedAt ? <TimeAgo value={t.lastUsedAt} /> : 'never'}</td>
            <td>
              <Button
                variant="danger"
                onClick={() =>
                  void confirm({
                    title: `Revoke token ${t.name}?`,
                    body: (
                      <p>
                        Anything using <strong>{t.name}</strong> stops working.
                      </p>
                    ),
                    confirmLabel: 'Revoke',
                    danger: true,
                  }).then((ok) => {
                    if (ok) onRevoke(t)
                  })
                }
              >
                Revoke
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
