import type { StackTarget } from '@harbormaster/contract'
import { useState } from 'react'
import { useIsSwarmManager } from '../swarm/queries.ts'
import { forms, texts } from '../ui/index.ts'

const CHOICES: readonly { target: StackTarget; label: string; note: string }[] = [
  {
    target: 'swarm',
    label: 'Swarm stack',
    note: 'Services across the swarm, as docker stack deploy makes them (deploy: keys honoured).',
  },
  {
    target: 'compose',
    label: 'Compose project',
    note: 'Containers on this engine only, as docker compose up makes them.',
  },
]

/** On a swarm manager, how a new stack deploys: a swarm stack (the default) or compose. */
export function StackTargetChoice({
  value,
  onChange,
}: {
  value: StackTarget
  onChange: (target: StackTarget) => void
}) {
  return (
    <fieldset className={forms.field}>
      <legend>Deploy as</legend>
      {CHOICES.map((choice) => (
        <label key={choice.target}>
          <input
            type="radio"
            name="stack-target"
            value={choice.target}
            checked={value === choice.target}
            onChange={() => {
              onChange(choice.target)
            }}
          />{' '}
          {choice.label} <small className={texts.muted}>{choice.note}</small>
        </label>
      ))}
    </fieldset>
  )
}

/**
 * A new stack's target: on a swarm manager a swarm stack unless the user chooses compose;
 * elsewhere none (the server's default, compose).
 */
export function useNewStackTarget(hostId: string) {
  const manager = useIsSwarmManager(hostId)
  const [chosen, setChosen] = useState<StackTarget>('swarm')
  return { manager, chosen, setChosen, target: manager ? chosen : undefined }
}
