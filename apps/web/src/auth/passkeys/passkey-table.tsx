import type { PasskeySummary } from '@harbormaster/contract'
import { useState, type SubmitEvent } from 'react'
import { errorMessage } from '../../platform/api-client.ts'
import { Button, layout, texts, TimeAgo, useConfirm, useToast } from '../../ui/index.ts'
import { useRemovePasskey, useRenamePasskey } from './passkey-api.ts'

/** The user's passkeys, each renamed in place or removed after a confirmation. */
export function PasskeyTable({ passkeys }: { passkeys: PasskeySummary[] }) {
  if (passkeys.length === 0) return <p className={texts.muted}>No passkeys yet.</p>
  return (
    <table className={layout.simpleTable} aria-label="Your passkeys">
      <thead>
        <tr>
          <th>Name</th>
          <th>Created</th>
          <th>Last used</th>
          <th>Synced</th>
          <th>
            <span className={texts.srOnly}>Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {passkeys.map((passkey) => (
          <PasskeyRow key={passkey.id} passkey={passkey} />
        ))}
      </tbody>
    </table>
  )
}

function PasskeyRow({ passkey }: { passkey: PasskeySummary }) {
  const [renaming, setRenaming] = useState(false)
  return (
    <tr>
      <td>
        {renaming ? (
          <RenameForm
            passkey={passkey}
            onDone={() => {
              setRenaming(false)
            }}
          />
        ) : (
          passkey.name
        )}
      </td>
      <td>
        <TimeAgo value={passkey.createdAt} />
      </td>
      <td>{passkey.lastUsedAt === null ? 'never' : <TimeAgo value={passkey.lastUsedAt} />}</td>
      {/* Backed up: the provider syncs it to the user's other devices (a phone, a manager). */}
      <td>{passkey.backedUp ? 'yes' : 'no'}</td>
      <td>
        {!renaming && (
          <Button
            variant="ghost"
            onClick={() => {
              setRenaming(true)
            }}
          >
            Rename
          </Button>
        )}
        <RemoveButton passkey={passkey} />
      </td>
    </tr>
  )
}

function RenameForm({ passkey, onDone }: { passkey: PasskeySummary; onDone: () => void }) {
  const rename = useRenamePasskey()
  const toast = useToast()
  const [name, setName] = useState(passkey.name)
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (name.trim() === '') return
    rename.mutate(
      { passkey, name: name.trim() },
      {
        onSuccess: onDone,
        onError: (err) => {
          toast({ tone: 'bad', title: 'Could not rename the passkey', body: errorMessage(err) })
        },
      },
    )
  }
  return (
    <form className={layout.inlineForm} onSubmit={handleSubmit}>
      <input
        aria-label={`New name for ${passkey.name}`}
        maxLength={64}
        value={name}
        autoFocus
        onChange={(e) => {
          setName(e.target.value)
        }}
      />
      <Button type="submit" busy={rename.isPending}>
        Save
      </Button>
      <Button variant="ghost" onClick={onDone}>
        Cancel
      </Button>
    </form>
  )
}

function RemoveButton({ passkey }: { passkey: PasskeySummary }) {
  const confirm = useConfirm()
  const remove = useRemovePasskey()
  const toast = useToast()
  return (
    <Button
      variant="danger"
      busy={remove.isPending}
      onClick={() =>
        void confirm({
          title: `Remove passkey ${passkey.name}?`,
          body: (
            <p>
              <strong>{passkey.name}</strong> no longer signs you in. Your device may keep offering
              it: remove it there too.
            </p>
          ),
          confirmLabel: 'Remove',
          danger: true,
        }).then((ok) => {
          if (!ok) return
          remove.mutate(passkey, {
            onSuccess: () => {
              toast({ tone: 'ok', title: `Passkey ${passkey.name} removed` })
            },
            onError: (err) => {
              toast({ tone: 'bad', title: 'Could not remove the passkey', body: errorMessage(err) })
            },
          })
        })
      }
    >
      Remove
    </Button>
  )
}
