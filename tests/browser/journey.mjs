// Browser journeys for Alongside: the Apply journey and the manager's volunteers list, in headless
// Chromium driven through chromedriver, with axe-core (WCAG 2.2 A/AA) on every page visited.
//
// Usage: ALONGSIDE_URL=http://127.0.0.1:8099 ALONGSIDE_MANAGER_EMAIL=... ALONGSIDE_DEMO_PASSWORD=... node journey.mjs
import {
  adminEmail, axe, base, By, check, click, fill, heading, managerEmail, navigate, password, report, startDriver,
  submit, until, waitFor,
} from './lib.mjs';

const driver = await startDriver();

try {
  const stamp = Date.now();
  const family = `Browsertest${stamp}`;

  // Public pages.
  await driver.get(`${base}/`);
  await axe(driver, 'home');
  await driver.get(`${base}/opportunities?q=companion`);
  await axe(driver, 'opportunities search');
  const first = await driver.findElement(By.css('main .card h2 a'));
  const roleTitle = (await first.getText()).trim();
  await navigate(driver, first);
  await waitFor(driver, By.linkText('Apply for this role'), 'the role page');
  await axe(driver, 'role page');

  // Apply journey: not signed in, so create an account first.
  await click(driver, By.linkText('Apply for this role'));
  await axe(driver, 'apply (signed out)');
  await click(driver, By.css('main a[href^="/register"]'));
  await axe(driver, 'register');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for an empty registration');
  check((await driver.findElement(By.css('.error-summary a')).getAttribute('href')).endsWith('#given_name'), 'the error summary links to the first field');
  await axe(driver, 'register with errors');
  await fill(driver, 'given_name', 'Robin');
  await fill(driver, 'family_name', family);
  await fill(driver, 'email', `robin.${stamp}@example.org`);
  await fill(driver, 'date_of_birth-day', '14');
  await fill(driver, 'date_of_birth-month', '6');
  await fill(driver, 'date_of_birth-year', '1990');
  await fill(driver, 'postcode', 'ls1 4ap');
  await fill(driver, 'password', 'a long enough password');
  await submit(driver);
  await waitFor(driver, By.name('motivation'), 'the application form');
  await axe(driver, 'apply form');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for an empty application');
  await axe(driver, 'apply form with errors');
  await fill(driver, 'motivation', 'My grandmother was cared for on a ward like this and I would like to give something back.');
  await fill(driver, 'availability', 'Tuesday and Thursday mornings');
  await submit(driver);
  await driver.wait(until.urlContains('/applied'), 15000);
  check((await heading(driver)) === 'Application sent', 'the confirmation page says the application was sent');
  await axe(driver, 'application sent');
  await driver.get(`${base}/my/applications`);
  check((await driver.findElement(By.css('main')).getText()).includes(roleTitle), 'my applications lists the new application');
  await axe(driver, 'my applications');
  await driver.get(`${base}/my/profile`);
  await axe(driver, 'my profile');
  await driver.get(`${base}/my/profile/edit`);
  await axe(driver, 'edit profile');
  await fill(driver, 'postcode', 'not a postcode');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a bad postcode');
  await axe(driver, 'edit profile with errors');
  await driver.get(`${base}/my/organisations`);
  await axe(driver, 'my organisations');
  await click(driver, By.css('header form button'));

  // The manager's volunteers list.
  if (!managerEmail || !adminEmail || !password) throw new Error('ALONGSIDE_MANAGER_EMAIL, ALONGSIDE_ADMIN_EMAIL and ALONGSIDE_DEMO_PASSWORD must be set');
  await driver.get(`${base}/sign-in?next=/manage`);
  await axe(driver, 'sign in');
  await driver.get(`${base}/forgot-password`);
  await axe(driver, 'forgot password');
  await driver.get(`${base}/sign-in?next=/manage`);
  await fill(driver, 'email', managerEmail);
  await fill(driver, 'password', password);
  await submit(driver);
  await driver.wait(until.urlContains('/manage'), 15000);
  await axe(driver, 'choose organisation');
  await click(driver, By.css('main ul li a'));
  await waitFor(driver, By.css('.stat'), 'the dashboard');
  await axe(driver, 'dashboard');
  await click(driver, By.css('.org-nav a[href$="/applications"]'));
  await axe(driver, 'applications');
  await click(driver, By.css('.org-nav a[href$="/volunteers"]'));
  await waitFor(driver, By.css('table'), 'the volunteers list');
  await axe(driver, 'volunteers list');
  await click(driver, By.linkText('Record an enquiry'));
  await axe(driver, 'record an enquiry');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for an empty enquiry');
  await axe(driver, 'record an enquiry with errors');
  await click(driver, By.css('.org-nav a[href$="/volunteers"]'));
  await fill(driver, 'q', family);
  await click(driver, By.css('form.filters button'));
  const rows = await driver.findElements(By.css('tbody tr'));
  check(rows.length === 1, `searching for the new applicant finds one row (found ${rows.length})`);
  if (rows.length === 1) {
    check((await rows[0].getText()).includes('Applicant'), 'the new applicant is listed as Applicant');
    await navigate(driver, await rows[0].findElement(By.css('a')));
    await waitFor(driver, By.css('h1'), 'the volunteer record');
    check((await heading(driver)).includes(family), 'the volunteer record opens');
    await axe(driver, 'volunteer record');
    await click(driver, By.css('main table a[href*="/applications/"]'));
    await waitFor(driver, By.css('input[name="status"]'), 'the application page');
    await axe(driver, 'application');
    await submit(driver);
    await waitFor(driver, By.css('.error-summary'), 'the error summary for a decision without a choice');
    await axe(driver, 'application with errors');
  }
  await click(driver, By.css('.org-nav a[href$="/roles"]'));
  await axe(driver, 'roles');
  await click(driver, By.linkText('Write a role'));
  await axe(driver, 'role form');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for an empty role');
  await axe(driver, 'role form with errors');
  await click(driver, By.css('.org-nav a[href$="/sites"]'));
  await axe(driver, 'sites');
  await click(driver, By.linkText('Add a site'));
  await axe(driver, 'site form');
  await click(driver, By.css('header form button'));

  // An organisation admin's staff page.
  await driver.get(`${base}/sign-in?next=/manage`);
  await fill(driver, 'email', adminEmail);
  await fill(driver, 'password', password);
  await submit(driver);
  await driver.wait(until.urlContains('/manage'), 15000);
  await click(driver, By.css('main ul li a'));
  await waitFor(driver, By.css('.org-nav a[href$="/staff"]'), 'the staff link for an admin');
  await click(driver, By.css('.org-nav a[href$="/staff"]'));
  await waitFor(driver, By.css('table'), 'the staff page');
  await axe(driver, 'staff');
  await click(driver, By.css('.org-nav a[href$="/organisation"]'));
  await waitFor(driver, By.name('ods_code'), 'the organisation details page');
  await axe(driver, 'organisation details');
  await fill(driver, 'ods_code', '');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for an NHS organisation without an ODS code');
  await axe(driver, 'organisation details with errors');
} finally {
  await driver.quit();
}

report('Browser journeys');
