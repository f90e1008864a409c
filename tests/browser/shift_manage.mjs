// A manager's work on one shift in headless Chromium, with axe-core on each page: opening a
// shift from the rota, its page (how full it is, in words), changing it (with an error first),
// changing its series, moving on to cancelling it with a reason (with an error first), and the
// page saying it is cancelled.
import { axe, By, check, click, fill, heading, managerEmail, report, signIn, signOut, startDriver, submit, waitFor } from './lib.mjs';

const driver = await startDriver();

const main = async () => driver.findElement(By.css('main')).getText();
const shiftLinks = async () => driver.findElements(By.css('main a[href*="/shifts/"]:not([href$="/edit"])'));

try {
  console.log('step: The manager opens a shift from the rota.');
  await signIn(driver, managerEmail, '/manage');
  await click(driver, By.css('main ul li a'));
  await click(driver, By.css('.org-nav a[href$="/rota"]'));
  // This week can hold only past shifts (the demo's attendance history), which cannot be
  // changed; the demo's bookable shifts start tomorrow, so next week always has them.
  await click(driver, By.linkText('Next week'));
  for (let week = 0; week < 3 && (await shiftLinks()).length === 0; week += 1) {
    await click(driver, By.linkText('Next week'));
  }
  const links = await shiftLinks();
  check(links.length > 0, 'the rota lists shifts that link to their pages');
  await click(driver, By.css('main a[href*="/shifts/"]:not([href$="/edit"])'));
  const shiftPage = await driver.getCurrentUrl();
  check((await heading(driver)).endsWith('shift'), 'the shift page opens');
  check((await main()).includes('places filled'), 'the page says how full the shift is in words');
  await axe(driver, 'manager shift page');

  console.log('step: They change the shift, leaving the maximum empty first.');
  await click(driver, By.linkText('Change this shift'));
  await waitFor(driver, By.name('max_volunteers'), 'the change form');
  await axe(driver, 'change a shift');
  await fill(driver, 'max_volunteers', '');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a missing maximum');
  await axe(driver, 'change a shift with errors');
  await fill(driver, 'max_volunteers', '6');
  await fill(driver, 'notes', 'Please sign in at the ward desk.');
  await submit(driver);
  check((await main()).includes('The shift has been changed'), 'the change is saved');
  check((await main()).includes('Please sign in at the ward desk.'), 'the new notes are shown');
  await axe(driver, 'manager shift page after a change');

  const series = await driver.findElements(By.linkText('Change this and the later shifts in the series'));
  if (series.length > 0) {
    console.log('step: They change this and the later shifts in the series.');
    await click(driver, By.linkText('Change this and the later shifts in the series'));
    await waitFor(driver, By.name('start_time'), 'the series form');
    check((await driver.findElements(By.name('date-day'))).length === 0, 'the series form has no date');
    await axe(driver, 'change a series');
    await submit(driver);
    check((await main()).includes('later ones in its series have been changed'), 'the series change is saved');
  }

  console.log('step: They cancel the shift, first without a reason.');
  await driver.get(shiftPage);
  await click(driver, By.linkText('Cancel this shift'));
  await waitFor(driver, By.name('reason'), 'the cancel form');
  await axe(driver, 'cancel a shift');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a missing reason');
  await axe(driver, 'cancel a shift with errors');
  await fill(driver, 'reason', 'The ward is closed for a deep clean.');
  await submit(driver);
  const cancelled = await main();
  check(cancelled.includes('This shift has been cancelled'), 'the page says the shift is cancelled');
  check(cancelled.includes('The ward is closed for a deep clean.'), 'the page gives the reason');
  check((await driver.findElements(By.linkText('Change this shift'))).length === 0, 'a cancelled shift cannot be changed');
  await axe(driver, 'cancelled shift');
  await signOut(driver);
} finally {
  await driver.quit();
}

report('Shift management journey');
