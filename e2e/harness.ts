// Helpers for the browser tests (e2e/**/*.e2e.ts, `npm run test:browser`): the built server as a
// real process on its own port and data folder, headless Chromium from the Debian package, the mails
// the server wrote, screenshots kept under artifacts/, and an axe-core accessibility check.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
export { freePort } from '../src/server/testing/free-port.js';
import { freePort } from '../src/server/testing/free-port.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const ARTIFACTS_DIR = path.join(ROOT, 'artifacts');
const SERVER_ENTRY = path.join(ROOT, 'dist/server/main.js');

// ---------------------------------------------------------------------------------------------
// The server

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  dataDir: string;
  /** Where the server writes outgoing mail as .eml files (no SMTP_URL is set). */
  mailDir: string;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then waits for the process to exit (SIGKILL after 25 s); resolves with its exit code. */
  stop(): Promise<number | null>;
}

export interface StartOptions {
  /** Extra environment for the server; wins over the defaults below. */
  env?: Record<string, string | undefined>;
  /** Reuse a data folder (e.g. to restart on the same data); it is then not removed on stop. */
  dataDir?: string;
  /** How long to wait for GET /healthz to answer 200. */
  startTimeoutMs?: number;
}

const running = new Set<ChildProcess>();
const tempDirs = new Set<string>();
// Whatever happens to the test process, no server is left behind holding a port.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});


/** The server's own settings inherited from the shell would point it at someone's real data or mail. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VF_') || ['DATABASE_URL', 'TEST_DATABASE_URL', 'SMTP_URL', 'PUBLIC_URL', 'MAIL_FROM', 'HOST', 'PORT', 'LOG_LEVEL'].includes(key)) {
      delete env[key];
    }
  }
  return env;
}

/**
 * Starts `node dist/server/main.js` (build first: `npm run test:browser` does) on a free port of
 * 127.0.0.1, with a fresh data folder, embedded PGlite and the demo data, and waits until it is healthy.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${path.relative(ROOT, SERVER_ENTRY)} is missing: run \`npm run build\` first`);
  if (!existsSync(path.join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build` first');

  const port = await freePort();
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'vf-e2e-')));
  if (ownsDataDir) {
    tempDirs.add(dataDir);
    // A copy of the run's migrated, demo-loaded data folder (e2e/global-setup.ts), when there is one.
    const template = dataTemplate();
    if (template) await cp(template, dataDir, { recursive: true });
  }
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...cleanEnvironment(),
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    VF_DATA_DIR: dataDir,
    VF_DEMO: '1',
    VF_MAIL_POLL_MS: '200',
    LOG_LEVEL: 'warn',
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const child = spawn(process.execPath, [SERVER_ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? -1 : null));
    });
  });
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  let stopping: Promise<number | null> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
        await exited;
        clearTimeout(timer);
      }
      await saveLog(port, output);
      if (ownsDataDir) {
        rmSync(dataDir, { recursive: true, force: true });
        tempDirs.delete(dataDir);
      }
      return exited;
    })());

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exitCode !== undefined) {
      await stop();
      throw new Error(`the server exited (code ${exitCode}) before it was healthy:\n${output}`);
    }
    const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not healthy within ${options.startTimeoutMs ?? 60_000} ms (last /healthz: ${status || 'no answer'}):\n${output}`);
    }
    await sleep(100);
  }

  return { url, dataDir, mailDir: path.join(dataDir, 'mail'), output: () => output, stop };
}

/** The run's template data folder (e2e/global-setup.ts); none outside a `test:browser` run. */
function dataTemplate(): string | null {
  try {
    const dir = inject('vfE2eDataTemplate');
    return dir && existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

/** Keeps the server's log beside the screenshots, for a failed CI run. */
async function saveLog(port: number, output: string): Promise<void> {
  if (!output) return;
  const dir = path.join(ARTIFACTS_DIR, 'logs');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `server-${port}.log`), output);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The browser

/** Debian's Chromium; never a downloaded browser. CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's package (\`apt-get install -y chromium\`) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** The demo accounts' password (src/server/demo/demo-accounts.ts). */
export const DEMO_PASSWORD = 'vienna-2008-demo';
export const UI_TIMEOUT = 15_000;

/**
 * Browser pages for one test file: each `open()` is a fresh context (its own cookies, as another
 * person on another computer) that records script errors and CSP violations; `closeAll()` in
 * afterEach/afterAll.
 */
export class PageSet {
  private readonly contexts: BrowserContext[] = [];
  private readonly problems = new Map<Page, string[]>();

  constructor(
    private readonly browser: () => Browser,
    private readonly server: () => RunningServer,
  ) {}

  async open(width = 1280, height = 800): Promise<Page> {
    const context = await this.browser().newContext({ baseURL: this.server().url, viewport: { width, height } });
    this.contexts.push(context);
    context.setDefaultTimeout(UI_TIMEOUT);
    const page = await context.newPage();
    const problems: string[] = [];
    this.problems.set(page, problems);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /content security policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
    });
    return page;
  }

  /** Fails the test if the page had a script error or a CSP violation. */
  expectNoProblems(page: Page): void {
    expect(this.problems.get(page) ?? [], 'script errors or CSP violations in the page').toEqual([]);
  }

  async closeAll(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close();
    this.problems.clear();
  }
}

