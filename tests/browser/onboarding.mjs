// The onboarding journey in headless Chromium, with axe-core on every page: a volunteer applies,
// a manager accepts, the volunteer works through their checklist and names a referee, the referee
// answers through the emailed link without an account, the manager verifies every item, and the
// volunteer starts in the role.
//
// Needs ALONGSIDE_SERVER_LOG: the server's log, where (with no SMTP server) each email is written.
import fs from 'node:fs';
import {
  axe, base, By, check, click, fill, managerEmail, navigate, report, signIn, signOut, startDriver, submit, until,
  waitFor,
} from './lib.mjs';

const driver = await startDriver();
const today = new Date();
const day = [today.getDate(), today.getMonth() + 1, today.getFullYear()];

// The link token in the first email to `to` written to the server log, waiting for the mailer.
async function tokenFor(to) {
  const log = process.env.ALONGSIDE_SERVER_LOG;
  if (!log) throw new Error('ALONGSIDE_SERVER_LOG must name the server log');
  for (let i = 0; i < 60; i += 1) {
    const text = fs.readFileSync(log, 'utf8');
    const at = text.indexOf(to);
    const match = at >= 0 ? /\/references\/([0-9a-f]{64})/.exec(text.slice(at)) : null;
    if (match) return match[1];
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`no reference link for ${to} in the server log`);
}

async function fillDate(form, prefix) {
  for (const [part, value] of [['day', day[0]], ['month', day[1]], ['year', day[2]]]) {
    const input = await form.findElement(By.css(`input[name="${prefix}-${part}"]`));
    await input.clear();
    await input.sendKeys(String(value));
  }
}

