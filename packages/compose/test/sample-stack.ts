import { yaml } from './support.ts'

/** A stack that uses most of what stacks support: the seed of the fuzz tests' mutations. */
export const SAMPLE_STACK = yaml`
  name: fuzz
  x-common: &common
    restart: unless-stopped
    logging: {driver: json-file, options: {max-size: 10m}}
  services:
    web:
      <<: *common
      image: "nginx:\${TAG:-1.27}"
      command: nginx -g 'daemon off;'
      ports: ["8080:80", "127.0.0.1:8443:443/tcp", {target: 9000, published: "9000-9010"}]
      volumes: ["./site:/usr/share/nginx/html:ro", "data:/data", {type: tmpfs, target: /tmp, tmpfs: {size: 64m}}]
      environment: [A=1, "B=\${B:-two}", C]
      env_file: [app.env, {path: missing.env, required: false}]
      depends_on: {api: {condition: service_healthy, restart: true}}
      networks: {front: {aliases: [www]}, back: null}
      healthcheck: {test: curl -f http://localhost, interval: 1m30s, retries: 3}
      deploy: {replicas: 2, resources: {limits: {cpus: "0.5", memory: 512m}}}
      ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 512}
      cap_add: [NET_BIND_SERVICE]
      secrets: [token]
    api:
      extends: base
      image: api
      sysctls: [net.core.somaxconn=1024]
      labels: {team: api}
    base:
      image: base
      user: "1000"
      stop_grace_period: 10s
  networks:
    front:
    back: {driver: bridge, ipam: {config: [{subnet: 172.30.0.0/16}]}}
  volumes:
    data: {}
  secrets:
    token: {file: ./token}
`
