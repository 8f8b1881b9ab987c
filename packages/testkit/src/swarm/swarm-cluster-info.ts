/** A swarm node's role. */
export type SwarmRole = 'manager' | 'worker'

/** One engine of the test swarm, as tests reach it. */
export interface SwarmNodeInfo {
  /** `m1` (initialised the swarm), `m2` (second manager) or `w1` (worker). */
  name: string
  role: SwarmRole
  /** The engine's host name, as `docker node ls` shows it: `hmc-<name>`. */
  hostname: string
  /** The swarm's id for this node. */
  nodeId: string
  /** Its address on the cluster's wire: advertised to the swarm, published ports answer here. */
  address: string
  /** Its network namespace: `nsenter --net=/var/run/netns/<netns>` to reach the others. */
  netns: string
  socketPath: string
  /** `unix://<socketPath>`: the docker CLI against this node's own engine. */
  dockerHost: string
}

/** The run's three-engine swarm, as the global setup hands it to test files. */
export interface SwarmClusterInfo {
  nodes: SwarmNodeInfo[]
  /** The node label key each node carries with its name as value (placement constraints). */
  nodeLabel: string
  /** The busybox image, present on every node. */
  fixtureImage: string
}

/** What the global setup writes once the cluster's start has settled. */
export type ClusterStatus = { ready: SwarmClusterInfo } | { failed: string }

declare module 'vitest' {
  export interface ProvidedContext {
    /** The file the swarm project's global setup writes a {@link ClusterStatus} into. */
    swarmClusterStatus: string
  }
}
