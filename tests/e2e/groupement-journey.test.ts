import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../db/connection';
import { signedInPage, startE2eApp, type E2eApp } from '../support/e2e';
import { ocdsValidators, siretFor } from '../support/ocds';
import { addMember, buyerOrganisation, createUser, PDF_BYTES, type TestUser } from '../support/organisations';
import { checkPage as checkPageOf } from '../support/page-checks';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

// The groupement journey of issue 7 §5 in Chromium, through the real pages only: a buyer writes a three-lot
// tender and sends it, a moderator publishes it; a supplier starts a groupement on the three lots, invites the
// partner the suggestions propose for the lots it does not cover, the partner accepts; the lead sets the form,
// the prices and the allocation, each member provides its pieces (PDF, « Fait »), the lead submits; once the
// deadline has passed the buyer opens the bids and awards the three lots to the groupement; the OCDS export of
// the awarded tender validates against the OCDS 1.1.5 schemas with both members as suppliers. Every page visited
// passes checkPage (axe-core, one h1, headings in order, labelled fields, no page error).

const TITLE = 'Aménagement de la maison du parc';
const LEAD = 'Menuiserie du Vallon e2e';
const PARTNER = 'Ruchers et Décors du Rhône e2e';
// Lot 1 is the lead's trade; lots 2 and 3 are sectors only the partner covers (no demo supplier has both).
const LOTS = [
  { title: 'Menuiseries intérieures', sector: 'menuiserie-batiment', price: '40 000' },
  { title: 'Ruchers pédagogiques', sector: 'apiculture', price: '8 500' },
  { title: 'Scénographie de l’exposition', sector: 'scenographie-decors', price: '15 250,50' },
];

let app: E2eApp;
let buyer: Page;
let moderator: Page;
let lead: Page;
let partner: Page;
let buyerOrgId: number;
let tenderId: number;
let bidUrl: string;

const pageFor = (user: TestUser): Promise<Page> => signedInPage(app, user.cookie);

