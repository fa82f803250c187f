import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/**
 * A real Chromium for the page tests: the system build, headless, with everything that
 * phones home switched off so a run is quiet and repeatable.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE_WIDTH = 360;

export interface PhoneOptions {
  /** false: the page as a browser with JavaScript off (or a script that failed to load) sees it. */
  javaScriptEnabled?: boolean;
}

/** A small Android phone: most citizens file from one. */
export function newPhoneContext(browser: Browser, options: PhoneOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: PHONE_WIDTH, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'es-PE',
    timezoneId: 'America/Lima',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    acceptDownloads: true,
  });
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe on the page as it is now and fails listing every serious or critical WCAG 2.1
 * A/AA violation (rule, help text, the elements involved). Minor and moderate ones are
 * left to review, not to the gate.
 */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  await pageFullyLoaded(page);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations
    .filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ''))
    .map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  // An empty list is the pass; a failure prints each violation on its own line.
  expect({ url: page.url(), violations: blocking }).toEqual({ url: page.url(), violations: [] });
}

/** Every WCAG 2.1 A/AA violation, whatever its impact (minor and moderate too): for pages that must have none. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await pageFullyLoaded(page);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const all = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect({ url: page.url(), violations: all }).toEqual({ url: page.url(), violations: [] });
}

/** Width of the laid-out document: more than the viewport means the page scrolls sideways. */
export async function documentScrollWidth(page: Page): Promise<number> {
  await pageFullyLoaded(page);
  // A string expression: the test tsconfig has no DOM lib, and the page evaluates it as is.
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/**
 * Waits for the page's load event: a heading can be in the DOM before the stylesheets are in, and a
 * page laid out with only some of them is not the page people see (with app.css but not yet
 * base.css the calendar is 17 px too wide). On a busy machine (parallel test workers) that moment
 * is long enough for a check to land in it.
 */
function pageFullyLoaded(page: Page): Promise<void> {
  return page.waitForLoadState('load');
}
