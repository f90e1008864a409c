// Data in and out in headless Chromium, with axe-core on every page: the trust's admin imports
// a spreadsheet of people (upload, match the columns, check, import, report), finds the lists'
// downloads, the privacy pages (retention rules with their dry run, the notice, the consent
// register), a volunteer's copy of their data, the erasure preview and their consents (the form
// with its error summary, and a consent recorded), and the message
// settings; the public privacy notice; and a volunteer asks for a copy of their own data.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  axe, base, By, check, click, heading, report, signIn, signOut, startDriver, submit, until, waitFor,
} from './lib.mjs';

// The demo's fixed sign-ins (see crates/cli/src/demo).
const admin = 'admin@riverside.example';
const volunteer = 'passport@example.org';
const org = 'riverside';

const driver = await startDriver();

async function mainText() {
  return driver.findElement(By.css('main')).getText();
}

// A spreadsheet as volunteer managers keep them: a BOM, CRLF, day-first dates, a quoted field.
const stamp = Date.now();
const file = join(mkdtempSync(join(tmpdir(), 'alongside-')), 'volunteers.csv');
writeFileSync(file, '\ufeffFirst name,Surname,E-mail,DOB,Post Code,Skills\r\n'
  + `Ada,Lovelace,ada.${stamp}@example.org,10/12/1990,LS1 4AP,"Knitting, chess"\r\n`
  + `Grace,Hopper,grace.${stamp}@example.org,9 December 1986,LS2 7EW,Compilers\r\n`);

try {
  console.log('step: The admin uploads a spreadsheet of people.');
  await signIn(driver, admin, `/manage/${org}/import`);
  check((await heading(driver)) === 'Import a spreadsheet', 'the import page opens');
  await axe(driver, 'import: upload');
  await driver.findElement(By.css('#kind option[value="people"]')).click();
  await driver.findElement(By.id('file')).sendKeys(file);
  await submit(driver);

  console.log('step: The columns are guessed from the headers.');
  await waitFor(driver, By.id('field-given_name'), 'the column matching form');
  check((await heading(driver)) === 'Match the columns', 'the column matching page opens');
  const chosen = await driver.findElement(By.css('#field-family_name option:checked')).getText();
  check(chosen === 'Surname', '"Surname" is matched to the last name');
  await axe(driver, 'import: match the columns');
  await click(driver, By.xpath("//main//button[normalize-space(.)='Check the rows']"));

  console.log('step: Both rows check out; the admin imports them.');
  await waitFor(driver, By.css('main dl'), 'the check before importing');
  check((await heading(driver)) === 'Check before importing', 'the preview opens');
  check((await mainText()).includes('Rows without problems\n2'), 'both rows are ready');
  await axe(driver, 'import: check before importing');
  await click(driver, By.xpath("//main//button[starts-with(normalize-space(.), 'Import 2 rows')]"));
  await driver.wait(async () => (await heading(driver)) === 'Import report', 30000);
  const imported = await mainText();
  check(imported.includes('Imported 2 of 2 rows'), `both rows are imported: ${imported}`);
  await axe(driver, 'import: report');

  console.log('step: Lists download as CSV and Excel.');
  await driver.get(`${base}/manage/${org}/volunteers`);
  check((await driver.findElements(By.css(`main a[href^="/manage/${org}/volunteers.csv"]`))).length > 0, 'the volunteers list downloads as CSV');
  check((await driver.findElements(By.css(`main a[href^="/manage/${org}/volunteers.xlsx"]`))).length > 0, 'and as Excel');
  await axe(driver, 'volunteers with downloads');

  console.log('step: Privacy and data protection.');
  await driver.get(`${base}/manage/${org}/privacy`);
  check((await heading(driver)) === 'Privacy and data protection', 'the privacy page opens');
  await axe(driver, 'privacy overview');
  await driver.get(`${base}/manage/${org}/privacy/retention`);
  check((await heading(driver)) === 'Retention rules', 'the retention rules open');
  await axe(driver, 'retention rules and dry run');
  await driver.get(`${base}/manage/${org}/privacy/notice`);
  await axe(driver, 'privacy notice editor');
  await driver.get(`${base}/manage/${org}/privacy/consents`);
  check((await heading(driver)) === 'Consent register', 'the consent register opens');
  await axe(driver, 'consent register');
  await driver.get(`${base}/manage/${org}/settings/notifications`);
  check((await heading(driver)) === 'Messages to volunteers', 'the message settings open');
  await axe(driver, 'message settings');

  console.log('step: A volunteer\'s copy of their data, and what erasing would do.');
  await driver.get(`${base}/manage/${org}/volunteers`);
  await click(driver, By.xpath("//main//a[contains(normalize-space(.), 'Tunde Adeyemi')]"));
  await click(driver, By.linkText('Copy of their data'));
  check((await heading(driver)) === 'Copy of Tunde Adeyemi\'s data', 'the subject access page opens');
  await axe(driver, 'subject access');
  await driver.navigate().back();
  await click(driver, By.linkText('Erase their data'));
  check((await heading(driver)) === 'Erase their data: Tunde Adeyemi', 'the erasure preview opens');
  await axe(driver, 'erasure preview');
  await driver.navigate().back();
  await click(driver, By.linkText('Consents'));
  check((await heading(driver)) === 'Consents: Tunde Adeyemi', 'the consents page opens');
  await axe(driver, 'consents');
  await click(driver, By.xpath("//main//button[normalize-space(.)='Record the consent']"));
  await waitFor(driver, By.css('.error-summary'), 'the error summary');
  await axe(driver, 'consents: the form\'s errors');
  await driver.findElement(By.id('purpose')).sendKeys('Photographs in our newsletter');
  await driver.findElement(By.css('#state option[value="given"]')).click();
  await driver.findElement(By.id('on')).sendKeys('5 1 2026');
  await driver.findElement(By.css('#way option[value="written"]')).click();
  await click(driver, By.xpath("//main//button[normalize-space(.)='Record the consent']"));
  await driver.wait(async () => (await mainText()).includes('The consent is recorded'), 15000);
  await axe(driver, 'consents: recorded, with its withdrawal form');
  await signOut(driver);

  console.log('step: The public privacy notice.');
  await driver.get(`${base}/organisations/${org}/privacy`);
  check((await heading(driver)) === 'Privacy notice', 'the public notice opens');
  await axe(driver, 'privacy notice (public)');

  console.log('step: A volunteer asks for a copy of their own data.');
  await signIn(driver, volunteer, '/my/data');
  check((await heading(driver)) === 'Your data', 'the volunteer\'s data page opens');
  await axe(driver, 'my data');
  await click(driver, By.xpath("//main//button[normalize-space(.)='Make a copy of my data']"));
  await driver.wait(until.elementLocated(By.partialLinkText('Download your data')), 15000);
  await axe(driver, 'my data (copy ready)');
  await signOut(driver);
  report('data journey');
} finally {
  await driver.quit();
}
