// Surveys and the quality report in headless Chromium, with axe-core on every page: a volunteer
// answers the demo's pulse survey from the emailed link on a phone-sized screen (no sign-in, no
// sideways scrolling, an empty form named in the error summary, thanked once, refused the second
// time), then the manager reads the quality and outcomes report (headline figures, two labelled
// SVG charts, captioned tables, method notes, small groups withheld, a table's CSV), is told
// kindly about a period that is not a date, and opens the survey plans (with SWEMWBS's
// copyright line under Licences) and the outcome frameworks.
//
// Needs ALONGSIDE_SERVER_LOG: the server's log, where (with no SMTP server) each email is written.
import fs from 'node:fs';
import {
  axe, base, By, check, click, fill, heading, managerEmail, password, report, signIn, signOut, startDriver,
  submit, waitFor,
} from './lib.mjs';

const driver = await startDriver();

async function mainText() {
  return driver.findElement(By.css('main')).getText();
}

// The token in the first survey link written to the server log, waiting for the job loop (it
// runs when the server starts, then every minute) to send the demo's pulse survey.
async function surveyToken() {
  const log = process.env.ALONGSIDE_SERVER_LOG;
  if (!log) throw new Error('ALONGSIDE_SERVER_LOG must name the server log');
  for (let i = 0; i < 180; i += 1) {
    const match = /\/surveys\/([0-9a-f]{64})/.exec(fs.readFileSync(log, 'utf8'));
    if (match) return match[1];
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error('no survey link in the server log after 90 seconds');
}

// Whether the page scrolls sideways at the current window width.
async function scrollsSideways() {
  return driver.executeScript('return document.documentElement.scrollWidth > window.innerWidth');
}

try {
  if (!managerEmail || !password) throw new Error('ALONGSIDE_MANAGER_EMAIL and ALONGSIDE_DEMO_PASSWORD must be set');

  console.log('step: On a phone, a volunteer opens the survey link from their email, without signing in.');
  await driver.manage().window().setRect({ width: 390, height: 844 });
  const width = await driver.executeScript('return window.innerWidth');
  check(width <= 400, `the window is phone-sized (inner width ${width})`);
  const surveyUrl = `${base}/surveys/${await surveyToken()}`;
  await driver.get(surveyUrl);
  await waitFor(driver, By.css('main form input[type="radio"]'), 'the survey form');
  check((await heading(driver)).startsWith('A few questions from'), 'the survey form opens without signing in');
  check(!(await scrollsSideways()), 'the survey form does not scroll sideways on a phone');
  await axe(driver, 'survey form (phone)');

  console.log('step: They send the form with nothing chosen and are told to answer at least one question.');
  await submit(driver);
  await waitFor(driver, By.css('.error-summary'), 'the error summary for an empty survey');
  const summary = await driver.findElement(By.css('.error-summary'));
  check((await summary.getText()).includes('Answer at least one question'), 'the error summary asks for at least one answer');
  const target = (await summary.findElement(By.css('a')).getAttribute('href')).split('#')[1] ?? '';
  check(target !== '' && (await driver.findElements(By.id(target))).length === 1, `the error summary links to the first question (#${target})`);
  check(!(await scrollsSideways()), 'the survey form with an error does not scroll sideways on a phone');
  await axe(driver, 'survey form with errors (phone)');

  console.log('step: They choose "Agree" for several statements by tapping the answers\' labels and send them.');
  const groups = [...new Set(await Promise.all(
    (await driver.findElements(By.css('main input[type="radio"][value="4"]'))).map(r => r.getAttribute('name')),
  ))];
  check(groups.length >= 4, `the survey has several statements to agree with (found ${groups.length})`);
  for (const name of groups.slice(0, 5)) {
    const label = await driver.findElement(By.css(`label[for="${name}-4"]`));
    await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', label);
    await label.click();
    check(await driver.findElement(By.id(`${name}-4`)).isSelected(), `tapping the label chooses "Agree" for ${name}`);
  }
  await submit(driver);
  check((await heading(driver)) === 'Thank you for your answers', 'the volunteer is thanked for their answers');
  check(!(await scrollsSideways()), 'the thank-you page does not scroll sideways on a phone');
  await axe(driver, 'survey answered (phone)');

  console.log('step: Opening the link again says it has already been answered.');
  await driver.get(surveyUrl);
  check((await heading(driver)) === 'This survey has already been answered', 'a used link says the survey has already been answered');
  check((await driver.findElements(By.css('main form input[type="radio"]'))).length === 0, 'a used link offers no form');
  await axe(driver, 'survey already answered (phone)');

  console.log('step: At a desktop, the manager opens Quality from the organisation navigation.');
  await driver.manage().window().setRect({ width: 1280, height: 900 });
  await signIn(driver, managerEmail, '/manage', password);
  if (!(await driver.getCurrentUrl()).match(/\/manage\/[^/]+/)) {
    await click(driver, By.css('main a[href^="/manage/"]'));
  }
  await click(driver, By.xpath("//nav[contains(@class, 'org-nav')]//a[normalize-space(.)='Quality']"));
  const qualityUrl = await driver.getCurrentUrl();
  const slug = /\/manage\/([^/]+)\/quality/.exec(qualityUrl)?.[1];
  check(Boolean(slug), `the Quality link opens /manage/<slug>/quality (${qualityUrl})`);
  check((await heading(driver)) === 'Quality and outcomes', 'the quality and outcomes report opens');
  const page = await mainText();
  check(page.includes('At a glance'), 'the report has its "At a glance" figures');
  const figures = await driver.findElements(By.css('main .figure'));
  check(figures.length >= 5, `the report shows its headline figures (found ${figures.length})`);
  const charts = await driver.executeScript(`
    return [...document.querySelectorAll('main svg[role="img"]')].map(svg => ({
      title: (svg.querySelector('title')?.textContent ?? '').trim(),
      labelledBy: svg.getAttribute('aria-labelledby') ?? '',
    }));`);
  check(charts.length === 2, `the report has two charts (found ${charts.length})`);
  for (const [i, chart] of charts.entries()) {
    check(chart.title !== '', `chart ${i + 1} has a title`);
    check(chart.labelledBy.includes('-title'), `chart ${i + 1} is labelled by its title (${chart.labelledBy})`);
  }
  const captions = await driver.executeScript(`
    return [...document.querySelectorAll('main table')].map(t => (t.querySelector('caption')?.textContent ?? '').trim());`);
  check(captions.length >= 4, `the report has its tables (found ${captions.length})`);
  check(captions.every(c => c !== ''), 'every table has a caption');
  check(page.includes('How these figures are worked out'), 'the report has its method notes');
  const withheld = await driver.executeScript(`
    return [...document.querySelectorAll('main table td, main svg text')]
      .filter(cell => cell.textContent.trim() === 'fewer than 5').length;`);
  check(withheld > 0, 'figures about small groups show as "fewer than 5" in a table or chart');
  const headings = await driver.findElements(By.xpath("//main//h2[normalize-space(.)='At a glance']"));
  check(headings.length === 1, 'the "At a glance" heading is a heading');
  check(!(await scrollsSideways()), 'the report does not scroll sideways at desktop width');
  await axe(driver, 'quality and outcomes');

  console.log('step: They download the experience table as CSV.');
  const csvLink = await driver.findElement(By.xpath("//main//a[starts-with(normalize-space(.), 'Download CSV')][contains(@href, 'table=experience') and not(contains(@href, 'table=experience-'))]"));
  const csvHref = await csvLink.getAttribute('href');
  const csv = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    fetch(arguments[0], { credentials: 'same-origin' })
      .then(async r => done({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }))
      .catch(e => done({ status: 0, type: '', text: String(e) }));`, csvHref);
  check(csv.status === 200, `the CSV downloads (status ${csv.status}: ${csv.text.slice(0, 200)})`);
  check((csv.type ?? '').startsWith('text/csv'), `the CSV is sent as text/csv (${csv.type})`);
  const csvLines = csv.text.trim().split(/\r?\n/);
  check(csvLines[0] === 'Theme,People who answered,Mean (1 to 5),Agreeing', `the CSV starts with the table's header line (${csvLines[0]})`);
  check(csvLines.length > 1, `the CSV has rows (found ${csvLines.length - 1})`);

  console.log('step: They ask for a period starting on a date that does not exist.');
  await fill(driver, 'from', '2026-13-40');
  await click(driver, By.xpath("//main//button[normalize-space(.)='Show this period']"));
  await waitFor(driver, By.css('.error-summary'), 'the error summary for a bad period');
  const periodError = await driver.findElement(By.css('.error-summary'));
  check((await periodError.getText()).includes('Enter a date'), 'the error summary asks for a date');
  check((await periodError.findElement(By.css('a')).getAttribute('href')).endsWith('#from'), 'the error summary links to "Period from"');
  check((await driver.findElement(By.name('from')).getAttribute('value')) === '2026-13-40', 'the bad date is kept in the field to correct');
  await axe(driver, 'quality and outcomes with errors');

  console.log('step: They open the survey plans, with SWEMWBS and its copyright line under Licences.');
  await driver.get(`${base}/manage/${slug}/surveys`);
  check((await heading(driver)) === 'Surveys', 'the survey plans open');
  const licences = await driver.executeScript(`
    const h = [...document.querySelectorAll('main h2')].find(e => e.textContent.trim() === 'Licences');
    const out = [];
    for (let e = h?.nextElementSibling; e; e = e.nextElementSibling) out.push({ tag: e.tagName, cls: e.className, text: e.textContent.trim() });
    return out;`);
  const swemwbs = licences.findIndex(e => e.tag === 'H3' && e.text.includes('SWEMWBS'));
  check(swemwbs >= 0, 'SWEMWBS is listed under Licences');
  const copyright = swemwbs >= 0 ? licences[swemwbs + 1] : undefined;
  check(Boolean(copyright?.cls.includes('copyright'))
    && copyright.text.includes('NHS Health Scotland, University of Warwick and University of Edinburgh'),
    'SWEMWBS has its copyright line');
  await axe(driver, 'surveys');

  console.log('step: They open the outcome frameworks.');
  await driver.get(`${base}/manage/${slug}/outcomes`);
  check((await heading(driver)) === 'Outcomes', 'the outcome frameworks open');
  await axe(driver, 'outcomes');

  console.log('step: They open the feedback links and give feedback through one, as a patient would.');
  await driver.get(`${base}/manage/${slug}/feedback`);
  check((await heading(driver)) === 'Feedback on volunteers', 'the feedback links open');
  await axe(driver, 'feedback links');
  const address = await driver.findElement(By.css('main table code')).getText();
  check(address.includes('/feedback/'), 'a feedback link address is shown');
  await driver.get(address.replace(/^https?:\/\/[^/]+/, base));
  await axe(driver, 'feedback form');
  await driver.findElement(By.css('main form .checkbox label')).click();
  await submit(driver);
  await waitFor(driver, By.xpath("//h1[normalize-space(.)='Thank you for your feedback']"), 'the thank-you page');
  await axe(driver, 'feedback given');
  await driver.get(`${base}/manage/${slug}/activity`);
  check((await heading(driver)) === 'Log activity', "staff's activity form opens");
  await axe(driver, 'staff log activity');

  console.log('step: They open the population served.');
  await driver.get(`${base}/manage/${slug}/population`);
  check((await heading(driver)) === 'Population served', 'the population figures open');
  check((await driver.findElement(By.name('ethnicity-3')).getAttribute('value')) === '81', 'the demo census figure is shown');
  await axe(driver, 'population served');
  await driver.get(`${base}/manage/${slug}/outcomes`);

  console.log('step: They add something a role counts, first leaving out what it is.');
  const addForm = await driver.findElement(By.css('main form[action*="/outcomes/roles/"]'));
  await addForm.findElement(By.xpath('./ancestor::details/summary')).click();
  await addForm.findElement(By.css('input[name="unit"]')).sendKeys('visits');
  await addForm.findElement(By.css('button[type="submit"]')).click();
  await waitFor(driver, By.css('.error-summary'), 'the error summary for an indicator with no name');
  check((await driver.findElement(By.css('.error-summary')).getText()).includes('Enter what is counted'),
    'the error summary says what is missing');
  await axe(driver, 'outcomes with errors');
  const retry = await driver.findElement(By.css('main details[open] form[action*="/outcomes/roles/"]'));
  await retry.findElement(By.css('input[name="name"]')).sendKeys('Bedside visits');
  await retry.findElement(By.css('button[type="submit"]')).click();
  await driver.wait(async () => (await driver.getCurrentUrl()).includes('/outcomes?done=saved'), 15000);
  check((await mainText()).includes('Bedside visits'), 'the new indicator is listed');
  await signOut(driver);

  console.log('step: A volunteer opens My wellbeing and Log activity.');
  const volunteer = /^\s+Volunteer \(.*?(\S+@\S+)\s*$/m.exec(fs.readFileSync(process.env.ALONGSIDE_SERVER_LOG, 'utf8'));
  check(Boolean(volunteer), 'the demo volunteer sign-in is in the log');
  if (volunteer) {
    await signIn(driver, volunteer[1], '/my/wellbeing');
    check((await heading(driver)) === 'My wellbeing', 'My wellbeing opens');
    await axe(driver, 'my wellbeing');
    await driver.get(`${base}/my/activity`);
    check((await heading(driver)) === 'Log activity', 'Log activity opens');
    await axe(driver, 'log activity');
    await driver.get(`${base}/my/equality`);
    check((await heading(driver)) === 'About you', 'About you opens');
    await axe(driver, 'about you');
    await driver.findElement(By.css('label[for="ethnicity-indian"]')).click();
    await driver.findElement(By.css('label[for="disability-prefer_not_to_say"]')).click();
    await submit(driver);
    await driver.wait(async () => (await driver.getCurrentUrl()).includes('/my/equality?done=saved'), 15000);
    check(await driver.findElement(By.id('ethnicity-indian')).isSelected(), 'the answer is kept');
    await axe(driver, 'about you (saved)');
    await signOut(driver);
  }
} finally {
  await driver.quit();
}

report('Surveys and quality journey');
