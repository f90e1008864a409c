// The triangle of support in headless Chromium, with axe-core on every page: the good
// neighbours scheme's coordinator accepts Edna's referral from the triage queue, asks for
// suggested volunteers (each with reasons), and invites the demo befriender; the befriender
// says yes on their own page; the coordinator records the introduction and starts regular
// support, and Edna's record shows her supported. On the way: the matches list, the batch
// matching plan, health notes, safeguarding, a concern's record, the public referral form, the
// befriender's visit log and the concern form.
import {
  axe, base, By, check, click, heading, password, report, signIn, signOut, startDriver, submit,
} from './lib.mjs';

// The demo's fixed sign-ins for the scheme (see crates/cli/src/demo/data).
const coordinator = 'manager@goodneighbours.example';
const befriender = 'befriender@example.org';
const slug = 'good-neighbours';

const driver = await startDriver();

async function mainText() {
  return driver.findElement(By.css('main')).getText();
}

async function choose(name, text) {
  await driver.findElement(By.xpath(`//select[@name='${name}']/option[normalize-space(.)='${text}']`)).click();
}

async function press(text) {
  await click(driver, By.xpath(`//main//button[normalize-space(.)='${text}' or starts-with(normalize-space(.), '${text} ')]`));
}

try {
  if (!password) throw new Error('ALONGSIDE_DEMO_PASSWORD must be set');

  console.log('step: Anyone can ask for support on the public form, which says to call 999 first.');
  await driver.get(`${base}/refer/${slug}`);
  check((await heading(driver)).startsWith('Ask Kirkstall Valley Good Neighbours'), 'the public referral form opens');
  check((await mainText()).includes('call 999'), 'the public form says to call 999 in an emergency');
  await axe(driver, 'public referral form');

  console.log('step: The coordinator opens the referrals queue and Edna Marsh\'s referral.');
  await signIn(driver, coordinator, `/manage/${slug}/referrals`);
  check((await heading(driver)) === 'Referrals', 'the referrals queue opens');
  check((await mainText()).includes('Past target'), 'referrals past their target response time are flagged');
  await axe(driver, 'referrals queue');
  await click(driver, By.xpath("//main//a[normalize-space(.)='Edna Marsh']"));
  check((await heading(driver)) === 'Referral: Edna Marsh', 'Edna\'s referral opens');
  await axe(driver, 'referral');

  console.log('step: Declining without a reason is refused; accepting moves her to assessment.');
  await driver.findElement(By.css('label[for="decision-decline"]')).click();
  await submit(driver);
  check((await driver.findElement(By.css('.error-summary')).getText()).includes('reason'), 'declining needs a reason');
  await axe(driver, 'referral decision with errors');
  await driver.findElement(By.css('label[for="decision-accept"]')).click();
  await submit(driver);
  check((await heading(driver)) === 'Referrals', 'back at the queue after deciding');

  console.log('step: Her record (the triangle view) offers to find a volunteer.');
  await driver.get(`${base}/manage/${slug}/service-users`);
  await axe(driver, 'service users');
  await click(driver, By.xpath("//main//a[normalize-space(.)='Edna Marsh']"));
  check((await heading(driver)) === 'Edna Marsh', 'Edna\'s record opens');
  check((await mainText()).includes('Assessed, waiting for a volunteer'), 'Edna is waiting for a volunteer');
  await axe(driver, 'service user (triangle view)');
  const record = await driver.getCurrentUrl();
  await click(driver, By.xpath("//main//a[normalize-space(.)='Health notes']"));
  check((await heading(driver)).startsWith('Health notes'), 'health notes open (and the read is recorded)');
  await axe(driver, 'health notes');
  await driver.get(record);
  await press('Make a feedback link for them');
  const feedbackLink = (await mainText()).match(/\/support-feedback\/[0-9a-f]+/)?.[0];
  check(Boolean(feedbackLink), 'Edna\'s own feedback link is shown');
  await axe(driver, 'service user with a feedback link');
  await choose('role', 'Befriender');
  await choose('support_type', 'Befriending');
  await press('Suggest volunteers');
  check((await heading(driver)) === 'Volunteers who could support Edna Marsh', 'the suggestions open');
  const suggestions = await mainText();
  check(suggestions.includes('Priya Shah'), 'the demo befriender is suggested');
  check(/miles away/.test(suggestions), 'suggestions give the distance as a reason');
  check(suggestions.includes('Not suggested'), 'volunteers ruled out are listed with why');
  await axe(driver, 'suggested volunteers');

  console.log('step: Inviting Priya asks her; nothing is assigned.');
  await press('Invite Priya Shah');
  check((await heading(driver)) === 'Edna Marsh', 'back at Edna\'s record');
  check((await mainText()).includes('Invited, waiting for the volunteer'), 'the match waits for Priya\'s answer');
  await axe(driver, 'service user with an invitation');

  console.log('step: The matches list, the batch plan, and safeguarding (the coordinator is the lead).');
  await driver.get(`${base}/manage/${slug}/matches`);
  check((await mainText()).includes('overdue'), 'matches with overdue contact are flagged');
  await axe(driver, 'matches');
  await driver.get(`${base}/manage/${slug}/matching`);
  await choose('role', 'Befriender');
  await choose('support_type', 'Befriending');
  await press('Plan');
  check((await mainText()).includes('The plan'), 'the batch matching plan is shown for review');
  await axe(driver, 'batch matching plan');
  await driver.get(`${base}/manage/${slug}/safeguarding`);
  check((await mainText()).includes('Concerns'), 'the lead sees the concerns');
  await axe(driver, 'safeguarding');
  await click(driver, By.css('main table a'));
  check((await heading(driver)).startsWith('Concern about'), 'a concern\'s record opens');
  await axe(driver, 'safeguarding concern');
  await signOut(driver);

  console.log('step: Priya says yes on her own page, and sees the visit log for someone she supports.');
  await signIn(driver, befriender, '/my/matches');
  check((await mainText()).includes('Could you offer befriending to Edna?'), 'Priya sees the invitation with Edna\'s first name');
  await axe(driver, 'my matches (invitation)');
  await press('Yes, I can');
  check((await driver.getCurrentUrl()).includes('done=accepted'), 'Priya\'s yes is recorded');
  await axe(driver, 'my matches (accepted)');
  const active = By.xpath("//main//div[contains(@class, 'card')][contains(., ': active.')]//h3/a");
  const current = await driver.findElements(active);
  check(current.length >= 1, 'Priya sees someone she already supports');
  if (current.length > 0) {
    await click(driver, active);
    check((await mainText()).includes('Log a visit or call'), 'the visit log form is offered');
    await axe(driver, 'log a visit');
  }
  console.log('step: On a phone, the concern form says to call 999 first and fits the screen.');
  await driver.manage().window().setRect({ width: 390, height: 844 });
  await driver.get(`${base}/safeguarding/raise`);
  check((await mainText()).includes('call 999'), 'the concern form says to call 999 first');
  check(!(await driver.executeScript('return document.documentElement.scrollWidth > window.innerWidth')),
    'the concern form does not scroll sideways on a phone');
  const fields = await driver.findElements(By.css('main form input:not([type="hidden"]), main form select, main form textarea'));
  check(fields.length <= 6, `the concern form is short (${fields.length} fields)`);
  await axe(driver, 'raise a concern (phone)');
  await driver.manage().window().setRect({ width: 1280, height: 1000 });
  await driver.get(`${base}/my/concerns`);
  await axe(driver, 'my concerns');
  await signOut(driver);

  if (feedbackLink) {
    console.log('step: Edna\'s own feedback link opens without signing in.');
    await driver.get(`${base}${feedbackLink}`);
    check((await heading(driver)).startsWith('How is the support'), 'the feedback form opens');
    await axe(driver, 'support feedback form');
  }

  console.log('step: The coordinator introduces them and starts regular support.');
  await signIn(driver, coordinator, '/manage');
  await driver.get(record);
  await press('Record the introduction');
  await press('Start regular support');
  const after = await mainText();
  check(after.includes('Supported') && after.includes('Active'), 'Edna is supported and the match is active');
  await axe(driver, 'service user with an active match');
} finally {
  await driver.quit();
}

report('Triangle of support journey');
