// Browser end-to-end test of the site kbgen renders from the sample KB (kb/).
//
//   KBGEN=/path/to/kbgen node --test site.test.mjs      (or: node site.test.mjs /path/to/kbgen)
//
// Builds kb/ into a temporary folder, serves it from http://127.0.0.1:PORT/kb/ (a sub-path, so
// every link has to be relative), drives Debian's chromium through playwright-core, and opens the
// same output again through file://. Fails on any console error, page error, HTTP error, request
// that leaves 127.0.0.1 / file://, or request the server sees outside the /kb/ sub-path.
// Skipped (with the reason printed) only when the chromium executable is missing.
//
// KBGEN_SHOTS=1 also writes screenshots to /tmp/kbgen-shots/ (KBGEN_SHOTS_DIR overrides).
// KBGEN_CHROMIUM overrides the browser executable (default /usr/bin/chromium).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const KB_DIR = path.join(REPO, 'kb');
const CHROMIUM = process.env.KBGEN_CHROMIUM || '/usr/bin/chromium';
const SUB = '/kb/';                  // the sub-path the site is served under
const CODE = 'AADSTS53003';          // the entry the walk-through is about
const TOTAL_MS = 150_000;            // whole test, enforced by node:test and by a hard watchdog
const STEP_MS = 15_000;              // each playwright action / navigation
const SHOTS = process.env.KBGEN_SHOTS === '1';
const SHOTS_DIR = process.env.KBGEN_SHOTS_DIR || '/tmp/kbgen-shots';

function kbgenBinary() {
  const fromArgv = process.argv.slice(2).find((a) => !a.startsWith('-'));
  const bin = process.env.KBGEN || fromArgv;
  if (!bin) throw new Error('no kbgen binary: set KBGEN=/path/to/kbgen (or pass it as an argument)');
  const abs = path.resolve(bin);
  if (!fs.existsSync(abs)) throw new Error(`kbgen binary not found: ${abs}`);
  return abs;
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8', '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// Serves ROOT under SUB on 127.0.0.1 (free port). Records requests outside SUB and misses.
async function serve(root, problems) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let pathname;
    try { pathname = decodeURIComponent(url.pathname); } catch { pathname = url.pathname; }
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (pathname === SUB.slice(0, -1)) return send(301, 'moved', { location: SUB });
    if (!pathname.startsWith(SUB)) {
      // Chromium may ask for /favicon.ico on its own; anything else escaped the sub-path.
      if (pathname !== '/favicon.ico') problems.push(`server: request outside ${SUB}: ${req.method} ${req.url}`);
      return send(404, 'not found');
    }
    let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname.slice(SUB.length)));
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden');
    try {
      let st = await fsp.stat(file);
      if (st.isDirectory()) {
        if (!pathname.endsWith('/')) return send(301, 'moved', { location: pathname + '/' });
        file = path.join(file, 'index.html');
        st = await fsp.stat(file);
      }
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      send(200, await fsp.readFile(file), { 'content-type': type });
    } catch {
      problems.push(`server: 404 ${req.method} ${req.url}`);
      send(404, 'not found');
    }
  });
  server.on('connection', (s) => s.unref());
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return server;
}

