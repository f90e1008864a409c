// A volunteer's calendar address and email choices in headless Chromium, with axe-core on each
// page: making the address (shown once), fetching the feed from it, stopping it (then 404),
// saving email choices, and the error summary when a choice is missing.
import { axe, base, By, check, click, heading, password, report, signIn, signOut, startDriver } from './lib.mjs';

const driver = await startDriver();

/** Fetches a path from the page (same origin) and returns its status, type and start. */
async function fetchFeed(path) {
  return driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    fetch(${JSON.stringify(path)}, { credentials: 'omit' })
      .then(async r => done({ status: r.status, type: r.headers.get('content-type'), text: (await r.text()).slice(0, 40) }))
      .catch(e => done({ status: String(e) }));`);
}

try {
  console.log('step: The demo volunteer opens My calendar from their account navigation.');
  await signIn(driver, 'volunteer@example.org', '/my/applications', password);
  await click(driver, By.css('nav[aria-label="Your account"] a[href="/my/calendar"]'));
  check((await heading(driver)) === 'My shifts in my calendar', 'the My calendar page opens from the navigation');
  await axe(driver, 'my calendar');

  console.log('step: They make a calendar address, shown once.');
  await click(driver, By.xpath('//main//button[normalize-space()="Make my calendar address"]'));
  const url = await driver.findElement(By.id('calendar-url')).getAttribute('value');
  check(/\/calendar\/[0-9a-f]{64}\.ics$/.test(url), `the address is shown (${url})`);
  await axe(driver, 'my calendar with a new address');
  const path = new URL(url).pathname;
  const feed = await fetchFeed(path);
  check(feed.status === 200, `the feed answers (got ${feed.status})`);
  check(feed.type === 'text/calendar; charset=utf-8', `the feed is text/calendar (got ${feed.type})`);
  check(feed.text?.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), 'the feed is an iCalendar file');

  console.log('step: Back on the page, the address is not shown again; they stop it working.');
  await driver.get(`${base}/my/calendar`);
  const main = await driver.findElement(By.css('main')).getText();
  check(main.includes('You made a calendar address on') && !main.includes(path), 'the address is not shown again');
  await click(driver, By.xpath('//main//button[normalize-space()="Stop my calendar address working"]'));
  const stopped = await driver.findElement(By.css('main')).getText();
  check(stopped.includes('Your calendar address has stopped working'), 'the page says it has stopped');
  await axe(driver, 'my calendar after stopping');
  check((await fetchFeed(path)).status === 404, 'a stopped address is not found');

  console.log('step: They choose not to have reminders emailed.');
  await click(driver, By.css('nav[aria-label="Your account"] a[href="/my/notifications"]'));
  check((await heading(driver)) === 'Emails we send you', 'the email choices page opens from the navigation');
  await axe(driver, 'email choices');
  await driver.findElement(By.css('label[for="reminder-none"]')).click();
  await click(driver, By.xpath('//main//button[normalize-space()="Save my choices"]'));
  check((await driver.findElement(By.css('main')).getText()).includes('Your choices have been saved'), 'the choices are saved');
  check(await driver.findElement(By.id('reminder-none')).isSelected(), 'no reminders is now chosen');
  check(await driver.findElement(By.id('booking_confirmation')).isSelected(), 'confirmations still go by email');
  await axe(driver, 'email choices saved');

  console.log('step: A choice left out is shown in an error summary.');
  await driver.executeScript("document.querySelectorAll('input[name=cancellation]').forEach(i => { i.checked = false; });");
  await click(driver, By.xpath('//main//button[normalize-space()="Save my choices"]'));
  const summary = await driver.findElement(By.css('.error-summary')).getText();
  check(summary.includes('Choose how to tell you about cancelled shifts and bookings'), 'the missing choice is named');
  check((await driver.getTitle()).startsWith('Error: '), 'the title starts with Error:');
  await axe(driver, 'email choices with an error');
  await signOut(driver);

  console.log('step: Signed out, both pages ask you to sign in.');
  for (const page of ['/my/calendar', '/my/notifications']) {
    await driver.get(`${base}${page}`);
    check((await driver.getCurrentUrl()).includes('/sign-in'), `signed out, ${page} goes to sign-in`);
  }
} finally {
  await driver.quit();
}

report('Calendar and email choices journey');
