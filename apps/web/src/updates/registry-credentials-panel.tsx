import { type RegistryCredential, registryParamsSchema } from '@harbormaster/contract'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type SubmitEvent, useState } from 'react'
import { useHosts } from '../hosts/index.ts'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import {
  Button,
  Dialog,
  ErrorState,
  FormActions,
  forms,
  layout,
  Spinner,
  texts,
  TimeAgo,
  useConfirm,
  useToast,
} from '../ui/index.ts'

const credentialKeys = {
  host: (hostId: string) => ['hosts', hostId, 'registry-credentials'] as const,
}

/**
 * Registry credentials per host (admins): what the image update checker sends to a registry that
 * asks, and what Update's pull sends. The password is write-only: the list says it is set.
 */
export function RegistryCredentialsPanel() {
  const hosts = useHosts()
  const [picked, setPicked] = useState<string | undefined>()
  if (hosts.isPending) return <Spinner />
  if (hosts.isError) return <ErrorState error={hosts.error} />
  const hostId = picked ?? hosts.data[0]?.id
  return (
    <div>
      <p className={texts.muted}>
        Credentials the image update checker and Update use for private registries, per host.
        Passwords are stored and never shown again.
      </p>
      <div className={layout.toolbar}>
        <label>
          Host{' '}
          <select
            value={hostId ?? ''}
            onChange={(e) => {
              setPicked(e.target.value)
            }}
          >
            {hosts.data.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {hostId !== undefined && <HostCredentials key={hostId} hostId={hostId} />}
    </div>
  )
}

function HostCredentials({ hostId }: { hostId: string }) {
  const credentials = useQuery({
    queryKey: credentialKeys.host(hostId),
    queryFn: () => unwrap(api.hosts[':hostId'].updates.credentials.$get({ param: { hostId } })),
  })
  const [adding, setAdding] = useState(false)
  if (credentials.isPending) return <Spinner />
  if (credentials.isError) return <ErrorState error={credentials.error} />
  return (
    <>
      <div className={layout.toolbar}>
        <Button
          variant="primary"
          onClick={() => {
            setAdding(true)
          }}
        >
          Add credentials
        </Button>
      </div>
      {credentials.data.length === 0 ? (
        <p className={texts.muted}>No registry credentials on this host.</p>
      ) : (
        <div className={texts.scrollX}>
          <table className={layout.simpleTable}>
            <thead>
              <tr>
                <th>Registry</th>
                <th>Username</th>
                <th>Password</th>
                <th>Changed</th>
                <th>
                  <span className={texts.srOnly}>Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {credentials.data.map((row) => (
                <CredentialRow key={row.registry} hostId={hostId} credential={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding && (
        <CredentialDialog
          hostId={hostId}
          onClose={() => {
            setAdding(false)
          }}
        />
      )}
    </>
  )
}

function CredentialRow({ hostId, credential }: { hostId: string; credential: RegistryCredential }) {
  const queryClient = useQueryClient()
  const confirm = useConfirm()
  const toast = useToast()
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.hosts[':hostId'].updates.credentials[':registry'].$delete({
          param: { hostId, registry: credential.registry },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: credentialKeys.host(hostId) }),
    onError: (err) => {
      toast({ tone: 'bad', title: 'Could not remove the credentials', body: errorMessage(err) })
    },
  })
  const handleRemove = async () => {
    const ok = await confirm({
      title: `Remove the credentials for ${credential.registry}?`,
      body: <p>Checks and updates of its private images will fail until new ones are set.</p>,
      confirmLabel: 'Remove',
      danger: true,
    })
    if (ok) remove.mutate()
  }
  return (
    <tr>
      <td>
        <code>{credential.registry}</code>
      </td>
      <td>{credential.username}</td>
      <td>{credential.hasPassword ? 'set' : '—'}</td>
      <td>
        <TimeAgo value={credential.updatedAt} />
      </td>
      <td>
        <div className={layout.actions}>
          <Button
            variant="danger"
            aria-label={`Remove the credentials for ${credential.registry}`}
            onClick={() => void handleRemove()}
          >
            Remove
          </Button>
        </div>
      </td>
    </tr>
  )
}

/** Adds credentials, or replaces those of a registry that has some. */
function CredentialDialog({ hostId, onClose }: { hostId: string; onClose: () => void }) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const [registry, setRegistry] = useState('')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [touched, setTouched] = useState(false)
  const problem = credentialProblem(hostId, registry, username, password)
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.hosts[':hostId'].updates.credentials[':registry'].$put({
          param: { hostId, registry: registry.trim() },
          json: { username, password },
        }),
      ),
    onSuccess: () => {
      toast({ tone: 'ok', title: `Credentials for ${registry.trim()} saved` })
      onClose()
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: credentialKeys.host(hostId) }),
  })
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    setTouched(true)
    if (problem === undefined) save.mutate()
  }
  return (
    <Dialog open title="Registry credentials" onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <label className={forms.field}>
          <span>Registry</span>
          <input
            value={registry}
            placeholder="ghcr.io, registry.example.com:5000, docker.io"
            onChange={(e) => {
              setRegistry(e.target.value)
            }}
          />
        </label>
        <label className={forms.field}>
          <span>Username</span>
          <input
            value={username}
            autoComplete="off"
            onChange={(e) => {
              setUsername(e.target.value)
            }}
          />
        </label>
        <label className={forms.field}>
          <span>Password or token</span>
          <input
            type="password"
            value={password}
            autoComplete="new-password"
            onChange={(e) => {
              setPassword(e.target.value)
            }}
          />
        </label>
        {touched && problem !== undefined && <small className={forms.fieldError}>{problem}</small>}
        <FormActions error={save.error} submit="Save" busy={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  )
}

/** Why the form cannot be sent yet, in the contract's words. */
export function credentialProblem(
  hostId: string,
  registry: string,
  username: string,
  password: string,
): string | undefined {
  const target = registryParamsSchema.safeParse({ hostId, registry: registry.trim() })
  if (!target.success) return 'Registry: a registry host, with an optional port (ghcr.io)'
  if (username.length === 0) return 'Username: required'
  if (password.length === 0) return 'Password: required'
  return undefined
}
