/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core): a live zig-to-rust run of the
 * minihttp fixture against the fake Anthropic server, with `--dashboard`; the file grid advances to approved;
 * then `migrate dashboard --last` (another process) on the finished run: store.zig's review finding sits on
 * the line it is about, the cost chart is drawn; a screenshot lands in test-output/dashboard.png.
 * The page loads only what the dashboard serves on 127.0.0.1 (requests elsewhere fail the test).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeAnthropicServer } from '../../src/testing/index.js';
import { spawnCli, waitFor } from '../helpers/cli.js';
import { FIXTURES, fixtureServer } from '../helpers/zig-to-rust.js';

const CHROMIUM = '/usr/bin/chromium';
// Skipped only where Chromium is missing and this is not CI; in CI (.ci/run installs it) a missing browser fails.
const skip = !existsSync(CHROMIUM) && !process.env['CI'];
if (skip) console.warn(`test/dashboard/browser.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does it in CI).`);

const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'dashboard-browser-'));
const state = join(work, 'state');
let server: FakeAnthropicServer;
let browser: Browser;

beforeAll(async () => {
  if (skip) return;
  // Each answer takes 250 ms, so agents are seen live and files move through their stages visibly.
  server = await fixtureServer('minihttp', 250);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A page that may load only from `origin`: anything else (a CDN, the network) fails the test. */
async function openPage(origin: string): Promise<{ page: Page; foreign: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const foreign: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, foreign, errors };
}

describe.skipIf(skip)('dashboard in Chromium', () => {
  it('follows a live run to approved; another process serves it too, to the end: the finding on its line, the cost chart', { timeout: 90_000 }, async () => {
    const out = join(work, 'out');
    const run = spawnCli(
      ['zig-to-rust', join(FIXTURES, 'minihttp/src'), '--out', out, '--target-dir', join(work, 'target'), '--slice', 'store.zig', '--yes', '--dashboard', '--state-dir', state],
      { cwd: work, env: server.env() },
    );
    const url = await waitFor(() => /dashboard: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(run.stderr())?.[1], 30_000, 'the dashboard URL on stderr');
    // A second dashboard, in another process, following the same run through its files (`--last`: the only run).
    const other = spawnCli(['dashboard', '--last', '--state-dir', state], { cwd: work });
    try {
      const live = await openPage(new URL(url).origin);
      await live.page.goto(url);
      // Record what the page shows as it changes: store.zig's stages, and the live agents.
      // (These functions run in the page: its globals are reached through globalThis, this file has no DOM types.)
      await live.page.evaluate(() => {
        const page = globalThis as any;
        const seen = (page.__seen = { stages: [] as string[], agents: [] as string[] });
        const look = (): void => {
          const stage = page.document.querySelector('.file[data-path="store.zig"]')?.getAttribute('data-stage');
          if (stage && seen.stages.at(-1) !== stage) seen.stages.push(stage);
          for (const row of page.document.querySelectorAll('#agents tbody tr')) seen.agents.push(row.textContent ?? '');
        };
        new page.MutationObserver(look).observe(page.document.body, { subtree: true, childList: true, attributes: true });
        look();
      });
      await live.page.waitForSelector('.file[data-path="store.zig"][data-stage="approved"]', { timeout: 60_000 });
      const seen = (await live.page.evaluate(() => (globalThis as any).__seen)) as { stages: string[]; agents: string[] };
      expect(seen.stages.at(-1)).toBe('approved');
      // It advanced through the pipeline on the page, the reviewer's revision included.
      expect(seen.stages.length).toBeGreaterThanOrEqual(3);
      expect(seen.stages).toContain('revise');
      expect(seen.agents.some((a) => a.includes('claude-sonnet-5-5'))).toBe(true);

      // The other process's page, while the fix loop runs and after: store.zig's detail.
      const otherUrl = await waitFor(() => /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)$/m.exec(other.stdout())?.[1], 30_000, 'the dashboard URL on stdout');
      const second = await openPage(new URL(otherUrl).origin);
      const page = second.page;
      await page.goto(otherUrl);
      await page.waitForSelector('.file[data-path="store.zig"][data-stage="approved"]');
      await page.click('.file[data-path="store.zig"]');
      // Version 1 is what the reviewers read in round 1; the behaviour reviewer's finding is about its line 29.
      await page.click('#detail-versions button[data-version="0"]');
      const line29 = page.locator('#output-code tr[data-line="29"]');
      await expect.poll(() => line29.textContent()).toContain('if key.len() >= MAX_KEY_LEN {');
      expect(await page.locator('#output-code tr[data-line="29"] + tr.finding').textContent()).toContain('Off-by-one in the key length check');
      expect(await page.locator('#output-code tr.finding').count()).toBe(1);
      // The Zig beside it, line-numbered; the revision's diff under version 2, whose review found nothing.
      expect(await page.locator('#source-code tr[data-line="30"]').textContent()).toContain('if (key.len > max_key_len) return error.KeyTooLong;');
      await page.click('#detail-versions button[data-version="1"]');
      await expect.poll(() => page.locator('#detail-diff').textContent()).toContain('+        if key.len() > MAX_KEY_LEN {');
      expect(await page.locator('#output-code tr.finding').count()).toBe(0);

      const result = await run.done;
      expect(result.code, result.stderr).toBe(0);
      // Both pages end with the run: the command's own dashboard pushed the last state before it stopped.
      for (const p of [live.page, page]) await p.waitForFunction(() => (globalThis as any).document.getElementById('run-status')?.textContent?.startsWith('completed'), undefined, { timeout: 10_000 });

      // Phases with their progress and cost; the tile's reviewer verdicts and TODO count.
      expect(await page.locator('#phases tr[data-phase="port"]').textContent()).toMatch(/port ✓\s*6\/6\s*0\s*\$0\.\d{4}/);
      expect(await page.locator('.file[data-path="store.zig"] .meta').textContent()).toBe('✓ behaviour ✓ ownership TODO 0');
      // The cost chart: a line with a point per paid answer; the budget noted; tokens drawn too.
      const points = (await page.locator('#cost-chart polyline.cost-line').getAttribute('points'))!.trim().split(/\s+/);
      expect(points.length).toBeGreaterThan(5);
      expect(await page.locator('#cost-chart').textContent()).toContain('budget $25.00');
      expect(await page.locator('#tokens-chart polyline[data-series="cacheRead"]').count()).toBe(1);
      // Back to the version with the finding for the screenshot.
      await page.click('#detail-versions button[data-version="0"]');
      await page.locator('#output-code tr.finding').waitFor();
      mkdirSync(OUTPUT, { recursive: true });
      const shot = join(OUTPUT, 'dashboard.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      console.log(`dashboard screenshot: ${shot}`);
      for (const opened of [live, second]) {
        expect(opened.foreign).toEqual([]);
        expect(opened.errors).toEqual([]);
      }
    } finally {
      run.child.kill('SIGTERM');
      other.child.kill('SIGTERM');
      expect((await other.done).code).toBe(0);
    }
  });
});
