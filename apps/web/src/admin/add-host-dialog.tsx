import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type SubmitEvent, useState } from 'react'
import { hostKeys } from '../hosts/index.ts'
import { api, unwrap } from '../platform/api-client.ts'
import { Dialog, FormActions, forms, TextField, useToast } from '../ui/index.ts'
import {
  type HostTextKey,
  API_VERSION_LABEL,
  SECRET_PATTERNS_LABEL,
  TlsFieldset,
} from './host-fields.tsx'
import { BIND_PREFIXES_LABEL, emptyHostForm, toHostCreate } from './host-form.ts'
import { SshFieldset } from './ssh-fields.tsx'

/** A new host: id, name, engine address, bind paths, secret environment keys and TLS. */
export function AddHostDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const [form, setForm] = useState(emptyHostForm)
  const [submitted, setSubmitted] = useState(false)
  const { input, errors } = toHostCreate(form)
  const create = useMutation({
    mutationFn: () => unwrap(api.hosts.$post({ json: input ?? emptyHostForm() })),
    onSuccess: (added) => {
      toast({
        tone: added.reachable ? 'ok' : 'warn',
        title: added.reachable
          ? `Host ${added.name} added`
          : `Host ${added.name} added, but it does not answer yet`,
        body: added.error || undefined,
      })
      onClose()
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: hostKeys.all }),
  })
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    setSubmitted(true)
    if (input) create.mutate()
  }
  const field = (key: HostTextKey, label: string, errorKey: string = key, multiline = false) => (
    <TextField
      label={label}
      multiline={multiline}
      value={form[key]}
      error={submitted ? errors[errorKey] : undefined}
      onChange={(value) => {
        setForm((f) => ({ ...f, [key]: value }))
      }}
    />
  )
  return (
    <Dialog open title="Add a host" onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        {field('id', 'Host id (e.g. build-1)')}
        {field('name', 'Name (defaults to the id)')}
        {field(
          'address',
          'Engine address (unix:///var/run/docker.sock, tcp://10.0.0.5:2376 or ssh://user@host)',
        )}
        {field('prefixes', BIND_PREFIXES_LABEL, 'allowedBindPrefixes', true)}
        {field('secretPatterns', SECRET_PATTERNS_LABEL, 'secretEnvPatterns')}
        {field('apiVersion', API_VERSION_LABEL, 'apiVersion')}
        {form.address.trim().startsWith('tcp://') && (
          <TlsFieldset
            form={form}
            errors={submitted ? errors : {}}
            onChange={(change) => {
              setForm((f) => ({ ...f, ...change }))
            }}
          />
        )}
        {form.address.trim().startsWith('ssh://') && (
          <SshFieldset
            form={form}
            errors={submitted ? errors : {}}
            onChange={(change) => {
              setForm((f) => ({ ...f, ...change }))
            }}
          />
        )}
        <FormActions
          error={create.error}
          submit="Add host"
          busy={create.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}
