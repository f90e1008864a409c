// The volunteer passport in headless Chromium, with axe-core on every page: a volunteer active
// at Wharfe Meadows Hospice applies to the acute trust, shares their passport (after being told
// to tick the consent), the trust's manager accepts the application, and the trust's checklist
// shows the items the agreement covers as verified by the hospice; what it does not cover is
// still to do. On the way: the agreement as the trust sees it, the network pages, and the
// trust's dashboard with time to onboard for passport applicants beside everyone else.
import {
  axe, base, By, check, click, fill, heading, report, signIn, signOut, startDriver, submit, until, waitFor,
} from './lib.mjs';

// The demo's fixed sign-ins (see crates/cli/src/demo/data).
const volunteer = 'passport@example.org';
const trustManager = 'manager@riverside.example';
const trustAdmin = 'admin@riverside.example';
const hospice = 'Wharfe Meadows Hospice';
const trust = 'Riverside University Hospitals NHS Foundation Trust';

const driver = await startDriver();

async function mainText() {
  return driver.findElement(By.css('main')).getText();
}

try {
  console.log('step: The partnership\'s public page and the roles its members share.');
  await driver.get(`${base}/networks/west-riding`);
  check((await heading(driver)) === 'West Riding Volunteering Partnership', 'the network page opens');
  check(!(await mainText()).includes('Member directory'), 'a visitor does not see the members-only directory');
  await axe(driver, 'network page (public)');
  await driver.get(`${base}/networks/west-riding/opportunities`);
  check((await mainText()).includes('Compassionate neighbour'), 'roles listed to the network are shown');
  await axe(driver, 'network opportunities');

  console.log('step: The volunteer, active at the hospice, has nothing to share before applying.');
  await signIn(driver, volunteer, '/my/passport');
  check((await heading(driver)) === 'Your volunteer passport', 'the passport page opens');
  check((await mainText()).includes('There is nothing to share'), 'nothing to share before applying elsewhere');
  await axe(driver, 'passport (nothing to share)');

  console.log('step: They apply to the trust\'s ward volunteer role.');
  await driver.get(`${base}/opportunities?organisation=riverside&q=Ward+volunteer`);
  await click(driver, By.xpath("//main//a[normalize-space(.)='Ward volunteer']"));
  await click(driver, By.linkText('Apply for this role'));
  await waitFor(driver, By.name('motivation'), 'the application form');
  await fill(driver, 'motivation', 'I volunteer on the hospice in-patient unit and would like to help on the wards too.');
  await fill(driver, 'availability', 'Wednesday afternoons');
  await submit(driver);
  await driver.wait(until.urlContains('/applied'), 15000);

  console.log('step: The passport now offers to share what the hospice verified; consent must be ticked.');
  await driver.get(`${base}/my/passport`);
  const offer = await mainText();
  check(offer.includes(`From ${hospice} to ${trust}`), 'the passport offers hospice to trust');
  check(offer.includes('Fire safety') && offer.includes('Information governance'), 'the covered items are listed');
  check(!offer.includes('DBS check\n'), 'the DBS check is not offered (the agreement does not cover it)');
  await axe(driver, 'passport (ready to share)');
  await click(driver, By.xpath("//main//button[starts-with(normalize-space(.), 'Share my checks')]"));
  await waitFor(driver, By.css('.error-summary'), 'the error summary without consent');
  check((await driver.findElement(By.css('.error-summary')).getText()).includes('Tick to say you agree'), 'consent is needed');
  await axe(driver, 'passport (consent missing)');
  await driver.findElement(By.css('main input[name="consent"]')).click();
  await click(driver, By.xpath("//main//button[starts-with(normalize-space(.), 'Share my checks')]"));
  await driver.wait(until.urlContains('done=shared'), 15000);
  check((await mainText()).includes('Your checks are shared'), 'the passport is shared');
  await axe(driver, 'passport (shared)');
  await signOut(driver);

  console.log('step: The trust\'s manager accepts the application and opens the checklist.');
  await signIn(driver, trustManager, '/manage/riverside/applications');
  await click(driver, By.xpath("//main//a[contains(normalize-space(.), 'Tunde Adeyemi')]"));
  await driver.findElement(By.id('status-accepted')).click();
  await submit(driver);
  check((await mainText()).includes('Accepted'), 'the application is accepted');
  await click(driver, By.linkText('Volunteer record'));
  await click(driver, By.css('main a[href$="/checks"]'));
  await waitFor(driver, By.css('main details'), 'the checks page');
  const checks = await mainText();
  check(checks.includes(`Verified by ${hospice} on`), 'recognised items say who verified them and when');
  check(checks.includes('under a mutual recognition agreement'), 'the agreement is named as the reason');
  check(checks.includes('To do'), 'items the agreement does not cover (the DBS check, induction) are still to do');
  await axe(driver, 'checks and training (passport)');
  await signOut(driver);

  console.log('step: The trust\'s admin sees the agreement and what each side accepts.');
  await signIn(driver, trustAdmin, '/manage/riverside/agreements');
  check((await mainText()).includes('In force'), 'the agreement is in force');
  await axe(driver, 'agreements');
  await click(driver, By.xpath("//main//a[starts-with(normalize-space(.), 'Riverside and Wharfe Meadows')]"));
  check((await mainText()).includes('done within the last 12 months'), 'the terms say how recent items must be');
  await axe(driver, 'agreement');
  await driver.get(`${base}/manage/riverside/networks`);
  await axe(driver, 'organisation networks');
  await driver.get(`${base}/networks/west-riding/members`);
  check((await mainText()).includes(hospice), 'the coordinator sees the members');
  await axe(driver, 'network members');
  await driver.get(`${base}/networks/west-riding/benchmarks`);
  check((await heading(driver)).startsWith('Benchmarking'), 'benchmarking opens for a member\'s manager');
  await axe(driver, 'benchmarking');
  console.log('step: The partnership\'s libraries and learning events, as a member sees them.');
  await driver.get(`${base}/networks/west-riding/roles`);
  check((await mainText()).includes('Mealtime and hydration companion'), 'the role library starts with the NHS roles');
  await axe(driver, 'role library');
  await driver.get(`${base}/networks/west-riding/resources`);
  await axe(driver, 'resource library');
  await driver.get(`${base}/networks/west-riding/events`);
  await axe(driver, 'learning events');
  await click(driver, By.css('main .card a, main table a'));
  await axe(driver, 'learning event');
  await driver.get(`${base}/networks/west-riding/directory`);
  await axe(driver, 'member directory');
  await driver.get(`${base}/my/learning`);
  await axe(driver, 'learning record');
  await driver.get(`${base}/manage/riverside`);
  check((await mainText()).includes('Brought a passport'), 'the dashboard compares passport applicants with everyone else');
  await axe(driver, 'dashboard (passport effect)');
  report('passport journey');
} finally {
  await driver.quit();
}
