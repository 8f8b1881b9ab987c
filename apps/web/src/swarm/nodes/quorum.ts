/** How many managers may be lost while the rest still make a majority (Raft quorum). */
export const faultsTolerated = (managers: number): number =>
  managers < 1 ? 0 : Math.floor((managers - 1) / 2)

/**
 * What promoting or demoting a node does to the swarm's quorum, in words: a majority of the
 * managers must be reachable for the swarm to accept any change.
 */
export function quorumNote(managers: number, change: 'promote' | 'demote'): string {
  const after = change === 'promote' ? managers + 1 : managers - 1
  const base =
    `The managers keep the swarm’s state together: a majority of them (a quorum) must be ` +
    `reachable, or no service, node or secret can be changed. With ${managers} manager` +
    `${managers === 1 ? '' : 's'} the swarm survives losing ${faultsTolerated(managers)}; ` +
    `with ${after} it survives losing ${faultsTolerated(after)}.`
  if (after === 0) return `${base} The last manager cannot be demoted.`
  if (after % 2 === 0)
    return `${base} An even number of managers tolerates no more losses than one fewer.`
  return base
}