function closeServer(server) {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
    setTimeout(resolve, 2000).unref();
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

test('kbgen site in a real browser (http sub-path and file://)', { timeout: TOTAL_MS }, async (t) => {
  if (!fs.existsSync(CHROMIUM)) {
    const reason = `browser test skipped: ${CHROMIUM} is missing (install Debian's chromium package, or set KBGEN_CHROMIUM)`;
    console.log(reason);
    t.skip(reason);
    return;
  }
  const kbgen = kbgenBinary();
  const { chromium } = await import('playwright-core');

  const problems = [];          // console errors, page errors, foreign requests, HTTP errors
  let browser = null;
  let server = null;
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'kbgen-browser-'));
  const out = path.join(tmp, 'site');

  // Last resort if something wedges beyond node:test's own timeout: never hang ctest.
  const watchdog = setTimeout(() => {
    console.error(`browser test watchdog: still running after ${TOTAL_MS + 20_000} ms, giving up`);
    try { browser?.close().catch(() => {}); } catch {}
    try { server?.close(); server?.closeAllConnections?.(); } catch {}
    setTimeout(() => process.exit(1), 3000).unref();
  }, TOTAL_MS + 20_000);
  watchdog.unref();

  try {
    // --- build ----------------------------------------------------------------------------
    await t.test('kbgen builds the sample KB', async () => {
      await promisify(execFile)(kbgen, ['build', KB_DIR, '-o', out, '--today', '2026-11-24'],
        { cwd: REPO, timeout: 60_000, maxBuffer: 16 << 20 });
      for (const f of ['index.html', `codes/${CODE}/index.html`, 'assets/search.js', 'assets/search-index.js'])
        assert.ok(fs.existsSync(path.join(out, f)), `build output lacks ${f}`);
    });

    server = await serve(out, problems);
    const origin = `http://127.0.0.1:${server.address().port}`;
    const base = origin + SUB;
    const fileBase = pathToFileURL(out + path.sep).href;
    t.diagnostic(`serving ${out} at ${base}`);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      timeout: 30_000,
    });

    const isLocal = (u) => {
      if (/^(?:data|blob|about):/i.test(u)) return true;
      if (/^file:/i.test(u)) return true;
      try { return new URL(u).hostname === '127.0.0.1'; } catch { return false; }
    };
    const watch = (page, label) => {
      page.setDefaultTimeout(STEP_MS);
      page.setDefaultNavigationTimeout(STEP_MS);
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        const where = m.location()?.url || '';
        // A page without an icon link makes Chromium ask the origin for /favicon.ico
        // (outside the sub-path); that 404 is the test server's, not the site's.
        if (/^http:\/\/127\.0\.0\.1:\d+\/favicon\.ico$/.test(where)) return;
        problems.push(`[${label}] console error at ${page.url()}${where ? ` (${where})` : ''}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`[${label}] page error at ${page.url()}: ${e.message}`));
      page.on('request', (r) => {
        if (!isLocal(r.url())) problems.push(`[${label}] request left 127.0.0.1/file://: ${r.method()} ${r.url()}`);
      });
      page.on('requestfailed', (r) => {
        // Following a link cancels what the old page still had in flight (its
        // icon, say): Chromium reports that as net::ERR_ABORTED, not a failure.
        if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
        problems.push(`[${label}] request failed: ${r.url()} (${r.failure()?.errorText})`);
      });
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`[${label}] HTTP ${r.status()} for ${r.url()}`);
      });
      return page;
    };
    const newPage = async (label, options = {}) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
      context.setDefaultTimeout(STEP_MS);
      return watch(await context.newPage(), label);
    };
    const h1 = (page) => page.locator('h1').first().innerText();
    // Every relative link, stylesheet and script of the page must stay inside the site root.
    const assertRelativeLinksStayInside = async (page, rootUrl) => {
      const refs = await page.evaluate(() => Array.from(
        document.querySelectorAll('a[href], link[href], script[src]'),
        (n) => ({ raw: n.getAttribute('href') ?? n.getAttribute('src'), abs: n.href || n.src })));
      const escaped = refs.filter((r) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(r.raw) && !r.abs.startsWith(rootUrl));
      assert.deepEqual(escaped, [], `relative links on ${page.url()} escape ${rootUrl}`);
    };
    const followFirst = async (page, sectionSelector, avoid) => {
      const links = page.locator(`${sectionSelector} .link-list > li > a`);
      const n = await links.count();
      assert.ok(n > 0, `no links in ${sectionSelector} on ${page.url()}`);
      let link = links.first();
      for (let i = 0; i < n; i++) {
        const c = (await links.nth(i).locator('.entry-code').innerText()).trim();
        if (!avoid.includes(c)) { link = links.nth(i); break; }
      }
      const code = (await link.locator('.entry-code').innerText()).trim();
      assert.match(code, /^[A-Z]+\d+$/, `link text in ${sectionSelector} carries no code`);
      await Promise.all([page.waitForURL((u) => u.href.includes(`/codes/${code}/`)), link.click()]);
      assert.ok((await h1(page)).includes(code), `h1 after following ${sectionSelector} link is not ${code}`);
      assert.equal(page.url(), `${base}codes/${code}/index.html`);
      return code;
    };

    // --- http, under a sub-path -------------------------------------------------------------
    await t.test(`home page search finds ${CODE} and Enter opens it (${SUB} sub-path)`, async () => {
      const page = await newPage('http');
      await page.goto(base);
      assert.ok((await h1(page)).length > 0, 'home page has no h1');
      await assertRelativeLinksStayInside(page, base);
      await page.locator('#search').click();
      await page.locator('#search').pressSequentially('53003', { delay: 20 });
      const first = page.locator('#search-results li a').first();
      await first.waitFor();
      assert.ok((await first.innerText()).includes(CODE), 'first search result is not ' + CODE);
      assert.equal(await first.getAttribute('href'), `codes/${CODE}/index.html`);
      assert.equal(await first.evaluate((a) => a.href), `${base}codes/${CODE}/index.html`);
      await Promise.all([page.waitForURL(`${base}codes/${CODE}/index.html`), page.locator('#search').press('Enter')]);
      assert.ok((await h1(page)).includes(CODE), `h1 of the opened page is not ${CODE}`);
      await assertRelativeLinksStayInside(page, base);

      const related = await followFirst(page, 'section#related', []);
      t.diagnostic(`related link -> ${related}`);
      await page.goBack();
      await page.waitForURL(`${base}codes/${CODE}/index.html`);
      assert.ok((await h1(page)).includes(CODE), `back did not return to ${CODE}`);
      const referrer = await followFirst(page, 'section#referenced-by', [related]);
      t.diagnostic(`referenced-by link -> ${referrer}`);
      await page.context().close();
    });

    // --- file://, no server ----------------------------------------------------------------
    await t.test('file:// home page: search works and entry links open', async () => {
      const page = await newPage('file');
      const home = fileBase + 'index.html';
      await page.goto(home);
      await assertRelativeLinksStayInside(page, fileBase);
      await page.locator('#search').pressSequentially('53003', { delay: 20 });
      const first = page.locator('#search-results li a').first();
      await first.waitFor();
      assert.ok((await first.innerText()).includes(CODE), 'first search result (file://) is not ' + CODE);
      const target = `${fileBase}codes/${CODE}/index.html`;
      assert.equal(await first.evaluate((a) => a.href), target);
      await Promise.all([page.waitForURL(target), first.click()]);
      assert.ok((await h1(page)).includes(CODE), `h1 (file://) is not ${CODE}`);

      await page.goto(home);
      const entry = page.locator('a.entry-link').first();
      const code = (await entry.locator('.entry-code').innerText()).trim();
      await Promise.all([page.waitForURL(`${fileBase}codes/${code}/index.html`), entry.click()]);
      assert.ok((await h1(page)).includes(code), `entry link (file://) did not open ${code}`);
      await page.context().close();
    });

    // --- screenshots (on request) ------------------------------------------------------------
    if (SHOTS) {
      await t.test(`screenshots into ${SHOTS_DIR}`, async () => {
        await fsp.mkdir(SHOTS_DIR, { recursive: true });
        const entryUrl = `${base}codes/${CODE}/index.html`;
        const shots = [
          ['home-1280.png', base, {}],
          [`${CODE}-1280.png`, entryUrl, {}],
          [`${CODE}-390.png`, entryUrl, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
          [`${CODE}-1280-dark.png`, entryUrl, { colorScheme: 'dark' }],
          [`${CODE}-390-dark.png`, entryUrl, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' }],
          ['home-390-dark.png', base, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' }],
          // The open result list (viewport only), light and dark.
          ['search-1280.png', base, {}, 'conditional'],
          ['search-390-dark.png', `${base}codes/${CODE}/index.html`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' }, 'device'],
        ];
        for (const [name, url, options, query] of shots) {
          const page = await newPage(`shot ${name}`, options);
          await page.goto(url);
          if (query) {
            await page.locator('#search').pressSequentially(query);
            await page.locator('#search-results li').first().waitFor();
          }
          const overflow = await page.evaluate(() => {
            const d = document.documentElement;
            const wide = Array.from(document.querySelectorAll('body *'))
              .filter((n) => n.getBoundingClientRect().right > d.clientWidth + 1)
              .slice(0, 5).map((n) => n.tagName.toLowerCase() + (n.className ? '.' + String(n.className).split(' ')[0] : ''));
            return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, wide };
          });
          if (overflow.scrollWidth > overflow.clientWidth)
            t.diagnostic(`${name}: horizontal overflow ${overflow.scrollWidth}px > ${overflow.clientWidth}px (${overflow.wide.join(', ')})`);
          await page.screenshot({ path: path.join(SHOTS_DIR, name), fullPage: !query });
          await page.context().close();
        }
        t.diagnostic(`screenshots written to ${SHOTS_DIR}`);
      });
    }

    await t.test('no console errors, page errors, HTTP errors or foreign requests', () => {
      assert.deepEqual(problems, []);
    });
  } finally {
    await withTimeout(browser ? browser.close() : Promise.resolve(), 10_000, 'closing chromium').catch((e) => console.error(e.message));
    await closeServer(server);
    clearTimeout(watchdog);
    await fsp.rm(tmp, { recursive: true, force: true });
  }
});
