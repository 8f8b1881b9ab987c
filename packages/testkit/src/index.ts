export { removeAllTestObjects, removeLabelled } from './cleanup.ts'
export { docker, dockerCompose, type DockerCliOptions } from './docker-cli.ts'
export { CommandError, runCommand, type CommandOutput, type RunOptions } from './exec.ts'
export { makeCertificates, type EngineCertificates } from './certs.ts'
export { ensureFixtureImages, FIXTURE_IMAGE, FIXTURE_LABEL } from './fixture-images.ts'
export { testEngine, testPodman } from './inject.ts'
export { podman, startPodmanService, type TestPodmanInfo } from './podman-service.ts'
export { ensureNodeBaseImage, NODE_BASE_IMAGE } from './node-base-image.ts'
export { labelsFor, newRunId, TEST_LABEL, uniqueName } from './labels.ts'
export { pingSocket } from './ping.ts'
export { pruneWhenFree, responseSaysPruneRunning } from './prune-lock.ts'
export { startRegistry, type LocalRegistry, type RegistryLogin } from './registry.ts'
export {
  startPrivateEngine,
  STATE_ROOT,
  type PrivateEngine,
  type PrivateEngineOptions,
  type PrivateEngineTls,
} from './private-engine.ts'
export type { TestEngineInfo } from './test-engine-info.ts'
export { scaled, TEST_TIME_SCALE } from './test-time.ts'
export { swarmCluster } from './swarm/inject.ts'
export { plugIn } from './swarm/cluster-network.ts'
export { NODE_NAME_LABEL, startSwarmCluster, type SwarmCluster } from './swarm/swarm-cluster.ts'
export type { SwarmClusterInfo, SwarmNodeInfo, SwarmRole } from './swarm/swarm-cluster-info.ts'
export { startSshd, type SshClientKey, type SshdOptions, type TestSshd } from './sshd.ts'
