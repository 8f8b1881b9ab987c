import type { AlertChannel } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type SubmitEvent, useState } from 'react'
import { api, unwrap } from '../../platform/api-client.ts'
import { Dialog, FormActions, forms, TextField, useToast } from '../../ui/index.ts'
import { ChannelTypeFields, QuietHoursFields, TypeSelect } from './channel-fields.tsx'
import {
  type ChannelForm,
  channelFormOf,
  emptyChannelForm,
  toChannelCreate,
  toChannelUpdate,
} from './channel-form.ts'
import { channelKeys } from './channel-keys.ts'

/** Adds a channel, or edits one (`channel` given): its type is fixed once created. */
export function ChannelDialog({
  channel,
  onClose,
}: {
  channel?: AlertChannel | undefined
  onClose: () => void
}) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const [form, setForm] = useState<ChannelForm>(() =>
    channel ? channelFormOf(channel) : emptyChannelForm(),
  )
  const [submitted, setSubmitted] = useState(false)
  const built = channel ? toChannelUpdate(form) : toChannelCreate(form)
  const errors = submitted ? built.errors : {}
  const save = useMutation({
    mutationFn: () => {
      if (channel) {
        const json = toChannelUpdate(form).input ?? {}
        return unwrap(api.alerts.channels[':id'].$patch({ param: { id: channel.id }, json }))
      }
      const json = toChannelCreate(form).input
      if (!json) throw new Error('The form has problems')
      return unwrap(api.alerts.channels.$post({ json }))
    },
    onSuccess: (saved) => {
      toast({ tone: 'ok', title: `Channel ${saved.channel.name} saved` })
      onClose()
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  })
  const change = (part: Partial<ChannelForm>) => {
    setForm((f) => ({ ...f, ...part }))
  }
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    setSubmitted(true)
    if (built.input) save.mutate()
  }
  return (
    <Dialog
      open
      wide
      title={channel ? `Edit channel ${channel.name}` : 'Add an alert channel'}
      onClose={onClose}
    >
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <TextField
          label="Name"
          value={form.name}
          error={errors.name}
          onChange={(name) => {
            change({ name })
          }}
        />
        {!channel && <TypeSelect form={form} onChange={change} />}
        <ChannelTypeFields form={form} errors={errors} stored={channel?.config} onChange={change} />
        <QuietHoursFields form={form} errors={errors} onChange={change} />
        <label>
          <input
            type="checkbox"
            checked={form.enabled}
            onChange={(e) => {
              change({ enabled: e.target.checked })
            }}
          />{' '}
          Enabled
        </label>
        <FormActions
          error={save.error}
          submit={channel ? 'Save' : 'Add channel'}
          busy={save.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}
