import type { TestPodmanInfo } from './podman-service.ts'

/** The engine a whole test run shares, as handed to tests by the global setup. */
export interface TestEngineInfo {
  socketPath: string
  /** `unix://<socketPath>`. */
  dockerHost: string
  /** Absent when the run uses an engine given by HARBORMASTER_TEST_DOCKER_HOST. */
  tls?: { dockerHost: string; certPath: string }
  /** The busybox image, present on the engine. */
  fixtureImage: string
  /**
   * A registry the engine pushes to and pulls from (`127.0.0.1:<port>`, as the engine sees it):
   * Debian's docker-registry, shared by the run. Name repositories after the test (uniqueName).
   */
  registry?: string
  /** The private engine's network namespace (absent for an engine given from outside). */
  netns?: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    testEngine: TestEngineInfo
    /** The run's Podman API service (packages/testkit/src/podman-service.ts). */
    testPodman: TestPodmanInfo
  }
}
