// Shared helpers for the browser journeys: a headless Chromium driver, page-load-aware clicks,
// and axe-core (WCAG 2.2 A/AA) on every page visited.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Builder, By, until } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';

const require = createRequire(import.meta.url);
export const base = process.env.ALONGSIDE_URL ?? 'http://127.0.0.1:8099';
export const managerEmail = process.env.ALONGSIDE_MANAGER_EMAIL;
export const adminEmail = process.env.ALONGSIDE_ADMIN_EMAIL;
export const password = process.env.ALONGSIDE_DEMO_PASSWORD;
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const failures = [];
let pages = 0;

export function check(condition, message) {
  if (!condition) failures.push(message);
}

export async function axe(driver, label) {
  await driver.executeScript(axeSource);
  const result = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } })
      .then(r => done({ violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })) }))
      .catch(e => done({ error: String(e) }));`);
  pages += 1;
  if (result.error) {
    failures.push(`${label}: axe failed to run: ${result.error}`);
  } else if (result.violations.length > 0) {
    failures.push(`${label} (${await driver.getCurrentUrl()}): ${JSON.stringify(result.violations, null, 2)}`);
  }
  console.log(`axe: ${label}: ${result.error ? 'error' : `${result.violations?.length ?? 0} violations`}`);
}

export async function fill(driver, name, value) {
  const field = await driver.findElement(By.name(name));
  await field.clear();
  await field.sendKeys(value);
}

// Clicks something that loads a new page, and waits until the old page has gone.
export async function navigate(driver, element) {
  const old = await driver.findElement(By.css('html'));
  await element.click();
  // The old page has gone once its root can no longer be read. Chromedriver reports that as a
  // stale element or, mid-navigation, as a node that "does not belong to the document"; both
  // mean the same here, so any error counts as gone.
  await driver.wait(async () => {
    try {
      await old.getTagName();
      return false;
    } catch {
      return true;
    }
  }, 15000);
  await driver.wait(async () => (await driver.executeScript('return document.readyState')) === 'complete', 15000);
  // Let the new document settle before anyone looks up elements in it.
  await driver.sleep(100);
}

export async function click(driver, locator) {
  await navigate(driver, await driver.findElement(locator));
}

export async function submit(driver) {
  await click(driver, By.css('main form button[type="submit"]'));
}

export async function waitFor(driver, locator, what) {
  try {
    await driver.wait(until.elementLocated(locator), 15000);
  } catch (e) {
    const text = await driver.findElement(By.css('main')).getText().catch(() => '(no main)');
    throw new Error(`${what}: not found at ${await driver.getCurrentUrl()}\n${text.slice(0, 1500)}`);
  }
}

export async function heading(driver) {
  return (await driver.findElement(By.css('h1')).getText()).trim();
}

/** Starts headless Chromium through chromedriver. */
export async function startDriver() {
  const options = new chrome.Options()
  .setChromeBinaryPath(process.env.CHROMIUM ?? '/usr/bin/chromium')
  .addArguments('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--window-size=1280,1000');
  const service = new chrome.ServiceBuilder(process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver');
  return new Builder().forBrowser('chrome').setChromeOptions(options).setChromeService(service).build();
}

/** Signs in through the sign-in page and waits to arrive at `next`. */
export async function signIn(driver, email, next, secret = password) {
  await driver.get(`${base}/sign-in?next=${next}`);
  await fill(driver, 'email', email);
  await fill(driver, 'password', secret);
  await submit(driver);
  await driver.wait(async () => {
    const url = await driver.getCurrentUrl();
    return url.includes(next) && !url.includes('/sign-in');
  }, 15000);
}

/** Signs out with the header's button. */
export async function signOut(driver) {
  await click(driver, By.css('header form button'));
}

/** Prints the outcome and exits non-zero on any failure. */
export function report(what) {
  if (failures.length > 0) {
    console.error(`\n${failures.length} problem(s) on ${pages} pages checked:\n${failures.join('\n\n')}`);
    process.exit(1);
  }
  console.log(`${what} passed; axe-core found no WCAG 2.2 A/AA violations on ${pages} pages.`);
}

export { By, until };
