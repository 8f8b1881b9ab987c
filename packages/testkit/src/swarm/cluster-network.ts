import { runCommand } from '../exec.ts'

/**
 * The cluster's wire: every node's namespace has a veth pair into one switch namespace, whose
 * bridge joins them on one /24. The switch is a namespace of its own, not the host's, so the
 * host's interfaces and routes are untouched and two clusters (two test runs at once) can use
 * the same addresses without meeting. Names start with `hmc` (the cluster kit's prefix).
 */
export const CLUSTER_SUBNET = '10.231.240.0/24'

const BRIDGE = 'hmc-br'
/** A node's end of its veth pair, inside the node's namespace. */
export const NODE_INTERFACE = 'hmc-eth'

/** The address of the node at `index` (0-based): .11, .12, ... */
export function nodeAddress(index: number): string {
  return `10.231.240.${11 + index}`
}

/** Creates the switch namespace and its bridge. Deleting the namespace deletes both. */
export async function createSwitch(switchNs: string): Promise<void> {
  await runCommand('ip', ['netns', 'add', switchNs])
  await runCommand('ip', ['-n', switchNs, 'link', 'set', 'lo', 'up'])
  await runCommand('ip', ['-n', switchNs, 'link', 'add', BRIDGE, 'type', 'bridge'])
  await runCommand('ip', ['-n', switchNs, 'link', 'set', BRIDGE, 'up'])
}

/**
 * Plugs the node's namespace into the switch: a veth pair `hmc-<port>` (on the bridge) and
 * {@link NODE_INTERFACE} (in the node's namespace), the latter addressed `address/24`.
 */
export async function plugIn(
  switchNs: string,
  nodeNs: string,
  port: string,
  address: string,
): Promise<void> {
  const switchEnd = `hmc-${port}`
  await runCommand('ip', [
    ...['-n', switchNs, 'link', 'add', switchEnd, 'type', 'veth'],
    ...['peer', 'name', NODE_INTERFACE, 'netns', nodeNs],
  ])
  await runCommand('ip', ['-n', switchNs, 'link', 'set', switchEnd, 'master', BRIDGE, 'up'])
  await runCommand('ip', ['-n', nodeNs, 'addr', 'add', `${address}/24`, 'dev', NODE_INTERFACE])
  await runCommand('ip', ['-n', nodeNs, 'link', 'set', NODE_INTERFACE, 'up'])
}
