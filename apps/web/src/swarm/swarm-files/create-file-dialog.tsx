import { swarmFileCreateSchema, type SwarmFileCreateInput } from '@harbormaster/contract'
import { useState } from 'react'
import { parseKeyValueLines } from '../../platform/key-value-lines.ts'
import { CreateDialog, forms, issuesOf, TextField, texts } from '../../ui/index.ts'
import { createSwarmFile, swarmFileKeys, type SwarmFileKind } from './queries.ts'

const NOUN = { secrets: 'secret', configs: 'config' } as const

/** A file's bytes as base64, read in the browser (the value goes to the server only). */
async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * Create a secret or config: its value typed or read from a file, sent once. No answer ever
 * carries it back, so the dialog says so before it is gone.
 */
export function CreateSwarmFileDialog({
  hostId,
  kind,
  onClose,
}: {
  hostId: string
  kind: SwarmFileKind
  onClose: () => void
}) {
  const noun = NOUN[kind]
  const [name, setName] = useState('')
  const [value, setValue] = useState('')
  const [file, setFile] = useState<{ name: string; base64: string } | undefined>(undefined)
  const [labelText, setLabelText] = useState('')
  const labels = parseKeyValueLines(labelText)
  const input: SwarmFileCreateInput = {
    name: name.trim(),
    ...(file === undefined ? { value } : { valueBase64: file.base64 }),
    ...(Object.keys(labels.values).length > 0 ? { labels: labels.values } : {}),
  }
  const empty =
    file === undefined && value === '' ? 'value: type a value or choose a file' : undefined
  const problem = labels.error ?? issuesOf(swarmFileCreateSchema.safeParse(input)) ?? empty
  return (
    <CreateDialog
      title={`Create a ${noun}`}
      problem={problem}
      create={() => createSwarmFile(hostId, kind, input)}
      createdTitle={() => `Created ${noun} ${input.name}`}
      refreshKey={swarmFileKeys(hostId, kind)}
      onClose={onClose}
    >
      <TextField label="Name" value={name} onChange={setName} placeholder="db-password" />
      {file === undefined ? (
        <TextField label="Value" multiline value={value} onChange={setValue} />
      ) : (
        <p>
          Value: the file <strong>{file.name}</strong>{' '}
          <button
            type="button"
            onClick={() => {
              setFile(undefined)
            }}
          >
            Type a value instead
          </button>
        </p>
      )}
      <label className={forms.field}>
        <span>Or read the value from a file</span>
        <input
          type="file"
          onChange={(e) => {
            const chosen = e.target.files?.[0]
            if (chosen)
              void fileBase64(chosen).then((base64) => {
                setFile({ name: chosen.name, base64 })
              })
          }}
        />
      </label>
      <TextField
        label="Labels (key=value per line)"
        multiline
        value={labelText}
        onChange={setLabelText}
      />
      <p className={texts.muted}>
        The value is sent once and never shown again: not here, not in any answer of the server.
      </p>
    </CreateDialog>
  )
}
