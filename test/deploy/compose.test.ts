// docker-compose.yml serves both doors: `serve` gets --listen and --grpc-listen on all interfaces in
// the container, and both ports are published (on the host's loopback), the ports the Dockerfile
// exposes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8')) as {
  services: { netreach: { command: string[]; ports: string[] } };
};
const service = compose.services.netreach;
const flag = (name: string) => service.command[service.command.indexOf(name) + 1];

test('docker-compose passes --listen and --grpc-listen and publishes both ports', () => {
  assert.equal(flag('--listen'), '0.0.0.0:8080');
  assert.equal(flag('--grpc-listen'), '0.0.0.0:9090');
  assert.deepEqual(service.ports, ['127.0.0.1:8080:8080', '127.0.0.1:9090:9090']);
  const exposed = /^EXPOSE (.+)$/m.exec(readFileSync(new URL('Dockerfile', root), 'utf8'))?.[1].split(/\s+/);
  assert.deepEqual(exposed, ['8080', '9090']);
});
