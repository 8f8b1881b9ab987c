import type { Host } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type SubmitEvent, useState } from 'react'
import { hostKeys } from '../hosts/index.ts'
import { api, unwrap } from '../platform/api-client.ts'
import { Dialog, FormActions, useToast } from '../ui/index.ts'
import { type HostForm, hostFormOf, toHostUpdate } from './host-form.ts'

type TextKey = 'name' | 'address' | 'prefixes' | 'ca' | 'cert' | 'key'

/** Name, engine address, allowed bind paths and TLS of a registered host. */
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
  const field = (key: TextKey, label: string, errorKey: string, multiline = false) => (
    <HostField
      label={label}
      value={form[key]}
      error={errors[errorKey]}
      multiline={multiline}
      onChange={(value) => {
        setForm((f: HostForm) => ({ ...f, [key]: value }))
      }}
    />
  )
  return (
    <Dialog open title={`Edit host ${host.id}`} onClose={onClose}>
      <form className="form" onSubmit={handleSubmit} noValidate>
        {field('name', 'Name', 'name')}
        {field('address', 'Engine address', 'address')}
        {field('prefixes', 'Allowed bind paths (comma-separated)', 'allowedBindPrefixes')}
        {isTcp && (
          <fieldset className="form">
            <legend>TLS</legend>
            <label className="check">
              <input
                type="checkbox"
                checked={form.verify}
                onChange={(e) => {
                  setForm((f) => ({ ...f, verify: e.target.checked }))
                }}
              />
              Verify the engine’s certificate
            </label>
            <p className="muted">
              {host.tls?.hasClientCertificate
                ? 'A client certificate is stored.'
                : 'No client certificate is stored.'}{' '}
              Paste PEM text to replace a part; empty keeps what is stored.
            </p>
            {field('ca', 'CA certificate', 'tls.ca', true)}
            {field('cert', 'Client certificate', 'tls.cert', true)}
            {field('key', 'Client key', 'tls.key', true)}
          </fieldset>
        )}
        {submitted && errors.form !== undefined && (
          <small className="field-error">{errors.form}</small>
        )}
        <FormActions error={save.error} submit="Save" busy={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  )
}

function HostField({
  label,
  value,
  error,
  multiline,
  onChange,
}: {
  label: string
  value: string
  error: string | undefined
  multiline: boolean
  onChange: (value: string) => void
}) {
  const props = {
    value,
    'aria-invalid': error !== undefined,
    onChange: (e: { target: { value: string } }) => {
      onChange(e.target.value)
    },
  }
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? <textarea rows={3} {...props} /> : <input {...props} />}
      {error !== undefined && <small className="field-error">{error}</small>}
    </label>
  )
}
