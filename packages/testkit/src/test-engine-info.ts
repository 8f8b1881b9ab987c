/** The engine a whole test run shares, as handed to tests by the global setup. */
export interface TestEngineInfo {
  socketPath: string
  /** `unix://<socketPath>`. */
  dockerHost: string
  /** Absent when the run uses an engine given by HARBORMASTER_TEST_DOCKER_HOST. */
  tls?: { dockerHost: string; certPath: string }
  /** The busybox image, present on the engine. */
  fixtureImage: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    testEngine: TestEngineInfo
  }
}