/** Presses Tab until `target` has the focus; fails if it never does (it is not reachable by keyboard). */
export async function tabTo(page: Page, target: ReturnType<Page['locator']>, maxPresses = 25): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reached with ${maxPresses} presses of Tab: ${String(target)}`);
}

/** Whether the focused element shows a focus indicator (an outline or a box shadow). */
export async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  });
}

/**
 * The checks every page gets, soft so one run reports them all: a screenshot for people to look at,
 * axe (no serious or critical violations) and, at phone width, no sideways scrolling.
 */
export async function checkPage(page: Page, name: string, width: number): Promise<void> {
  await screenshot(page, `${name}-${width}`);
  const violations = await checkA11y(page);
  expect.soft(violations, `axe on the ${name} page at ${width}px:\n${describeViolations(violations)}`).toEqual([]);
  if (width <= 360) {
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect.soft(scrollWidth, `the ${name} page scrolls sideways at ${width}px`).toBeLessThanOrEqual(width);
  }
}

export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly pages: PageSet;
}

/**
 * One server and one browser for a test file, started before its tests and stopped after them;
 * pages opened with `suite.pages.open()` are closed after each test (or, with
 * `keepPagesBetweenTests`, at the end: for files whose tests are the steps of one story).
 */
export function browserSuite(options: StartOptions & { keepPagesBetweenTests?: boolean } = {}): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const pages = new PageSet(
    () => browser!,
    () => server!,
  );
  const { keepPagesBetweenTests, ...startOptions } = options;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(startOptions), launchBrowser()]);
  });
  if (!keepPagesBetweenTests) afterEach(() => pages.closeAll());
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
    pages,
  };
}

/** Signs in through the sign-in form (does not wait for the result). */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await submitSignIn(page, email, password);
  await page.getByText(/Access tier:/).waitFor();
}

// ---------------------------------------------------------------------------------------------
// Mail

export interface Mail {
  file: string;
  to: string;
  subject: string;
  /** The text body, decoded from quoted-printable. */
  text: string;
  raw: string;
}

/** The mails the server has written to `mailDir` so far, oldest first. */
export async function readMails(mailDir: string): Promise<Mail[]> {
  // The same reader the integration tests use; imported here only when needed, as it loads the app.
  const { parseEml } = await import('../src/server/testing/test-app.js');
  const files = (await readdir(mailDir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = await readFile(path.join(mailDir, file), 'utf8');
      return { file, ...parseEml(raw), raw };
    }),
  );
}

/** Waits for a mail that matches (the server's sender polls every 200 ms here). */
export async function waitForMail(mailDir: string, matches: (mail: Mail) => boolean, timeoutMs = 15_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await readMails(mailDir);
    const found = mails.find(matches);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no matching mail within ${timeoutMs} ms; mails so far:\n${mails.map((m) => `  to ${m.to}: ${m.subject}`).join('\n') || '  (none)'}`);
    }
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------------------------
// Screenshots and accessibility

/** Saves a full-page screenshot to artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS_DIR, 'screenshots');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** axe finds no serious or critical violation in the light and then the dark theme (left light). */
export async function expectAccessibleInBothThemes(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const violations = await checkA11y(page);
    expect(violations, `axe on ${what} (${colorScheme}):\n${describeViolations(violations)}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

export interface A11yViolation {
  id: string;
  impact: ImpactValue | null | undefined;
  help: string;
  helpUrl: string;
  /** CSS selectors and HTML of the offending elements. */
  nodes: { target: string; html: string }[];
}

let axeSource: string | null = null;

/**
 * Runs axe-core on the page and returns its serious and critical violations.
 * The server's Content-Security-Policy forbids inline scripts, so axe is not added as a <script>
 * element: it is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function checkA11y(page: Page, options: RunOptions = {}): Promise<A11yViolation[]> {
  axeSource ??= await readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(
    (runOptions) => (window as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResults> } }).axe.run(document, runOptions),
    { resultTypes: ['violations'], ...options } as RunOptions,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html })),
    }));
}

/** A readable list of violations, for an assertion message. */
export function describeViolations(violations: A11yViolation[]): string {
  return violations
    .map((v) => `${v.impact}: ${v.id} (${v.help}, ${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target}  ${n.html}`).join('\n')}`)
    .join('\n');
}

/**
 * Follows a link of the site header as a person would: on a phone the "Menu" button first, on a
 * wide screen the group (Exchange, Knowledge, Event) or the personal menu whose panel holds it.
 */
export async function followNav(page: Page, name: string): Promise<void> {
  const header = page.locator('header').first();
  const visible = header.getByRole('link', { name, exact: true });
  if (await visible.first().isVisible()) return visible.first().click();
  const menu = header.getByRole('button', { name: 'Menu', exact: true });
  if (await menu.isVisible()) {
    await menu.click();
    if (await visible.first().isVisible()) return visible.first().click();
  }
  const hidden = page.getByRole('link', { name, exact: true, includeHidden: true });
  await header.locator('.nav-group__menu').filter({ has: hidden }).locator(':scope > button').first().click();
  await visible.first().click();
}

/** Signs out through the personal menu (under the user's name), or the phone's "Menu". */
export async function signOutFromMenu(page: Page): Promise<void> {
  const header = page.locator('header').first();
  const button = header.getByRole('button', { name: 'Sign out', exact: true });
  if (!(await button.isVisible())) {
    const menu = header.getByRole('button', { name: 'Menu', exact: true });
    if (await menu.isVisible()) await menu.click();
    else await header.locator('.account__toggle').click();
  }
  await button.click();
}

/** An API call with the page's own session and CSRF token; fails the test on a status of 300 or more. */
export async function callApi<T>(page: Page, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, data?: unknown): Promise<T> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}
