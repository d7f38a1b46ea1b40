// compose.yaml as data: the file is written from this object (`npx tsx deploy/compose.ts > compose.yaml`)
// and scripts/compose.test.ts checks that the two agree and that what it names exists: npm scripts,
// the built server's entry, the nginx configuration (checked by `nginx -t`), the environment
// variables the server reads, the database's name and password, and the services it depends on.
// `docker compose config` is run by that test only where the Compose plugin is installed.

const app = {
  image: 'node:20-bookworm',
  working_dir: '/app',
  volumes: ['.:/app'],
  command: ['node', 'dist/server/main.js'],
  environment: {
    DATABASE_URL: 'postgres://postgres:forum@db:5432/forum',
    HOST: '0.0.0.0',
    PORT: '3000',
    VF_TRUST_PROXY: '1',
    // Where people reach the Forum: nginx's published port here; your https address behind TLS.
    PUBLIC_URL: 'http://localhost:8080',
    // One folder for both servers (mail outbox files, the document library), on the bind mount.
    VF_DATA_DIR: '/app/data',
  },
  depends_on: {
    db: { condition: 'service_healthy' },
    // Built once, before either server starts (two servers building into one folder would collide).
    builder: { condition: 'service_completed_successfully' },
  },
  restart: 'unless-stopped',
};

export const compose = {
  services: {
    db: {
      image: 'postgres:15',
      environment: { POSTGRES_PASSWORD: 'forum', POSTGRES_DB: 'forum' },
      volumes: ['dbdata:/var/lib/postgresql/data'],
      healthcheck: { test: ['CMD', 'pg_isready', '-U', 'postgres', '-d', 'forum'], interval: '2s', timeout: '5s', retries: 30 },
    },
    builder: {
      image: 'node:20-bookworm',
      working_dir: '/app',
      volumes: ['.:/app'],
      command: ['sh', '-c', 'npm ci && npm run build'],
    },
    // Both start at once: the migrator takes a lock in the database, so each migration runs once.
    app1: app,
    app2: app,
    nginx: {
      image: 'nginx:1.22',
      ports: ['8080:80'],
      volumes: ['./deploy/nginx.compose.conf:/etc/nginx/conf.d/default.conf:ro'],
      depends_on: ['app1', 'app2'],
    },
  },
  volumes: { dbdata: {} },
};

const HEADER = `# Two Virtual Forum app servers behind nginx over one PostgreSQL, for Docker users (\`docker compose up\`,
# then http://localhost:8080). Written from deploy/compose.ts (\`npx tsx deploy/compose.ts > compose.yaml\`);
# scripts/compose.test.ts checks it. Without Docker: \`DATABASE_URL=postgres://... npm run two-servers\`
# (scripts/two-servers.ts) does the same with Debian's nginx, tested by scripts/two-servers.test.ts.
`;

/** YAML for plain data: block maps, flow lists, every string double-quoted (JSON strings are YAML). */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return '{}';
    return entries
      .map(([k, v]) => {
        const nested = v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0;
        return nested ? `\n${indent}${k}:${toYaml(v, `${indent}  `)}` : `\n${indent}${k}: ${toYaml(v, `${indent}  `)}`;
      })
      .join('');
  }
  return JSON.stringify(value);
}

export const composeYaml = (): string => `${HEADER}${toYaml(compose).slice(1)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(composeYaml());