/** A published supplier of the Rhône (its sectors, serving the département) whose organisation `owner` owns. */
async function rhoneSupplier(db: DB, name: string, siretSeed: number, sectors: string[], owner: TestUser) {
  const written = await writeSupplier(
    db,
    supplierInput({
      siret: siretFor(siretSeed),
      name,
      communeCode: '69123',
      description: `${name}, structure d’insertion lyonnaise.`,
      sectors,
      offers: [{ name: 'Prestations', description: 'Prestations sur mesure pour les collectivités.' }],
      serviceAreas: [{ kind: 'departement', code: '69' }],
      publicationStatus: 'published',
      charterStatus: 'verified',
    }),
  );
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto('organisations')
    .values({ kind: 'supplier', name, supplier_id: written.id, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addMember(db, id, owner.id, 'owner');
}

beforeAll(async () => {
  app = await startE2eApp();
  const database = openDatabase(app.databaseFile);
  try {
    const db = database.db;
    const buyerUser = await createUser(db, { email: 'achats@parc-e2e.fr' });
    const moderatorUser = await createUser(db, { email: 'moderation-groupement@maillage.fr', siteRole: 'moderator' });
    buyerOrgId = await buyerOrganisation(db, 'Syndicat du parc e2e');
    // The OCDS export identifies the buyer by its SIRET.
    await db
      .updateTable('organisations')
      .set({ siret: siretFor(501) })
      .where('id', '=', buyerOrgId)
      .execute();
    await addMember(db, buyerOrgId, buyerUser.id, 'owner');
    const leadUser = await createUser(db, { email: 'atelier@menuiserie-e2e.fr' });
    const partnerUser = await createUser(db, { email: 'contact@ruchers-e2e.fr' });
    await rhoneSupplier(db, LEAD, 502, ['menuiserie-batiment'], leadUser);
    await rhoneSupplier(db, PARTNER, 503, ['apiculture', 'scenographie-decors'], partnerUser);
    buyer = await pageFor(buyerUser);
    moderator = await pageFor(moderatorUser);
    lead = await pageFor(leadUser);
    partner = await pageFor(partnerUser);
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  for (const page of [buyer, moderator, lead, partner]) await page?.context().close();
  await app?.close();
});

const checkPage = (page: Page, name: string) => checkPageOf(app, page, name);
const notice = (page: Page) => page.locator('.notice').first().textContent();

/** Ticks the sector of the i-th lot row (its checkboxes sit in a closed <details>). */
async function lotRow(i: number, lot: (typeof LOTS)[number]) {
  const row = buyer.locator('fieldset.lot').nth(i);
  await row.getByLabel('Titre du lot').fill(lot.title);
  await row.locator('summary').click();
  await row.locator(`input[type="checkbox"][value="${lot.sector}"]`).check();
}

/** Every checklist item `member` provides (or nobody, for the lead): a PDF and « Fait ». */
async function providePieces(page: Page, member: string, orUnassigned: boolean) {
  await page.goto(`${bidUrl}/pieces`);
  const pending = () =>
    page
      .locator('ul.workspace-list > li')
      .filter({ hasText: orUnassigned ? new RegExp(`Fournie par : (${member}|personne)`) : `Fournie par : ${member}` })
      .filter({ hasNotText: 'État : Fait' });
  for (let left = await pending().count(); left > 0;) {
    const item = pending().first();
    const label = (await item.locator('h3').textContent()) ?? '';
    await item.locator('summary').click();
    await item.getByLabel(/^État/).selectOption('done');
    await item.getByLabel(/^Document/).setInputFiles({
      name: `piece-${left}.pdf`,
      mimeType: 'application/pdf',
      buffer: Buffer.from(PDF_BYTES),
    });
    await item.getByRole('button', { name: /^Enregistrer/ }).click();
    await page.waitForURL(/fait=piece/);
    await expect.poll(() => notice(page)).toContain('La pièce est enregistrée.');
    await page.goto(`${bidUrl}/pieces`);
    const now = await pending().count();
    expect(now, `${member}: ${label} done`).toBe(left - 1);
    left = now;
  }
}

describe('a groupement answers a three-lot tender and wins it', () => {
  it('the buyer writes a three-lot tender, the moderator publishes it', async () => {
    const base = `${app.baseUrl}/organisations/${buyerOrgId}/appels-d-offres`;
    await buyer.goto(`${base}/nouveau`);
    await checkPage(buyer, 'groupement-ao-nouveau');
    await buyer.getByLabel('Titre (obligatoire)', { exact: true }).fill(TITLE);
    await buyer.getByLabel('Description (obligatoire pour envoyer)').fill('Menuiseries, ruchers et exposition.');
    await buyer.getByLabel('Procédure (appel d’offres)').selectOption('open');
    await buyer.getByLabel('Catégorie principale').selectOption('services');
    await buyer.getByLabel('Codes CPV').fill('77310000-6');
    await buyer.locator('input[name="sectors"][value="menuiserie-batiment"]').check();
    await buyer.getByLabel('Lieu d’exécution').selectOption('departement');
    await buyer.getByLabel('Code INSEE du lieu').fill('69');
    await buyer.getByLabel('Valeur estimée, en euros hors taxes').fill('70 000');
    await buyer.getByLabel('Date limite de remise des offres').fill('2099-01-20T12:00');
    await buyer.getByLabel('Durée du marché, en mois').fill('12');
    await buyer.getByLabel('Nom du contact').fill('Service achats');
    await buyer.getByLabel('Adresse e-mail de contact').fill('achats@parc-e2e.fr');
    // The new form has two lot rows; saving the draft gives more.
    await lotRow(0, LOTS[0]);
    await lotRow(1, LOTS[1]);
    await buyer.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await buyer.waitForURL(/appels-d-offres\/\d+\?fait=enregistre$/);
    tenderId = Number(/appels-d-offres\/(\d+)/.exec(buyer.url())?.[1]);
    await checkPage(buyer, 'groupement-ao-brouillon');
    await lotRow(2, LOTS[2]);
    await buyer.getByRole('button', { name: 'Envoyer à la modération' }).click();
    await buyer.waitForURL(/appels-d-offres\?fait=envoye$/);

    await moderator.goto(`${app.baseUrl}/moderation/appels-d-offres`);
    await checkPage(moderator, 'groupement-moderation');
    const review = moderator.locator('section.review', { has: moderator.getByRole('heading', { name: TITLE }) });
    await review.getByLabel('Publier').check();
    await review.getByRole('button', { name: /Enregistrer la décision/ }).click();
    await moderator.waitForURL(/fait=publie$/);
  });

  it('the lead starts a groupement and invites the partner the suggestions propose; the partner accepts', async () => {
    await lead.goto(`${app.baseUrl}/appels-d-offres/${tenderId}`);
    await checkPage(lead, 'groupement-ao-public');
    for (const lot of LOTS) expect(await lead.locator('main').textContent()).toContain(lot.title);
    await lead.getByRole('link', { name: 'Répondre à cet appel d’offres' }).click();
    await lead.waitForURL(/\/repondre$/);
    await checkPage(lead, 'groupement-repondre');
    await lead.getByLabel('Constituer un groupement (vous en serez le mandataire)').check();
    await lead.getByLabel('Nom du groupement').fill('Groupement de la maison du parc');
    const lots = lead.getByRole('group', { name: 'Lots auxquels vous répondez' });
    for (const [i, lot] of LOTS.entries()) await lots.getByLabel(`Lot ${i + 1} — ${lot.title}`).check();
    await lead.getByRole('button', { name: 'Commencer la réponse' }).click();
    await lead.waitForURL(/\/reponses\/\d+\?fait=cree$/);
    bidUrl = lead.url().replace(/\?.*$/, '');
    await checkPage(lead, 'groupement-vue-ensemble');

    await lead.goto(`${bidUrl}/repartition`);
    await expect.poll(() => lead.getByText(/Secteurs à couvrir : .*\(lots 2 et 3\)/).count()).toBe(1);
    await checkPage(lead, 'groupement-repartition-suggestions');
    await lead
      .getByRole('button', { name: `Inviter ${PARTNER}` })
      .first()
      .click();
    await expect.poll(() => notice(lead)).toContain('est invitée');

    await partner.goto(bidUrl);
    await checkPage(partner, 'groupement-invitation-partenaire');
    await partner.getByRole('button', { name: 'Accepter de rejoindre le groupement' }).click();
    await expect.poll(() => notice(partner)).toContain('rejoint');
  });

  it('the lead sets the form, the prices and the allocation; each member provides its pieces; the lead submits', async () => {
    // Typed before the page hydrates, a value can be lost when Conform takes the form over: wait for the scripts.
    await lead.goto(bidUrl, { waitUntil: 'networkidle' });
    await lead.getByLabel('Forme du groupement').selectOption('solidaire');
    await lead.getByRole('button', { name: 'Enregistrer la forme' }).click();
    await expect.poll(() => notice(lead)).toContain('La forme du groupement est enregistrée.');
    await lead.waitForLoadState('networkidle');
    for (const [i, lot] of LOTS.entries()) await lead.getByLabel(`Prix du lot ${i + 1} en euros HT`).fill(lot.price);
    await lead.getByRole('button', { name: 'Enregistrer les lots et les prix' }).click();
    await expect.poll(() => notice(lead)).toContain('Les lots et les prix sont enregistrés.');
    for (const [i, lot] of LOTS.entries())
      expect((await lead.getByLabel(`Prix du lot ${i + 1} en euros HT`).inputValue()).replace(/\s/g, '')).toBe(
        lot.price.replace(/\s/g, ''),
      );

    await lead.goto(`${bidUrl}/repartition`);
    // Nothing is left to cover: no more suggestions.
    await expect.poll(() => lead.getByRole('button', { name: /^Inviter/ }).count()).toBe(0);
    await lead.getByLabel(`Part de ${LEAD} dans le lot 1 (%)`).fill('100');
    // The partner's share of lot 1 stays empty: a share is between 0,01 % and 100 %.
    await lead.getByLabel(`Part de ${LEAD} dans le lot 2 (%)`).fill('20');
    await lead.getByLabel(`Part de ${PARTNER} dans le lot 2 (%)`).fill('80');
    await lead.getByLabel(`Tâches de ${LEAD} dans le lot 2`).fill('Fabrication des ruches en bois');
    await lead.getByLabel(`Part de ${LEAD} dans le lot 3 (%)`).fill('35');
    await lead.getByLabel(`Part de ${PARTNER} dans le lot 3 (%)`).fill('65');
    await lead.getByRole('button', { name: 'Enregistrer la répartition' }).click();
    await lead.waitForURL(/fait=repartition$/);
    await expect.poll(() => lead.getByText('La répartition enregistrée couvre chaque lot à 100 %.').count()).toBe(1);
    await checkPage(lead, 'groupement-repartition-enregistree');

    await providePieces(partner, PARTNER, false);
    await checkPage(partner, 'groupement-pieces-partenaire');
    await providePieces(lead, LEAD, true);
    const summary = lead.getByText(/pièces? faites? sur \d+/).first();
    const [done, total] = ((await summary.textContent()) ?? '').match(/\d+/g) ?? [];
    expect(done).toBe(total);
    await checkPage(lead, 'groupement-pieces');

    await lead.goto(`${bidUrl}/discussion`);
    await lead.getByLabel('Message (obligatoire)').fill('Toutes les pièces sont déposées, je dépose l’offre.');
    await lead.getByRole('button', { name: 'Envoyer le message' }).click();
    await lead.waitForURL(/fait=message/);
    await checkPage(lead, 'groupement-discussion');

    await lead.goto(bidUrl);
    // Nothing left « Avant de déposer l’offre » (the text shows what is missing when it fails).
    expect(await lead.locator('main').textContent()).toContain('Tout est prêt');
    await lead.getByRole('button', { name: 'Déposer l’offre' }).click();
    await expect.poll(() => lead.locator('main').textContent()).toContain('Dernier dépôt');
    await checkPage(lead, 'groupement-deposee');
  });

  it('after the deadline the buyer awards the three lots to the groupement', async () => {
    // Bids stay sealed until the submission deadline (decision 231) and the server checks the real clock, so
    // the test brings the tender's deadlines (2099) back to just after the bid's submission, a few seconds ago:
    // publication, submission, deadline and now stay in order, as the OCDS export requires.
    const database = openDatabase(app.databaseFile);
    try {
      const bid = await database.db
        .selectFrom('bids')
        .select('submitted_at')
        .where('tender_id', '=', tenderId)
        .executeTakeFirstOrThrow();
      const deadline = new Date(Date.parse(bid.submitted_at ?? '') + 1000);
      expect(deadline.getTime()).toBeLessThan(Date.now());
      await database.db
        .updateTable('tenders')
        .set({ submission_deadline: deadline.toISOString(), questions_deadline: deadline.toISOString() })
        .where('id', '=', tenderId)
        .execute();
    } finally {
      await database.close();
    }

    const offres = `${app.baseUrl}/organisations/${buyerOrgId}/appels-d-offres/${tenderId}/offres`;
    await buyer.goto(offres);
    await checkPage(buyer, 'groupement-offres');
    const main = buyer.locator('main');
    for (const name of [LEAD, PARTNER]) expect(await main.textContent()).toContain(name);
    const lot1 = buyer.locator('section[aria-labelledby="lot-1"]');
    expect(await lot1.locator('table').textContent()).toMatch(new RegExp(`${LEAD}\\s*100`));
    for (const lot of [1, 2, 3]) {
      await buyer.getByRole('button', { name: new RegExp(`^Attribuer le lot ${lot} à cette offre`) }).click();
      await buyer.waitForURL(/fait=award$/);
      await expect.poll(() => notice(buyer)).toBeTruthy();
    }
    await expect.poll(() => main.textContent()).toMatch(/État : Attribué/);
    await checkPage(buyer, 'groupement-offres-attribue');
  });

  it('the OCDS export of the awarded tender is valid, the groupement members its suppliers', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/tenders/${tenderId}/ocds`);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const body = JSON.parse(text) as {
      releases: {
        tender: { status: string };
        awards?: { relatedLots?: string[]; suppliers: { name: string }[]; status: string }[];
      }[];
    };
    const validate = ocdsValidators();
    const ok = validate.releasePackage(body);
    expect(validate.releasePackage.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    for (const release of body.releases)
      expect(validate.release(release), JSON.stringify(validate.release.errors)).toBe(true);
    const awards = body.releases.flatMap((r) => r.awards ?? []);
    expect(awards.map((a) => a.relatedLots).sort()).toEqual([['1'], ['2'], ['3']]);
    for (const award of awards) expect(award.suppliers.map((s) => s.name)).toEqual([LEAD, PARTNER]);
  });
});