try {
  const stamp = Date.now();
  const family = `Onboarding${stamp}`;
  const email = `sam.${stamp}@example.org`;
  const secret = 'a long enough password';
  const referee = `referee.${stamp}@example.org`;

  // A new volunteer applies to a hospital garden role.
  console.log('step: A new volunteer applies to a hospital garden role.');
  await driver.get(`${base}/opportunities?q=garden`);
  await click(driver, By.linkText('Garden volunteer'));
  await click(driver, By.linkText('Apply for this role'));
  await click(driver, By.css('main a[href^="/register"]'));
  await fill(driver, 'given_name', 'Sam');
  await fill(driver, 'family_name', family);
  await fill(driver, 'email', email);
  await fill(driver, 'date_of_birth-day', '3');
  await fill(driver, 'date_of_birth-month', '3');
  await fill(driver, 'date_of_birth-year', '1985');
  await fill(driver, 'postcode', 'LS9 7TF');
  await fill(driver, 'password', secret);
  await submit(driver);
  await waitFor(driver, By.name('motivation'), 'the application form');
  await fill(driver, 'motivation', 'I love gardening and would like patients to enjoy the garden.');
  await fill(driver, 'availability', 'Saturday mornings');
  await submit(driver);
  await driver.wait(until.urlContains('/applied'), 15000);
  await signOut(driver);

  // The manager accepts the application.
  console.log('step: The manager accepts the application.');
  await signIn(driver, managerEmail, '/manage');
  await click(driver, By.css('main ul li a'));
  await click(driver, By.css('.org-nav a[href$="/volunteers"]'));
  await fill(driver, 'q', family);
  await click(driver, By.css('form.filters button'));
  await click(driver, By.css('tbody tr a'));
  await click(driver, By.css('main table a[href*="/applications/"]'));
  await driver.findElement(By.id('status-accepted')).click();
  await submit(driver);
  check((await driver.findElement(By.css('main')).getText()).includes('Accepted'), 'the application is accepted');
  await click(driver, By.linkText('Volunteer record'));
  await click(driver, By.css('main a[href$="/checks"]'));
  await waitFor(driver, By.css('main details'), 'the checks page');
  const checksPage = await driver.getCurrentUrl();
  check((await driver.findElement(By.css('main')).getText()).includes('Garden volunteer'), 'the checks page shows the role');
  await axe(driver, 'checks and training (onboarding)');
  await click(driver, By.xpath("//main//button[starts-with(normalize-space(.), 'Start in this role')]"));
  await waitFor(driver, By.css('.error-summary'), 'the blocks when starting too early');
  await axe(driver, 'checks and training (not yet eligible)');
  await click(driver, By.css('.org-nav a[href$="/onboarding"]'));
  check((await driver.findElement(By.css('main')).getText()).includes(family), 'the onboarding board lists the new volunteer');
  await axe(driver, 'onboarding board');
  await click(driver, By.css('.org-nav a[href*="/expiring"]'));
  await axe(driver, 'expiring');
  await click(driver, By.css('.org-nav a[href$="/catalogue"]'));
  await axe(driver, 'catalogue');
  await signOut(driver);

  // The volunteer sends what they can and names a referee.
  console.log('step: The volunteer sends what they can and names a referee.');
  await signIn(driver, email, '/my/checklist', secret);
  await waitFor(driver, By.css('main form'), 'my checklist');
  await axe(driver, 'my checklist');
  const sendable = (await driver.findElements(By.css('main form[action^="/my/checklist/"]:not([action$="/referees"])'))).length;
  check(sendable >= 3, `the volunteer can send their training (found ${sendable} forms)`);
  await navigate(driver, await driver.findElement(By.css('main form[action^="/my/checklist/"]:not([action$="/referees"]) button')));
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a training item without a date');
  await axe(driver, 'my checklist with errors');
  for (let i = 0; i < sendable; i += 1) {
    const forms = await driver.findElements(By.css('main form[action^="/my/checklist/"]:not([action$="/referees"])'));
    await fillDate(forms[i], 'issued_on');
    await navigate(driver, await forms[i].findElement(By.css('button')));
  }
  check(!(await driver.findElements(By.css('.error-summary'))).length, 'sending training dates gives no errors');
  await fill(driver, 'referee_name', 'Alex Referee');
  await fill(driver, 'referee_email', referee);
  await fill(driver, 'relationship', 'My allotment neighbour for six years');
  await click(driver, By.xpath("//main//button[normalize-space(.)='Ask this referee']"));
  check((await driver.findElement(By.css('main')).getText()).includes('Waiting for a reply'), 'the referee is listed as waiting');
  await axe(driver, 'my checklist after naming a referee');
  await signOut(driver);

  // The referee answers through the link, without an account.
  console.log('step: The referee answers through the link, without an account.');
  await driver.get(`${base}/references/${await tokenFor(referee)}`);
  await waitFor(driver, By.name('known_for'), 'the reference form');
  await axe(driver, 'reference form');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for an empty reference');
  await axe(driver, 'reference form with errors');
  await fill(driver, 'known_for', 'Six years as allotment neighbours.');
  await fill(driver, 'suitability', 'Kind, reliable and patient. I recommend Sam without hesitation.');
  await driver.findElement(By.css('input[name="recommends"][value="yes"]')).click();
  await submit(driver);
  check((await driver.findElement(By.css('h1')).getText()).toLowerCase().includes('thank'), 'the referee is thanked');
  await axe(driver, 'reference given');

  // The manager verifies every item and starts the volunteer in the role.
  console.log('step: The manager verifies every item and starts the volunteer in the role.');
  await signIn(driver, managerEmail, '/manage');
  await driver.get(checksPage);
  const items = (await driver.findElements(By.css('main details form[action*="/checks/"]:not([action$="/referees"])'))).length;
  for (let i = 0; i < items; i += 1) {
    const form = (await driver.findElements(By.css('main details form[action*="/checks/"]:not([action$="/referees"])')))[i];
    const details = await form.findElement(By.xpath('./ancestor::details'));
    if (!(await details.getAttribute('open'))) await details.findElement(By.css('summary')).click();
    await form.findElement(By.css('input[name="action"][value="verify"]')).click();
    const issued = await form.findElements(By.css('input[name="issued_on"]'));
    if (issued.length && !(await issued[0].getAttribute('value'))) await issued[0].sendKeys(day.join(' '));
    await navigate(driver, await form.findElement(By.css('button[type="submit"]')));
    const errors = await driver.findElements(By.css('.error-summary'));
    check(errors.length === 0, `verifying item ${i + 1} of ${items} succeeds${errors.length ? `: ${await errors[0].getText()}` : ''}`);
  }
  await axe(driver, 'checks and training (all verified)');
  await click(driver, By.xpath("//main//button[starts-with(normalize-space(.), 'Start in this role')]"));
  check(!(await driver.findElements(By.css('.error-summary'))).length, 'starting in the role succeeds once everything is verified');
  await driver.get(checksPage.replace(/\/checks$/, ''));
  check((await driver.findElement(By.css('main')).getText()).includes('Active'), 'the volunteer is now active');
  await axe(driver, 'volunteer record (active)');
  await signOut(driver);

  // Now active, the volunteer books one of the garden's shifts, then cancels it.
  console.log('step: The volunteer books a shift and cancels it.');
  await signIn(driver, email, '/my/shifts/available', secret);
  await waitFor(driver, By.css('main form[action$="/book"] button'), 'a shift the volunteer can book');
  await axe(driver, 'shifts I can do');
  await click(driver, By.css('main form[action$="/book"] button'));
  await driver.wait(until.urlContains('/my/shifts?done=booked'), 15000);
  check((await driver.findElement(By.css('main')).getText()).includes('Garden volunteer'), 'my shifts lists the booked shift');
  await axe(driver, 'my shifts');
  await driver.findElement(By.css('main details summary')).click();
  await click(driver, By.css('main form[action$="/cancel"] button'));
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a cancellation without a reason');
  await axe(driver, 'my shifts with errors');
  await fill(driver, 'reason', 'A family wedding that day');
  await click(driver, By.css('main form[action$="/cancel"] button'));
  await driver.wait(until.urlContains('/my/shifts?done='), 15000);
  check(!(await driver.findElements(By.css('.error-summary'))).length, 'the place is cancelled');
  await signOut(driver);
} finally {
  await driver.quit();
}

report('Onboarding journey');
