import { describe, expect, it } from 'vitest'
import { loadErrors, loadProject, yaml } from '../../test/support.ts'
import { parsePortSpec } from './ports.ts'

const port = (target: number, published?: [number, number], extra: object = {}) => ({
  target,
  protocol: 'tcp',
  mode: 'ingress',
  ...(published ? { published: { start: published[0], end: published[1] } } : {}),
  ...extra,
})

describe("ports, short syntax (the Compose Specification's examples)", () => {
  it.each([
    ['3000', [port(3000)]],
    ['3000-3002', [port(3000), port(3001), port(3002)]],
    ['8000:8000', [port(8000, [8000, 8000])]],
    ['9090-9091:8080-8081', [port(8080, [9090, 9090]), port(8081, [9091, 9091])]],
    ['49100:22', [port(22, [49100, 49100])]],
    ['8000-9000:80', [port(80, [8000, 9000])]],
    ['127.0.0.1:8001:8001', [port(8001, [8001, 8001], { hostIp: '127.0.0.1' })]],
    [
      '127.0.0.1:5000-5001:5000-5001',
      [
        port(5000, [5000, 5000], { hostIp: '127.0.0.1' }),
        port(5001, [5001, 5001], { hostIp: '127.0.0.1' }),
      ],
    ],
    ['::1:6000:6000', [port(6000, [6000, 6000], { hostIp: '::1' })]],
    ['[::1]:6001:6001', [port(6001, [6001, 6001], { hostIp: '::1' })]],
    ['6060:6060/udp', [port(6060, [6060, 6060], { protocol: 'udp' })]],
    ['5353/UDP', [port(5353, undefined, { protocol: 'udp' })]],
    ['127.0.0.1::80', [port(80, undefined, { hostIp: '127.0.0.1' })]],
  ])('%s', (spec, ports) => {
    expect(parsePortSpec(spec)).toEqual(ports)
  })

  it.each([
    ['', /no container port/],
    ['http', /invalid container port/],
    ['70000', /invalid container port/],
    ['90-80', /invalid container port/],
    ['8000-8002:80-81', /differ in size/],
    ['80/icmp', /unknown protocol/],
    ['999.0.0.1:80:80', /invalid IP address/],
    ['x:80', /invalid host port/],
  ])('%j is refused (%s)', (spec, message) => {
    expect(parsePortSpec(spec)).toEqual(
      expect.objectContaining({ message: expect.stringMatching(message) }),
    )
  })
})

describe('ports in a file', () => {
  it('reads numbers, strings and the long syntax into one form', () => {
    const project = loadProject(yaml`
      services:
        web:
          image: nginx
          ports:
            - 80
            - "8443:443"
            - target: 53
              published: "5300-5310"
              host_ip: 127.0.0.1
              protocol: udp
              mode: host
              name: dns
              app_protocol: dns
            - target: "9000"
              published: 9000
    `)
    expect(project.services.web?.ports).toEqual([
      port(80),
      port(443, [8443, 8443]),
      port(53, [5300, 5310], {
        hostIp: '127.0.0.1',
        protocol: 'udp',
        mode: 'host',
        name: 'dns',
        appProtocol: 'dns',
      }),
      port(9000, [9000, 9000]),
    ])
  })

  it('refuses a bad port at its line', () => {
    const errors = loadErrors(yaml`
      services:
        web:
          image: nginx
          ports:
            - "80:80"
            - "80:http"
            - target: 80
              host_ip: localhost
    `)
    expect(errors).toEqual([
      expect.objectContaining({
        line: 6,
        column: 9,
        path: ['services', 'web', 'ports', 1],
        message: expect.stringMatching(/invalid container port/),
      }),
      expect.objectContaining({
        line: 8,
        path: ['services', 'web', 'ports', 2, 'host_ip'],
        message: expect.stringMatching(/invalid IP address/),
      }),
    ])
  })

  it("keeps one port per host binding when two declare the same (compose's unicity)", () => {
    const project = loadProject(yaml`
      services:
        web:
          image: nginx
          ports: ["8080:80", "8080:80", "8081:80"]
          expose: ["3000", 4000, "5000-5001/udp"]
    `)
    expect(project.services.web?.ports).toEqual([port(80, [8080, 8080]), port(80, [8081, 8081])])
    expect(project.services.web?.expose).toEqual([
      { start: 3000, end: 3000, protocol: 'tcp' },
      { start: 4000, end: 4000, protocol: 'tcp' },
      { start: 5000, end: 5001, protocol: 'udp' },
    ])
  })
})
