// Expenses in headless Chromium, with axe-core on each page. The demo volunteer's "My expenses"
// explains when they can claim and why only actual costs are paid back (they are not yet in a
// role). When the onboarding journey has run first, its volunteer Sam (now active) claims
// mileage through the form, errors first. The volunteer manager works the queue: a refused
// decision with its error summary, a question sent back (which Sam answers), the claims with a
// question waiting, and the payment CSV, with a bad date refused on the page.
import {
  axe, base, By, check, click, fill, heading, managerEmail, password, report, signIn, signOut, startDriver, submit,
} from './lib.mjs';

const driver = await startDriver();
const org = 'riverside';
const samSecret = 'a long enough password';
const today = new Date();
const typedToday = `${today.getDate()} ${today.getMonth() + 1} ${today.getFullYear()}`;

/** The onboarding journey's volunteer, if they are active here: their email, or null. */
async function findSam() {
  await driver.get(`${base}/manage/${org}/volunteers?q=Onboarding&status=active`);
  const text = await driver.findElement(By.css('main')).getText();
  const found = /sam\.\d+@example\.org/.exec(text);
  return found ? found[0] : null;
}

try {
  console.log('step: The demo volunteer opens My expenses from their account navigation.');
  await signIn(driver, 'volunteer@example.org', '/my/applications', password);
  await click(driver, By.css('nav[aria-label="Your account"] a[href="/my/expenses"]'));
  check((await heading(driver)) === 'My expenses', 'My expenses opens from the navigation');
  const mine = await driver.findElement(By.css('main')).getText();
  check(mine.includes('once you are volunteering with it'), 'someone not yet in a role is told when they can claim');
  check(mine.includes('minimum wage'), 'the page explains why there are no flat-rate payments');
  await axe(driver, 'my expenses');
  await driver.get(`${base}/my/expenses/${org}/new`);
  check((await heading(driver)) === 'Page not found', 'the claim form is not open to someone not volunteering there');
  await driver.get(`${base}/my/expenses`);
  await signOut(driver);

  await signIn(driver, managerEmail, `/manage/${org}/expenses`, password);
  const sam = await findSam();
  await signOut(driver);
  if (sam) {
    console.log('step: Sam, active since the onboarding journey, claims mileage: errors first.');
    await signIn(driver, sam, '/my/expenses', samSecret);
    await click(driver, By.css(`main a[href="/my/expenses/${org}/new"]`));
    check((await heading(driver)) === 'Claim expenses', 'the claim form opens');
    await axe(driver, 'claim form');
    await driver.findElement(By.id('category-mileage')).click();
    await fill(driver, 'miles', '12.5');
    await submit(driver);
    const links = await driver.findElements(By.css('.error-summary a'));
    check(links.length >= 3, `a claim without a date, description or whole miles is refused (${links.length} errors)`);
    await axe(driver, 'claim form with errors');
    await fill(driver, 'date', typedToday);
    await fill(driver, 'description', 'Drove to the garden and back');
    await driver.findElement(By.css('select[name="vehicle"] option[value="car"]')).click();
    await fill(driver, 'miles', '12');
    await submit(driver);
    const listed = await driver.findElement(By.css('main')).getText();
    check(listed.includes('Your claim has been sent') && listed.includes('£5.40'), '12 miles at 45p is claimed as £5.40');
    await signOut(driver);
  } else {
    console.log('note: the onboarding journey\'s volunteer is not here, so nobody claims through the form.');
  }

  console.log('step: The volunteer manager opens the expenses queue.');
  await signIn(driver, managerEmail, `/manage/${org}/expenses`, password);
  check((await heading(driver)) === 'Expenses', 'the expenses queue opens');
  const rows = await driver.findElements(By.css('#claim-list tbody tr'));
  check(rows.length > 0, 'claims wait for a decision');
  await axe(driver, 'expenses queue');

  console.log('step: They open a claim and try to save without choosing.');
  const pick = sam ? By.xpath("//*[@id='claim-list']//a[contains(., 'Sam ')]") : By.css('#claim-list tbody tr a');
  await click(driver, pick);
  check((await heading(driver)) === 'Expense claim', 'a claim opens');
  await axe(driver, 'expense claim');
  await click(driver, By.css('main form button[type="submit"]'));
  const summary = await driver.findElements(By.css('.error-summary a[href="#decision"]'));
  check(summary.length === 1, 'saving without a choice links the error summary to the choice');
  await axe(driver, 'expense claim with an error');

  console.log('step: They ask the volunteer a question instead.');
  await driver.findElement(By.id('decision-query')).click();
  await fill(driver, 'question', 'Which way did you drive, please?');
  await submit(driver);
  const done = await driver.findElement(By.css('main')).getText();
  check(done.includes('Your question has been sent to the volunteer'), 'the queue confirms the question was sent');

  console.log('step: They look at the claims with a question waiting.');
  await driver.get(`${base}/manage/${org}/expenses?status=queried`);
  const queried = await driver.findElement(By.css('#claim-list')).getText();
  check(queried.includes('Question asked'), 'the filter shows claims with a question waiting');
  await axe(driver, 'expenses with a question waiting');

  console.log('step: They download the approved claims for payment.');
  const csv = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    fetch('/manage/${org}/expenses.csv?status=approved')
      .then(r => r.text().then(t => done({ status: r.status, type: r.headers.get('content-type'), text: t })))
      .catch(e => done({ status: String(e) }));`);
  check(csv.status === 200 && String(csv.type).startsWith('text/csv'), `the CSV downloads (got ${csv.status})`);
  check(String(csv.text).startsWith('Claimant,Email,Claim ID,Date,Category'), 'the CSV starts with its header');
  check(String(csv.text).includes(',Approved,'), 'the demo\'s approved claim is in the CSV');
  await driver.get(`${base}/manage/${org}/expenses`);
  await fill(driver, 'from', '31 2 2026');
  await click(driver, By.css('form[action$="/expenses.csv"] button'));
  const refused = await driver.findElements(By.css('.error-summary a[href="#from"]'));
  check(refused.length === 1, 'a date that does not exist is refused on the page');
  await axe(driver, 'expenses export with an error');
  await signOut(driver);

  if (sam) {
    console.log('step: Sam answers the question and sends the claim again.');
    await signIn(driver, sam, '/my/expenses', samSecret);
    await click(driver, By.xpath("//main//a[starts-with(normalize-space(.), 'Answer the question')]"));
    check((await heading(driver)) === 'Expense claim', 'the claim with its question opens');
    await axe(driver, 'expense claim with a question');
    await fill(driver, 'answer', 'Along the ring road, there and back.');
    await click(driver, By.xpath("//main//button[normalize-space(.)='Send answer and claim']"));
    const answered = await driver.findElement(By.css('main')).getText();
    check(answered.includes('Your answer has been sent with your claim'), 'the answer is sent');
    await signOut(driver);
  }
} finally {
  await driver.quit();
}

report('Expenses journey');
