// The manager's rota in headless Chromium, with axe-core on every page: the week grid from the
// organisation navigation, filters, a day with who is booked, the print view, adding a shift
// (errors first), a week's pattern with a bad row named, and "who is coming today" for a
// supervisor. The demo has four weeks of shifts for every open role, starting tomorrow.
import {
  axe, base, By, check, click, fill, heading, managerEmail, password, report, signIn, signOut, startDriver, submit,
  waitFor,
} from './lib.mjs';

const driver = await startDriver();
const inAWeek = new Date(Date.now() + 8 * 24 * 3600 * 1000);
const typedDate = `${inAWeek.getDate()} ${inAWeek.getMonth() + 1} ${inAWeek.getFullYear()}`;

async function mainText() {
  return driver.findElement(By.css('main')).getText();
}

async function choose(id, n) {
  await driver.findElement(By.css(`#${id} option:nth-child(${n})`)).click();
}

try {
  console.log('step: The manager opens the rota from the organisation navigation.');
  await signIn(driver, managerEmail, '/manage');
  await click(driver, By.css('main ul li a'));
  await click(driver, By.css('.org-nav a[href$="/rota"]'));
  check((await heading(driver)) === 'Rota', 'the rota opens from the navigation');
  await axe(driver, 'rota: this week');

  console.log('step: Next week has the demo shifts, some under-filled.');
  await click(driver, By.linkText('Next week'));
  await waitFor(driver, By.css('table.rota-week'), 'the week grid');
  const week = await mainText();
  check(week.includes('Under-filled'), 'under-filled shifts are said in words');
  check((await driver.findElements(By.css('table.rota-week th[scope="col"]'))).length === 8, 'a site column and seven days');
  await axe(driver, 'rota: next week');

  console.log('step: They narrow the grid to the first site with shifts.');
  const site = (await driver.findElement(By.css('table.rota-week tbody th[scope="row"]')).getText()).trim();
  await driver.findElement(By.xpath(`//select[@id="site"]/option[normalize-space(.)=${JSON.stringify(site)}]`)).click();
  await click(driver, By.css('form.filters button'));
  await waitFor(driver, By.css('table.rota-week'), 'the grid for one site');
  const rowHeads = await driver.findElements(By.css('table.rota-week tbody th[scope="row"]'));
  check(rowHeads.length === 1, `one site's row (found ${rowHeads.length})`);
  check((await driver.getCurrentUrl()).includes('site='), 'the site filter is in the address');
  await axe(driver, 'rota: one site');

  console.log('step: They open a day to see who is booked, and its print view.');
  await click(driver, By.css('table.rota-week thead th:nth-child(2) a'));
  await waitFor(driver, By.linkText('Print view'), 'the day grid');
  await axe(driver, 'rota: a day');
  await click(driver, By.linkText('Print view'));
  check((await driver.findElements(By.css('.org-nav'))).length === 0, 'the print view has no navigation');
  await axe(driver, 'rota: a day, print view');
  await click(driver, By.linkText('Back to the day'));
  await click(driver, By.linkText('The whole week'));
  await click(driver, By.linkText('Print view'));
  await waitFor(driver, By.css('h1'), 'the week print view');
  check((await driver.findElements(By.css('form.filters'))).length === 0, 'the week print view has no filters');
  await axe(driver, 'rota: week print view');
  await click(driver, By.linkText('Back to the rota'));

  console.log('step: They add a shift, sending the form empty first.');
  await click(driver, By.linkText('Add shifts'));
  check((await heading(driver)) === 'Add shifts', 'the add shifts form opens');
  await axe(driver, 'add shifts');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for an empty shift');
  await axe(driver, 'add shifts with errors');
  await choose('role_id', 2);
  await choose('site_id', 2);
  await fill(driver, 'date', typedDate);
  await fill(driver, 'start_time', '6pm');
  await fill(driver, 'end_time', '8pm');
  await fill(driver, 'min_volunteers', '1');
  await fill(driver, 'max_volunteers', '3');
  await submit(driver);
  await waitFor(driver, By.css('table.rota-week'), 'the week with the new shift');
  const added = await mainText();
  check(added.includes('1 shift added.'), 'the new shift is confirmed');
  check(added.includes('18:00 to 20:00'), 'the new shift is on the grid');

  console.log('step: They add a week\'s pattern with a bad row, and see the row named.');
  await click(driver, By.linkText("Add a week's pattern of shifts"));
  await axe(driver, "add a week's pattern");
  await choose('site_id', 2);
  await fill(driver, 'from', typedDate);
  await fill(driver, 'until', typedDate);
  await choose('row-2-weekday', 2);
  await choose('row-2-role_id', 2);
  await fill(driver, 'row-2-start_time', '25:00');
  await fill(driver, 'row-2-end_time', '13:00');
  await fill(driver, 'row-2-min_volunteers', '1');
  await fill(driver, 'row-2-max_volunteers', '2');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a bad row');
  const summary = await driver.findElement(By.css('.error-summary')).getText();
  check(summary.includes('Row 2:'), 'the error names the row');
  await axe(driver, "add a week's pattern with errors");

  console.log('step: They look at who is coming today.');
  await click(driver, By.css('.org-nav a[href$="/today"]'));
  check((await heading(driver)) === 'Who is coming today', 'the today page opens');
  await axe(driver, 'who is coming today');
  await signOut(driver);

  console.log('step: A supervisor sees who is coming today at their sites.');
  await signIn(driver, 'supervisor@riverside.example', '/manage', password);
  await click(driver, By.css('main ul li a'));
  await click(driver, By.css('.org-nav a[href$="/today"]'));
  check((await heading(driver)) === 'Who is coming today', 'the supervisor sees the today page');
  await axe(driver, 'who is coming today (supervisor)');
  const form = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    fetch(location.pathname.replace('/today', '/rota/new')).then(r => done(r.status)).catch(e => done(String(e)));`);
  check(form === 403, `a supervisor cannot add shifts (got ${form})`);
  await signOut(driver);

  console.log('step: Signed out, the rota asks you to sign in.');
  await driver.get(`${base}/manage/riverside/rota`);
  check((await driver.getCurrentUrl()).includes('/sign-in'), 'signed out, the rota goes to sign-in');
} finally {
  await driver.quit();
}

report('Rota journey');
