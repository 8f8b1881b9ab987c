import { useQuery } from '@tanstack/react-query'
import { forms, Spinner, texts } from '../ui/index.ts'
import { channelsQuery } from './channels/index.ts'

/**
 * The channels a rule sends to, picked by name: the Channels tab shows no ids, so a field for
 * typed ids left an admin no way to connect a rule to a channel. An id the list does not know
 * (a deleted channel) stays listed, so saving the rule keeps it or unticking drops it.
 */
export function RuleChannels({
  value,
  onChange,
}: {
  value: readonly string[]
  onChange: (channelIds: string[]) => void
}) {
  const channels = useQuery(channelsQuery())
  const known = channels.data?.channels ?? []
  const options = [
    ...known.map((c) => ({ id: c.id, label: c.enabled ? c.name : `${c.name} (disabled)` })),
    ...value
      .filter((id) => !known.some((c) => c.id === id))
      .map((id) => ({ id, label: `unknown channel ${id}` })),
  ]
  const toggle = (id: string, on: boolean) => {
    onChange(on ? [...value, id] : value.filter((other) => other !== id))
  }
  return (
    <fieldset className={forms.plainFieldset}>
      <legend>Send to</legend>
      {channels.isPending && <Spinner />}
      {channels.isError && <small role="alert">Could not read the channels.</small>}
      {options.length === 0 && !channels.isPending && (
        <small className={texts.muted}>
          No channels yet (Alert channels tab): alerts of this rule show in the app only.
        </small>
      )}
      {options.map((option) => (
        <label key={option.id}>
          <input
            type="checkbox"
            checked={value.includes(option.id)}
            onChange={(e) => {
              toggle(option.id, e.target.checked)
            }}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  )
}
