import type { Host } from '@harbormaster/contract'
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
import { BIND_PREFIXES_LABEL, type HostForm, hostFormOf, toHostUpdate } from './host-form.ts'
import { SshFieldset } from './ssh-fields.tsx'

/** Name, engine address, allowed bind paths, secret environment keys and TLS of a host. */
export function EditHostDialog({ host, onClose }: { host: Host; onClose: () => void }) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const [form, setForm] = useState(() => hostFormOf(host))
  const [submitted, setSubmitted] = useState(false)
  const { input, errors } = toHostUpdate(form, host)
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.hosts[':hostId'].$patch({ param: { hostId: host.id }, json: input ?? {} })),
    onSuccess: (saved) => {
      toast({ tone: saved.reachable ? 'ok' : 'warn', title: `Host ${saved.name} saved` })
      onClose()
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: hostKeys.all }),
  })
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    setSubmitted(true)
    if (input) save.mutate()
  }
  const isTcp = form.address.trim().startsWith('tcp://')
  const field = (key: HostTextKey, label: string, errorKey: string, multiline = false) => (
    <TextField
      label={label}
      multiline={multiline}
      value={form[key]}
      error={errors[errorKey]}
      onChange={(value) => {
        setForm((f: HostForm) => ({ ...f, [key]: value }))
      }}
    />
  )
  return (
    <Dialog open title={`Edit host ${host.id}`} onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        {field('name', 'Name', 'name')}
        {field('address', 'Engine address', 'address')}
        {field('prefixes', BIND_PREFIXES_LABEL, 'allowedBindPrefixes', true)}
        {field('secretPatterns', SECRET_PATTERNS_LABEL, 'secretEnvPatterns')}
        {field('apiVersion', API_VERSION_LABEL, 'apiVersion')}
        {isTcp && (
          <TlsFieldset
            form={form}
            errors={errors}
            stored={`${
              host.tls?.hasClientCertificate
                ? 'A client certificate is stored.'
                : 'No client certificate is stored.'
            } Paste PEM text to replace a part; empty keeps what is stored.`}
            onChange={(change) => {
              setForm((f) => ({ ...f, ...change }))
            }}
          />
        )}
        {form.address.trim().startsWith('ssh://') && (
          <SshFieldset
            form={form}
            errors={errors}
            stored={sshStoredText(host)}
            onChange={(change) => {
              setForm((f) => ({ ...f, ...change }))
            }}
          />
        )}
        {submitted && errors.form !== undefined && (
          <small className={forms.fieldError}>{errors.form}</small>
        )}
        <FormActions error={save.error} submit="Save" busy={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  )
}

/** What the server keeps of an ssh:// host's secrets, said without them. */
function sshStoredText(host: Host): string {
  const key = host.ssh?.hasPrivateKey ? 'A private key is stored' : 'No private key is stored'
  const passphrase = host.ssh?.hasPassphrase ? ', with a passphrase' : ''
  return `${key}${passphrase}. Paste a key to replace it; empty keeps what is stored.`
}
