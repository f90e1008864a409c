// Attendance and hours in headless Chromium, with axe-core on each page: the manager's
// attendance page (registers, missed shifts with a kind prompt, kiosks), a register with an
// error, setting a site's kiosk code, the kiosk locked, refusing a wrong code and unlocked,
// logged hours, hours by month, and the volunteer's own hours page.
import {
  axe, base, By, check, click, fill, heading, managerEmail, password, report, signIn, signOut, startDriver,
  submit, waitFor,
} from './lib.mjs';

const driver = await startDriver();

async function mainText() {
  return driver.findElement(By.css('main')).getText();
}

try {
  if (!managerEmail || !password) throw new Error('ALONGSIDE_MANAGER_EMAIL and ALONGSIDE_DEMO_PASSWORD must be set');

  console.log('step: The manager opens Attendance from the organisation navigation.');
  await signIn(driver, managerEmail, '/manage', password);
  if (!(await driver.getCurrentUrl()).match(/\/manage\/[^/]+/)) {
    await click(driver, By.css('main a[href^="/manage/"]'));
  }
  await click(driver, By.css('nav.org-nav a[href$="/attendance"]'));
  check((await heading(driver)) === 'Attendance', 'the Attendance page opens from the navigation');
  const overview = await mainText();
  check(overview.includes('has missed 2 shifts since'), 'the demo volunteer who missed two shifts has a kind prompt');
  check(overview.includes('a friendly check-in call may help'), 'the prompt suggests a friendly call, not a sanction');
  await axe(driver, 'attendance');
  const attendanceUrl = await driver.getCurrentUrl();

  console.log('step: They open a register and send a time that is not a time.');
  await click(driver, By.css('main a[href$="/register"]'));
  check((await heading(driver)) === 'Register', 'a register opens');
  await axe(driver, 'register');
  const form = await driver.findElement(By.css('main form[action*="/register/"]'));
  const arrived = await form.findElement(By.css('input[name="arrived"]'));
  await arrived.clear();
  await arrived.sendKeys('quarter past');
  await (await form.findElement(By.css('input[name="status"][value="attended"]'))).click();
  const old = await driver.findElement(By.css('html'));
  await (await form.findElement(By.css('button[type="submit"]'))).click();
  await driver.wait(async () => { try { await old.getTagName(); return false; } catch { return true; } }, 15000);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a bad time');
  check((await driver.findElement(By.css('.error-summary a')).getAttribute('href')).endsWith('-arrived'), 'the summary links to the arrival time');
  await axe(driver, 'register with an error');

  console.log('step: They set a kiosk code for a site and see it once.');
  await driver.get(attendanceUrl);
  await click(driver, By.css('main a[href$="/kiosk"]'));
  check((await heading(driver)) === 'Kiosk code', 'the kiosk code page opens');
  await axe(driver, 'kiosk code');
  await fill(driver, 'kiosk_code', 'abc');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a short kiosk code');
  await axe(driver, 'kiosk code with an error');
  await fill(driver, 'kiosk_code', 'BROWSER2026');
  await submit(driver);
  check((await mainText()).includes('is now BROWSER2026'), 'the new kiosk code is shown once');
  const kioskPath = await driver.findElement(By.css('main a[href^="/kiosk/"]')).getAttribute('href');

  console.log('step: The kiosk is locked; a wrong kiosk code is refused; the right one unlocks it.');
  await driver.get(kioskPath);
  check((await heading(driver)) === 'Unlock this kiosk', 'the kiosk starts locked');
  await axe(driver, 'kiosk locked');
  await fill(driver, 'kiosk_code', 'WRONG2026');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a wrong kiosk code');
  await axe(driver, 'kiosk with a wrong code');
  await fill(driver, 'kiosk_code', 'browser 2026');
  await submit(driver);
  check((await heading(driver)).startsWith('Check in or out at'), 'the kiosk unlocks');
  await axe(driver, 'kiosk unlocked');
  await fill(driver, 'code', '000000');
  await click(driver, By.css('main button[value="in"]'));
  await waitFor(driver, By.css('.error-summary'), 'the error summary for an unknown personal code');
  check((await driver.findElement(By.css('.error-summary')).getText()).includes('We do not recognise that code'), 'an unknown personal code is refused kindly');
  await axe(driver, 'kiosk with an unknown personal code');
  await click(driver, By.css('main form[action$="/lock"] button'));
  check((await heading(driver)) === 'Unlock this kiosk', 'locking the kiosk shows the unlock form again');

  console.log('step: Logged hours to review, and hours by month.');
  await driver.get(attendanceUrl.replace(/\/attendance$/, '/hours'));
  check((await heading(driver)) === 'Logged hours', 'the logged hours page opens');
  check((await mainText()).includes('Wrote birthday cards'), 'the demo hours waiting for approval are listed');
  await axe(driver, 'logged hours');
  await (await driver.findElement(By.css('main details summary'))).click();
  await click(driver, By.css('main details form button[type="submit"]'));
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a question without words');
  await axe(driver, 'logged hours with an error');
  await driver.get(attendanceUrl.replace(/\/attendance$/, '/hours/totals'));
  check((await heading(driver)) === 'Hours by month', 'the totals page opens');
  check((await mainText()).includes('By volunteer'), 'totals are broken down by volunteer');
  await axe(driver, 'hours by month');
  await signOut(driver);

  console.log('step: The demo volunteer opens My hours.');
  await signIn(driver, 'volunteer@example.org', '/my/applications', password);
  await click(driver, By.css('nav[aria-label="Your account"] a[href="/my/hours"]'));
  check((await heading(driver)) === 'My hours', 'My hours opens from the account navigation');
  check((await mainText()).includes('You can log hours once you are volunteering in a role'), 'someone not yet active is told when they can log hours');
  await axe(driver, 'my hours');
  await signOut(driver);
} finally {
  await driver.quit();
}

report('Attendance journey');
