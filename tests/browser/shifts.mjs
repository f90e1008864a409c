// The volunteer's shift pages in headless Chromium, with axe-core on each: "My shifts" from the
// account navigation, "Shifts I can do", and what an empty rota says. The demo's known volunteer
// is not active in any role and the demo has no shifts, so the pages show their empty states.
import { axe, base, By, check, click, heading, password, report, signIn, signOut, startDriver } from './lib.mjs';

const driver = await startDriver();

try {
  console.log('step: The demo volunteer opens My shifts from their account navigation.');
  await signIn(driver, 'volunteer@example.org', '/my/applications', password);
  await click(driver, By.css('nav[aria-label="Your account"] a[href="/my/shifts"]'));
  check((await heading(driver)) === 'My shifts', 'the My shifts page opens from the navigation');
  const mine = await driver.findElement(By.css('main')).getText();
  check(mine.includes('You have no shifts booked'), 'an empty list says there is nothing booked');
  await axe(driver, 'my shifts');

  console.log('step: They look for shifts they can do.');
  await click(driver, By.css('main a[href="/my/shifts/available"]'));
  check((await heading(driver)) === 'Shifts I can do', 'the Shifts I can do page opens');
  const offers = await driver.findElement(By.css('main')).getText();
  check(offers.includes('There are no shifts you can book'), 'with no active role there is nothing to book');
  await axe(driver, 'shifts I can do');

  console.log('step: They open their waiting lists and regular slots.');
  await driver.get(`${base}/my/shifts`);
  await click(driver, By.css('main a[href="/my/shifts/waiting"]'));
  check((await heading(driver)) === 'My waiting lists', 'the waiting lists page opens from My shifts');
  check((await driver.findElement(By.css('main')).getText()).includes('You are not waiting for any shifts'), 'no waiting lists yet');
  await axe(driver, 'my waiting lists');
  await click(driver, By.css('nav[aria-label="Your account"] a[href="/my/commitments"]'));
  check((await heading(driver)) === 'My regular slots', 'the regular slots page opens from the navigation');
  await axe(driver, 'my regular slots');
  console.log('step: Time away with impossible dates is refused, naming the fields.');
  await driver.findElement(By.id('starts_on')).sendKeys('31 2 2027');
  await click(driver, By.css('form[action="/my/commitments/absences"] button[type="submit"]'));
  const summary = await driver.findElement(By.css('.error-summary')).getText();
  check(summary.includes('First day away') || summary.includes('first day away'), `the error summary names the first day (got ${summary})`);
  await axe(driver, 'my regular slots with errors');

  console.log('step: A booking link for a shift that does not exist finds nothing.');
  const status = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    const csrf = document.querySelector('input[name="_csrf"]').value;
    fetch('/my/shifts/no-such-place/00000000-0000-0000-0000-000000000000/book', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '_csrf=' + encodeURIComponent(csrf), redirect: 'manual',
    }).then(r => done(r.status)).catch(e => done(String(e)));`);
  check(status === 404, `booking an unknown shift is not found (got ${status})`);
  await driver.get(`${base}/my/shifts/available?site=nowhere`);
  check((await heading(driver)) === 'Shifts I can do', 'an unknown site filter still shows the page');
  await signOut(driver);

  console.log('step: Signed out, My shifts asks you to sign in.');
  await driver.get(`${base}/my/shifts`);
  check((await driver.getCurrentUrl()).includes('/sign-in'), 'signed out, My shifts goes to sign-in');
} finally {
  await driver.quit();
}

report('Shifts journey');
