/**
 * The console as its four kinds of people use it, against one `poise up` with the demo seed: the
 * synthetic coach reads a cohort dashboard, the demo candidate reads, replays and exports a report,
 * the demo staff member reviews it, and the demo admin changes a policy and finds all of it in the
 * audit trail. The steps share one browser and one signed-in context per person, in order.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { auditRows, filterAudit } from './support/console-audit';
import {
  downloadFrom,
  PHONE,
  pollUntil,
  type SignedIn,
  seededAccount,
  signInAs,
} from './support/console-session';
import { type PoiseUp, startPoiseUp } from './support/poise-up';

const people = {
  candidate: seededAccount('candidate@demo.poise.local'),
  staff: seededAccount('staff@demo.poise.local'),
  admin: seededAccount('admin@demo.poise.local'),
  coach: seededAccount('coach@synthetic.poise.local'),
} as const;
type Person = keyof typeof people;

let poise: PoiseUp;
let browser: Browser;
const signedIn = new Map<Person, SignedIn>();
/** The demo session whose report the candidate opens first; the staff and admin steps follow it. */
let sessionId = '';

function as(person: Person): SignedIn {
  const session = signedIn.get(person);
  if (session === undefined) throw new Error(`${person} is not signed in (the sign-in step failed)`);
  return session;
}

beforeAll(async () => {
  poise = await startPoiseUp();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const { context } of signedIn.values()) await context.close();
  await browser?.close();
  await poise?.stop();
});

