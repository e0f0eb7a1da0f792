/**
 * The web app's speed (issue 3): how much gzipped JavaScript the sign-in + dashboard path
 * loads, and how long the dashboard takes to show its figures after navigation, measured in
 * Debian's Chromium against the real server.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { webBuildIsStale } from '../src/server/web-build';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The dashboard's figures (src/web/features/dashboard): the headline stats and the counts by status. */
const FIGURE_SELECTORS = [
  '[data-testid="summary-stats"]',
  '[data-testid="status-counts"] [data-status-count]',
];

/** One script fetched on the path; `lazy` when it arrived after the figures showed. */
export interface Script {
  url: string;
  rawBytes: number;
  gzipBytes: number;
  lazy: boolean;
}

export interface WebResult {
  /** Gzipped bytes of every script fetched from opening the app to the dashboard's figures. */
  jsGzipBytes: number;
  jsRawBytes: number;
  scripts: Script[];
  /** Of jsGzipBytes, what was fetched before the figures showed (the rest loaded lazily after). */
  jsGzipBytesBeforeFigures: number;
  /** Navigation → figures, each run in a fresh browser context (empty cache, signed in). */
  coldMs: number[];
  /** The same with scripts already in the browser cache. */
  warmMs: number[];
  /** How "showing its figures" was recognised. */
  probe: string;
  /** Status counts shown on the dashboard that differ from the summary API (empty: all equal). */
  mismatches: string[];
}

/** Runs `vite build` when dist/web is missing or older than its sources (the server serves dist/web). */
export function buildWebIfStale(log: (m: string) => void): void {
  if (!webBuildIsStale(ROOT)) return;
  log('building the web app (dist/web is missing or older than its sources)…');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${r.stdout}\n${r.stderr}`.trim());
}

/** Waits up to `seconds` for Chromium (it may still be installing); false when absent. */
export async function waitForChromium(seconds: number, log: (m: string) => void): Promise<boolean> {
  if (existsSync(CHROMIUM)) return true;
  log(`waiting for ${CHROMIUM} (up to ${seconds} s)…`);
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 2000));
    if (existsSync(CHROMIUM)) return true;
  }
  return false;
}

/**
 * Resolves with performance.now() (ms since the navigation started) at the moment the
 * dashboard shows its figures: its headline stats and status counts rendered with numbers,
 * or, should those test ids go, at least two of the summary's status counts appearing as
 * numbers on the page.
 */
async function figuresShownAt(
  page: Page,
  counts: number[],
  timeoutMs: number,
): Promise<{ at: number; how: string }> {
  const handle = await page.waitForFunction(
    ({ selectors, counts }) => {
      const shown = selectors.every((sel) => /\d/.test(document.querySelector(sel)?.textContent ?? ''));
      if (shown) return { at: performance.now(), how: selectors.join(' + ') };
      const main = document.querySelector('main') ?? document.body;
      // biome-ignore lint/performance/useDomNodeTextContent: rendered text keeps table cells apart, as the user reads them
      const text = (main as HTMLElement).innerText ?? '';
      const numbers = new Set(
        (text.match(/\d[\d \u00a0\u202f]*\d|\d/g) ?? []).map((s) => s.replace(/\D/g, '')),
      );
      const seen = counts.filter((c) => numbers.has(String(c)));
      return seen.length >= Math.min(2, counts.length)
        ? { at: performance.now(), how: 'status counts in the text' }
        : null;
    },
    { selectors: FIGURE_SELECTORS, counts },
    { timeout: timeoutMs, polling: 'raf' },
  );
  return (await handle.jsonValue()) as { at: number; how: string };
}

async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/sign-in/, { timeout: 60_000 });
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 60_000 });
}

/**
 * Measures the web app served at `baseUrl`. `counts` are the roadmap's non-zero status
 * counts from the summary API, which the dashboard must show.
 */
export async function measureWeb(opts: {
  baseUrl: string;
  email: string;
  password: string;
  byStatus: Record<string, number>;
  runs: number;
}): Promise<WebResult> {
  const counts = [...new Set(Object.values(opts.byStatus).filter((n) => n > 0))];
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    // 1. A first visit: sign-in page, sign in, dashboard; every script counted once.
    const first: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await first.newPage();
    const scripts = new Map<string, Script>();
    let figuresShown = false;
    const pending: Promise<void>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script' || scripts.has(res.url())) return;
      const lazy = figuresShown;
      pending.push(
        res
          .body()
          .then((b) => {
            scripts.set(res.url(), {
              url: new URL(res.url()).pathname,
              rawBytes: b.length,
              gzipBytes: gzipSync(b).length,
              lazy,
            });
          })
          .catch(() => {}),
      );
    });
    await signIn(page, opts.baseUrl, opts.email, opts.password);
    const { how } = await figuresShownAt(page, counts, 60_000);
    figuresShown = true;
    const shown = await page
      .locator('[data-status-count]')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-status-count'), e.textContent?.replace(/\D/g, '')]),
      );
    const mismatches = shown
      .filter(([status, n]) => status && String(opts.byStatus[status]) !== n)
      .map(([status, n]) => `${status}: page ${n}, API ${opts.byStatus[status ?? '']}`);
    // Scripts the dashboard loads lazily right after its first paint belong to the path too.
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const state = await first.storageState();

    // 2. Signed-in navigations to the dashboard: cold (fresh context) and warm (same context again).
    const coldMs: number[] = [];
    const warmMs: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState: state });
      const p = await ctx.newPage();
      await p.goto(`${opts.baseUrl}/`, { waitUntil: 'commit' });
      coldMs.push((await figuresShownAt(p, counts, 60_000)).at);
      await p.goto(`${opts.baseUrl}/`, { waitUntil: 'commit' });
      warmMs.push((await figuresShownAt(p, counts, 60_000)).at);
      await ctx.close();
    }
    await first.close();
    const list = [...scripts.values()].sort((a, b) => b.gzipBytes - a.gzipBytes);
    return {
      jsGzipBytes: list.reduce((s, x) => s + x.gzipBytes, 0),
      jsRawBytes: list.reduce((s, x) => s + x.rawBytes, 0),
      jsGzipBytesBeforeFigures: list.filter((x) => !x.lazy).reduce((s, x) => s + x.gzipBytes, 0),
      scripts: list,
      coldMs,
      warmMs,
      probe: how,
      mismatches,
    };
  } finally {
    await browser.close();
  }
}
