import { apiAtLeast } from '../api-version.ts'
import type { CallOptions, EngineClient } from '../engine-client.ts'
import type { HijackedStream } from '../streams/hijacked-stream.ts'
import {
  asBoolean,
  asNumber,
  asObject,
  asOptionalNumber,
  asString,
  asStringArray,
} from '../wire/wire-read.ts'

export interface ExecCreateSpec {
  cmd: string[]
  tty?: boolean | undefined
  stdin?: boolean | undefined
  env?: string[] | undefined
  user?: string | undefined
  workingDir?: string | undefined
  privileged?: boolean | undefined
  /** Initial terminal size; sent as ConsoleSize only to engines at API 1.42 or newer. */
  consoleSize?: { rows: number; cols: number } | undefined
}

export interface ExecDetails {
  id: string
  containerId: string
  running: boolean
  /** Absent until the process has exited. */
  exitCode?: number
  pid: number
  tty: boolean
  entrypoint: string
  arguments: string[]
  privileged: boolean
  user: string
}

const enc = encodeURIComponent

/** Processes started inside running containers (docs/engine.md#hijacked-connections). */
export class ExecApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /** @returns the exec instance's id; a stopped container is a 409 from the engine. */
  async create(
    containerId: string,
    spec: ExecCreateSpec,
    options: CallOptions = {},
  ): Promise<string> {
    const { apiVersion } = await this.#client.connect(options)
    const wire = asObject(
      await this.#client.json<unknown>(
        {
          method: 'POST',
          path: `/containers/${enc(containerId)}/exec`,
          json: {
            Cmd: spec.cmd,
            Tty: spec.tty ?? false,
            AttachStdin: spec.stdin ?? false,
            AttachStdout: true,
            AttachStderr: true,
            ...(spec.env ? { Env: spec.env } : {}),
            ...(spec.user ? { User: spec.user } : {}),
            ...(spec.workingDir && apiAtLeast(apiVersion, '1.35')
              ? { WorkingDir: spec.workingDir }
              : {}),
            ...(spec.privileged ? { Privileged: true } : {}),
            ...(spec.consoleSize && apiAtLeast(apiVersion, '1.42')
              ? { ConsoleSize: [spec.consoleSize.rows, spec.consoleSize.cols] }
              : {}),
          },
        },
        options,
      ),
    )
    return asString(wire.Id)
  }

  /**
   * Starts the exec over a hijacked connection. `tty` must match what the exec was created with:
   * it decides whether the output is raw or multiplexed. Destroying the socket hangs up.
   */
  async start(
    execId: string,
    options: CallOptions & { tty?: boolean } = {},
  ): Promise<HijackedStream> {
    const tty = options.tty ?? false
    const socket = await this.#client.hijack(
      { method: 'POST', path: `/exec/${enc(execId)}/start`, json: { Detach: false, Tty: tty } },
      options,
    )
    return { socket, tty }
  }

  async resize(execId: string, size: { rows: number; cols: number }, options: CallOptions = {}) {
    const query = { h: size.rows, w: size.cols }
    await this.#client.send({ method: 'POST', path: `/exec/${enc(execId)}/resize`, query }, options)
  }

  async inspect(execId: string, options: CallOptions = {}): Promise<ExecDetails> {
    const wire = asObject(
      await this.#client.json<unknown>(
        { method: 'GET', path: `/exec/${enc(execId)}/json` },
        options,
      ),
    )
    const processConfig = asObject(wire.ProcessConfig)
    const exitCode = wire.Running === true ? undefined : asOptionalNumber(wire.ExitCode)
    return {
      id: asString(wire.ID),
      containerId: asString(wire.ContainerID),
      running: asBoolean(wire.Running),
      ...(exitCode === undefined ? {} : { exitCode }),
      pid: asNumber(wire.Pid),
      tty: asBoolean(processConfig.tty),
      entrypoint: asString(processConfig.entrypoint),
      arguments: asStringArray(processConfig.arguments),
      privileged: asBoolean(processConfig.privileged),
      user: asString(processConfig.user),
    }
  }
}