describe('the console journey on the demo seed', () => {
  it('signs in the demo candidate, staff member, admin and the synthetic coach', async () => {
    for (const person of Object.keys(people) as Person[]) {
      const session = await signInAs(browser, poise.consoleUrl, people[person]);
      signedIn.set(person, session);
      await session.page.getByRole('navigation', { name: 'Main' }).waitFor();
      expect(new URL(session.page.url()).pathname).not.toBe('/login');
      await screenshot(session.page, `journey-landing-${person}`);
    }
  }, 180_000);

  it('shows the synthetic coach a cohort dashboard with weekly charts, on a laptop and a phone', async () => {
    const { page } = as('coach');
    const cohortLinks = page.locator('table a[href^="/cohorts/"]');
    await pollUntil('the synthetic cohorts to be generated', 240_000, async () => {
      await page.goto(`${poise.consoleUrl}/cohorts`);
      return (await cohortLinks.count()) > 0 ? true : undefined;
    });
    await screenshot(page, 'cohorts');
    const cohortName = (await cohortLinks.first().textContent()) ?? '';
    await cohortLinks.first().click();
    await page.getByRole('heading', { level: 1, name: cohortName }).waitFor();
    // The synthetic year runs up to a few months ago: the whole year is the period with practice in it.
    await page.getByRole('link', { name: 'Last 12 months' }).click();
    await page.waitForURL((url) => url.searchParams.get('months') === '12');
    const dashboardUrl = page.url();
    await pollUntil('the projector to chart the synthetic practice', 120_000, async () => {
      const empty = await page.getByText('No practice in this period yet.').count();
      if (empty === 0) return true;
      await page.goto(dashboardUrl);
      return undefined;
    });
    // Tremor draws with recharts once the page is hydrated and measured: bars, and a line with a path.
    const volume = page.locator('div', {
      has: page.getByRole('heading', { name: 'Weekly practice volume' }),
    });
    await volume.locator('.recharts-bar-rectangle').first().waitFor({ state: 'attached', timeout: 30_000 });
    expect(await volume.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    // A trend drawn through more than one week: its path has line (L) or curve (C) segments.
    const trendLine = page.locator('path.recharts-line-curve[d*="L"], path.recharts-line-curve[d*="C"]');
    await trendLine.first().waitFor({ state: 'attached', timeout: 30_000 });
    await expect(page.getByText('No practice in this period yet.').count()).resolves.toBe(0);
    await screenshot(page, 'cohort-dashboard');
    await screenshot(page, 'cohort-dashboard-top', { fullPage: false });

    const phone = await browser.newContext({
      viewport: PHONE,
      storageState: await as('coach').context.storageState(),
    });
    try {
      const phonePage = await phone.newPage();
      await phonePage.goto(page.url());
      await phonePage
        .locator('.recharts-bar-rectangle')
        .first()
        .waitFor({ state: 'attached', timeout: 30_000 });
      await screenshot(phonePage, 'cohort-dashboard-phone');
      // Nothing may push the page sideways on a phone: wide tables scroll inside their own box.
      // A failure names what sticks out or spills, so the culprit is in the message.
      const sticking = await phonePage.evaluate<string[]>(`(() => {
        const width = window.innerWidth;
        const describe = (el) => el.tagName.toLowerCase() + '.' + String(el.className).slice(0, 60);
        const spilling = [...document.querySelectorAll('body, body *')].filter(
          (el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0,
        );
        const wide = [...document.querySelectorAll('body *')].filter(
          (el) => el.getBoundingClientRect().right > width + 1,
        );
        return [
          ...wide.filter((el) => !wide.includes(el.parentElement)).map((el) => describe(el) + ' right ' + Math.round(el.getBoundingClientRect().right)),
          ...spilling.map((el) => describe(el) + ' spills ' + el.scrollWidth + '>' + el.clientWidth),
        ].filter((line) => !line.startsWith('text.')).slice(0, 16);
      })()`);
      const pageWidth = await phonePage.evaluate<number>('document.documentElement.scrollWidth');
      // Wide tables may stick out inside their own scrolling box; the page itself may not.
      expect(pageWidth, `wider than the phone: ${sticking.join('; ')}`).toBeLessThanOrEqual(390);
    } finally {
      await phone.close();
    }
  }, 300_000);

  it('lists the demo candidate’s sessions until a report is ready, and opens it', async () => {
    const { page } = as('candidate');
    const openReport = page.getByRole('link', { name: 'Open report' });
    await pollUntil(
      'a demo session report (imported and analysed in the background)',
      240_000,
      async () => {
        await page.goto(`${poise.consoleUrl}/sessions`);
        return (await openReport.count()) > 0 ? true : undefined;
      },
      5_000,
    );
    await screenshot(page, 'sessions');
    const href = (await openReport.first().getAttribute('href')) ?? '';
    sessionId = href.split('/')[2] ?? '';
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

    await openReport.first().click();
    await page.getByRole('heading', { level: 1, name: 'Session report' }).waitFor();
    // A chart is drawn once the page hydrates. Which lines it has depends on how many analyses the
    // session got, so any chart surface will do; room-practice checks a report's numbers against its input.
    await page.locator('svg.recharts-surface').first().waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByText('Eye contact').first().waitFor();
    // The candidate's own view is not audited, so the page says nothing about the audit trail.
    await expect(page.getByText('Your view of this report is recorded').count()).resolves.toBe(0);
    await screenshot(page, 'session-report');
  }, 300_000);

  it('replays the session: a recorded frame from the media store that follows the scrubber', async () => {
    const { page } = as('candidate');
    await page.goto(`${poise.consoleUrl}/sessions/${sessionId}/replay`);
    await page.getByRole('heading', { level: 1, name: 'Replay' }).waitFor();
    await screenshot(page, 'session-replay');
    const frame = page.locator('img[alt^="Recorded frame"]');
    await frame.waitFor();
    const loadedFrame = () =>
      frame.evaluate((element) => {
        // This workspace compiles without the DOM library, so the <img> is described by hand.
        const img = element as unknown as { complete: boolean; src: string; naturalWidth: number };
        return img.complete ? { src: img.src, width: img.naturalWidth } : null;
      });
    const first = await pollUntil(
      'the first frame to load',
      15_000,
      async () => (await loadedFrame()) ?? undefined,
      250,
    );
    expect(new URL(first.src).pathname).toMatch(new RegExp(`^/media/${sessionId}/`));
    expect(first.width).toBeGreaterThan(0);

    const scrubber = page.getByRole('slider', { name: /Position in the answer/ });
    const timeBefore = await scrubber.getAttribute('aria-valuetext');
    await scrubber.focus();
    await page.keyboard.press('End');
    await expect.poll(() => scrubber.getAttribute('aria-valuetext')).not.toBe(timeBefore);
    const last = await pollUntil(
      'the frame at the end to load',
      15_000,
      async () => (await loadedFrame()) ?? undefined,
      250,
    );
    expect(last.width).toBeGreaterThan(0);
    expect(new URL(last.src).pathname).toMatch(new RegExp(`^/media/${sessionId}/`));
    // Scrub back to the start for the screenshot, so the frame and the cursor are at the first second.
    await page.keyboard.press('Home');
    await expect.poll(() => scrubber.getAttribute('aria-valuetext')).toBe(timeBefore);
    await screenshot(page, 'session-replay');
  }, 120_000);

  it('exports the report as a PDF from the report page', async () => {
    const { page } = as('candidate');
    await page.goto(`${poise.consoleUrl}/sessions/${sessionId}`);
    const pdf = await downloadFrom(page, page.getByRole('button', { name: 'Export PDF' }));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(1024);
  }, 120_000);

  it('shows the candidate’s progress over their sessions', async () => {
    const { page } = as('candidate');
    await page.goto(`${poise.consoleUrl}/progress`);
    await page.getByRole('heading', { level: 1, name: 'My progress' }).waitFor();
    await screenshot(page, 'progress');
  });

  it('lets the demo staff member read the same report and comment on the session', async () => {
    const { page } = as('staff');
    await page.goto(`${poise.consoleUrl}/sessions/${sessionId}`);
    await page.getByRole('heading', { level: 1, name: 'Session report' }).waitFor();
    await page.getByText('Your view of this report is recorded in the audit trail.').waitFor();

    await page.goto(`${poise.consoleUrl}/sessions/${sessionId}/review`);
    await page.getByRole('heading', { level: 1, name: /Review of the session/ }).waitFor();
    const comment = `Clear structure; slow down in the first answer (e2e ${Date.now()}).`;
    await page.getByLabel('Comment').fill(comment);
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.locator('#comments li', { hasText: comment }).waitFor();
    await screenshot(page, 'session-review');
  });

  it('lets the demo admin change the raw-media retention policy', async () => {
    const { page } = as('admin');
    await page.goto(`${poise.consoleUrl}/admin/policies`);
    await page.getByRole('heading', { level: 1, name: 'Policies' }).waitFor();
    const days = page.getByLabel(/Keep raw media for/);
    const current = await days.inputValue();
    const chosen = current === '45' ? '60' : '45';
    await days.fill(chosen);
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page.getByText(`Raw media is now kept for ${chosen} days.`).waitFor();
    await page.reload();
    await expect(page.getByText(`${chosen} days`, { exact: true }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'admin-policies');
  });

  it('finds every one of those actions in the admin’s audit trail, filtered and as CSV', async () => {
    const { page } = as('admin');
    const sessionRows = await pollUntil(
      'the projector to add the session’s audit entries',
      60_000,
      async () => {
        await page.goto(`${poise.consoleUrl}/admin/audit?session=${sessionId}`);
        const rows = await auditRows(page);
        const actions = new Set(rows.map((row) => row.action));
        const complete = ['ReportViewed', 'ReportExported', 'SessionCommentAdded'].every((a) =>
          actions.has(a),
        );
        return complete ? rows : undefined;
      },
    );
    expect(sessionRows.every((row) => row.sessionId === sessionId)).toBe(true);
    const views = sessionRows.filter((row) => row.action === 'ReportViewed');
    expect(views.length).toBeGreaterThan(0);
    // Only the staff member's view is recorded: a candidate reading their own report is not audited.
    expect(views.every((row) => row.actor.includes('(staff)'))).toBe(true);
    // People are named on the trail, not only by id.
    expect(views.every((row) => row.actorName !== '' && !row.actorName.includes('unknown'))).toBe(true);
    expect(sessionRows.find((row) => row.action === 'ReportExported')?.actor).toContain('(candidate)');

    await filterAudit(page, { session: sessionId, action: 'ReportViewed,ReportExported' });
    const filtered = await auditRows(page);
    expect(new Set(filtered.map((row) => row.action))).toEqual(new Set(['ReportViewed', 'ReportExported']));
    expect(filtered.every((row) => row.sessionId === sessionId)).toBe(true);

    const tenantRows = await pollUntil('the projector to add the policy change', 60_000, async () => {
      await filterAudit(page, { action: 'RetentionPolicySet,UserSignedIn' });
      const rows = await auditRows(page);
      // The demo seed set a retention policy too (as the system); wait for the admin's own change.
      const byAdmin = rows.some(
        (row) => row.action === 'RetentionPolicySet' && row.actor.includes('(admin)'),
      );
      return byAdmin ? rows : undefined;
    });
    expect(
      tenantRows.some((row) => row.action === 'RetentionPolicySet' && row.actor.includes('(admin)')),
    ).toBe(true);
    await screenshot(page, 'audit-trail');
    // Each demo person signed in in the first step; the rows above give each one's id (with their role).
    const idOf = (rows: typeof sessionRows, action: string, role: string) =>
      rows.find((row) => row.action === action && row.actor.endsWith(`(${role})`))?.actor.split(' ')[0];
    const demoIds = [
      idOf(sessionRows, 'ReportExported', 'candidate'),
      idOf(sessionRows, 'ReportViewed', 'staff'),
      idOf(tenantRows, 'RetentionPolicySet', 'admin'),
    ];
    const signedInIds = tenantRows
      .filter((row) => row.action === 'UserSignedIn')
      .map((row) => row.actor.split(' ')[0]);
    expect(signedInIds).toEqual(expect.arrayContaining(demoIds));

    await page.goto(`${poise.consoleUrl}/admin/audit`);
    const csv = await downloadFrom(page, page.getByRole('button', { name: 'Export CSV' }));
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.bytes.toString('utf8').trim().split(/\r\n/);
    const rowsWith = (action: string) => lines.filter((line) => line.split(',')[1] === action);
    expect(rowsWith('ReportViewed').some((line) => line.includes(sessionId))).toBe(true);
    expect(rowsWith('ReportExported').some((line) => line.includes(sessionId))).toBe(true);
    expect(rowsWith('SessionCommentAdded').some((line) => line.includes(sessionId))).toBe(true);
    expect(rowsWith('RetentionPolicySet').length).toBeGreaterThan(0);
    expect(rowsWith('UserSignedIn').length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
