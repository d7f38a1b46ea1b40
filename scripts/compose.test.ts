// compose.yaml, checked without running containers (the build machine has Docker's engine but not
// the Compose plugin, and no network to pull images): the file is exactly deploy/compose.ts's object
// written as YAML, and everything it names exists and fits together. Where `docker compose` is
// installed, `docker compose config` must accept it too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose, composeYaml } from '../deploy/compose.js';
import { nginxBinary } from './two-servers.js';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const services = compose.services as Record<string, { command?: string[]; environment?: Record<string, string>; volumes?: string[]; depends_on?: string[] | Record<string, { condition: string }> }>;
const appServices = Object.entries(services).filter(([, s]) => s.command?.[0] === 'node');

describe('compose.yaml', () => {
  it('is deploy/compose.ts written out (regenerate with `npx tsx deploy/compose.ts > compose.yaml`)', () => {
    expect(read('compose.yaml')).toBe(composeYaml());
  });

  it('runs npm scripts that exist and starts the entry the server build writes', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const builder = services.builder!.command!.join(' ');
    for (const [, name] of builder.matchAll(/npm run (\S+)/g)) expect(pkg.scripts[name!], `npm run ${name}`).toBeDefined();
    expect(builder).toContain('npm ci');
    expect(appServices.map(([name]) => name).sort()).toEqual(['app1', 'app2']);
    // `npm start` runs the same entry after building; tsconfig.server.json writes it under dist/.
    for (const [, s] of appServices) expect(pkg.scripts.start).toContain(`node ${s.command![1]}`);
    const serverConfig = JSON.parse(read('tsconfig.server.json')) as { compilerOptions: { outDir: string; rootDir?: string } };
    expect(path.normalize(serverConfig.compilerOptions.outDir)).toBe('dist');
    expect(existsSync(path.join(root, 'src/server/main.ts'))).toBe(true);
  });

  it('sets only environment variables the server reads, with a database URL that matches the db service', () => {
    const config = read('src/server/config.ts');
    for (const [, s] of appServices) {
      for (const name of Object.keys(s.environment!)) expect(config, `${name} is read in src/server/config.ts`).toMatch(new RegExp(`env\\.${name}\\b|'${name}'`));
      const url = new URL(s.environment!.DATABASE_URL!);
      const db = services[url.hostname]!;
      expect(db, `${url.hostname} is a service`).toBeDefined();
      expect(url.password).toBe(db.environment!.POSTGRES_PASSWORD);
      expect(url.pathname).toBe(`/${db.environment!.POSTGRES_DB}`);
      expect(url.port).toBe('5432');
      expect(s.environment!.VF_TRUST_PROXY).toBe('1');
    }
  });

  it('depends only on services that exist, and waits for the database and the build', () => {
    for (const [name, s] of Object.entries(services)) {
      const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
      for (const d of deps) expect(services[d], `${name} depends on ${d}`).toBeDefined();
    }
    for (const [, s] of appServices) expect(s.depends_on).toEqual({ db: { condition: 'service_healthy' }, builder: { condition: 'service_completed_successfully' } });
  });

  it("gives nginx a configuration nginx accepts, whose upstream servers are the app services at their port", () => {
    const mount = services.nginx!.volumes![0]!.split(':');
    const file = mount[0]!.replace(/^\.\//, '');
    const conf = read(file);
    const upstream = [...conf.matchAll(/^\s*server\s+([\w.-]+):(\d+);/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(upstream.sort()).toEqual(appServices.map(([name, s]) => `${name}:${s.environment!.PORT}`).sort());
    expect(conf).toMatch(/proxy_buffering off;/);
    expect(conf).toMatch(/X-Forwarded-Proto \$scheme/);
    const nginx = nginxBinary();
    if (!nginx) return console.warn('compose.test.ts: nginx is not installed; `nginx -t` not run');
    // `nginx -t` on the same file, inside a minimal main configuration, with the service names
    // (resolved by Docker's DNS in the containers) replaced by this machine's address.
    const prefix = mkdtempSync(path.join(tmpdir(), 'vf-compose-nginx-'));
    try {
      writeFileSync(path.join(prefix, 'forum.conf'), conf.replace(/server\s+app\d+:/g, 'server 127.0.0.1:').replace('listen 80;', 'listen 127.0.0.1:1;'));
      writeFileSync(path.join(prefix, 'nginx.conf'), `pid ${prefix}/nginx.pid;\nevents {}\nhttp {\n  access_log off;\n  include ${prefix}/forum.conf;\n}\n`);
      const result = spawnSync(nginx, ['-t', '-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  it('is accepted by `docker compose config` where the Compose plugin is installed', () => {
    const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (plugin.status !== 0) return console.warn('compose.test.ts: `docker compose` is not installed here; its own check not run');
    const result = spawnSync('docker', ['compose', '-f', path.join(root, 'compose.yaml'), 'config', '--quiet'], { encoding: 'utf8', cwd: root });
    expect(result.status, result.stderr).toBe(0);
  });
});
