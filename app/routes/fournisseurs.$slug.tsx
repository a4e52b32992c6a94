import type { CacheRenderedPageHandle } from '~/services/cache/rendered-pages.server';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from '~/api/supplier-id';
import { CharterStatusBadge } from '~/components/charter-status';
import { formatDate, formatInteger, formatPhone, formatSiret, safeWebsite, telHref } from '~/components/format';
import { CHARTER_VALIDITY_TEXT } from '~/domain/charter';
import { getAppContext } from '~/services/context.server';
import { publicLogoUrl } from '~/services/sheet/logo.server';
import { getPublicSupplierSheet } from '~/services/supplier-sheet.server';

// Rendered once per distinct URL and data for visitors who are not signed in (docs/decisions/305).
export const handle: CacheRenderedPageHandle = { cacheRenderedPage: true };

const slugSchema = z.string().regex(new RegExp(SLUG_PATTERN)).max(MAX_SLUG_LENGTH);

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = slugSchema.safeParse(params.slug);
  if (!slug.success) throw new Response('Fournisseur introuvable', { status: 404 });
  const { database } = await getAppContext();
  const sheet = await getPublicSupplierSheet(database.db, slug.data);
  if (!sheet) throw new Response('Fournisseur introuvable', { status: 404 });
  // The logo is the page's, not the API's: the public sheet's JSON shape stays as documented.
  return { sheet, logoUrl: await publicLogoUrl(database.db, sheet.id) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Fournisseur introuvable — Maillage' }];
  const { sheet } = data;
  const where = `${sheet.address.commune.name} (${sheet.address.departement.code})`;
  return [
    { title: `${sheet.name} — ${sheet.structureKind.name} à ${where} — Maillage` },
    {
      name: 'description',
      content: `${sheet.name}, ${sheet.structureKind.name.toLowerCase()} à ${where}. ${sheet.description}`.slice(
        0,
        300,
      ),
    },
  ];
};

const CHARTER_EXPLANATIONS = {
  verified: 'Un modérateur a vérifié les preuves apportées pour les 9 critères de la charte.',
  pending: 'La structure a rempli son auto-évaluation ; la vérification par un modérateur est en cours.',
  expired: `La vérification date de plus de ${CHARTER_VALIDITY_TEXT} et n’a pas encore été renouvelée.`,
  none: 'La structure n’a pas encore engagé la démarche de la charte.',
} as const;

export default function SupplierSheetPage() {
  const { sheet, logoUrl } = useLoaderData<typeof loader>();
  const website = sheet.contact.website ? safeWebsite(sheet.contact.website) : null;
  const hasContact = Boolean(sheet.contact.email || sheet.contact.phone || website);
  const sectorGroups = new Map<string, { name: string; sectors: string[] }>();
  for (const sector of sheet.sectors) {
    const group = sectorGroups.get(sector.group.code) ?? { name: sector.group.name, sectors: [] };
    group.sectors.push(sector.name);
    sectorGroups.set(sector.group.code, group);
  }
  const capacities = sheet.capacities;
  const hasCapacities =
    capacities.headcount !== null || capacities.insertionHeadcount !== null || capacities.turnoverBand !== null;
  const insertionLabel =
    sheet.structureKind.family === 'disability'
      ? 'Travailleurs en situation de handicap'
      : 'Salariés en parcours d’insertion';

  return (
    <div className="container page sheet">
      <nav className="breadcrumb" aria-label="Fil d’Ariane">
        <ol>
          <li>
            <Link to="/">Accueil</Link>
          </li>
          <li>
            <Link to="/fournisseurs">Fournisseurs</Link>
          </li>
          <li>
            <span aria-current="page">{sheet.name}</span>
          </li>
        </ol>
      </nav>

      <header className="sheet__header">
        {/* Decorative next to the name it shows (alt="", decision 131): the h1 says the name. */}
        {logoUrl ? <img src={logoUrl} alt="" className="sheet__logo" /> : null}
        <h1>{sheet.name}</h1>
        {sheet.tradeName && sheet.tradeName !== sheet.name ? (
          <p className="sheet__trade">Nom commercial : {sheet.tradeName}</p>
        ) : null}
        <div className="sheet__badges">
          <span className="kind-badge">{sheet.structureKind.shortName}</span>
          <span>{sheet.structureKind.name}</span>
          <span aria-hidden="true">·</span>
          <span>
            {sheet.address.commune.name} ({sheet.address.departement.name})
          </span>
          <CharterStatusBadge status={sheet.charter.status} label={sheet.charter.label} />
        </div>
      </header>

      <div className="sheet-layout">
        <div>
          <section className="sheet-section" aria-labelledby="presentation">
            <h2 id="presentation">Présentation</h2>
            {sheet.description ? (
              <p>{sheet.description}</p>
            ) : (
              <p className="muted">La structure n’a pas encore rédigé sa présentation.</p>
            )}
          </section>

          <section className="sheet-section" aria-labelledby="offres">
            <h2 id="offres">Offre de biens et services</h2>
            {sheet.offers.length > 0 ? (
              <ul className="offer-list">
                {sheet.offers.map((offer, i) => (
                  <li key={i}>
                    <h3>{offer.name}</h3>
                    {offer.description ? <p>{offer.description}</p> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">Aucune offre détaillée.</p>
            )}
          </section>

          <section className="sheet-section" aria-labelledby="secteurs">
            <h2 id="secteurs">Secteurs d’activité</h2>
            {sectorGroups.size > 0 ? (
              <dl className="sector-groups">
                {[...sectorGroups.entries()].map(([code, group]) => (
                  <div key={code}>
                    <dt>{group.name}</dt>
                    <dd>
                      <ul className="tags">
                        {group.sectors.map((name) => (
                          <li key={name} className="tag">
                            {name}
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="muted">Aucun secteur renseigné.</p>
            )}
          </section>

          <section className="sheet-section" aria-labelledby="zone">
            <h2 id="zone">Zone d’intervention</h2>
            <p>{sheet.serviceArea.summary}</p>
          </section>

          {hasCapacities ? (
            <section className="sheet-section" aria-labelledby="capacites">
              <h2 id="capacites">Capacités</h2>
              <dl className="definition-list">
                {capacities.headcount !== null ? (
                  <>
                    <dt>Effectif</dt>
                    <dd>{formatInteger(capacities.headcount)} personnes</dd>
                  </>
                ) : null}
                {capacities.insertionHeadcount !== null ? (
                  <>
                    <dt>{insertionLabel}</dt>
                    <dd>{formatInteger(capacities.insertionHeadcount)}</dd>
                  </>
                ) : null}
                {capacities.turnoverBand ? (
                  <>
                    <dt>Chiffre d’affaires</dt>
                    <dd>{capacities.turnoverBand.label}</dd>
                  </>
                ) : null}
              </dl>
            </section>
          ) : null}

          <section className="sheet-section" aria-labelledby="references">
            <h2 id="references">Références clients</h2>
            {sheet.references.length > 0 ? (
              <ul className="reference-list">
                {sheet.references.map((reference, i) => (
                  <li key={i}>
                    <h3>
                      {reference.clientName} <span className="muted">({reference.year})</span>
                    </h3>
                    {reference.description ? <p>{reference.description}</p> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">Aucune référence publiée.</p>
            )}
          </section>
        </div>

        <aside className="sheet-aside" aria-label="Informations pratiques">
          <section className={`card card--charter-${sheet.charter.status}`} aria-labelledby="charte">
            <h2 id="charte">Charte d’engagement</h2>
            <p>
              <CharterStatusBadge status={sheet.charter.status} label={sheet.charter.label} />
            </p>
            <p>{CHARTER_EXPLANATIONS[sheet.charter.status]}</p>
            {sheet.charter.verifiedAt ? (
              <p>
                Vérifiée le {formatDate(sheet.charter.verifiedAt)}
                {sheet.charter.expiresAt ? `, valable jusqu’au ${formatDate(sheet.charter.expiresAt)}` : ''}.
              </p>
            ) : null}
            {sheet.charter.evidence.length > 0 ? (
              <details>
                <summary>Ce que la structure a déclaré, vérifié par un modérateur</summary>
                <ol className="charter-evidence">
                  {sheet.charter.evidence.map((item) => (
                    <li key={item.code}>
                      <strong>{item.title}</strong> : {item.answerLabel.toLowerCase()}. {item.summary}
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
            <p>
              <Link to="/charte">Les 9 critères de la charte</Link>
            </p>
          </section>

          <section className="card" aria-labelledby="contact">
            <h2 id="contact">Contact</h2>
            {hasContact ? (
              <ul className="contact-list">
                {sheet.contact.email ? (
                  <li>
                    <a href={`mailto:${sheet.contact.email}`}>{sheet.contact.email}</a>
                  </li>
                ) : null}
                {sheet.contact.phone ? (
                  <li>
                    <a href={telHref(sheet.contact.phone)}>{formatPhone(sheet.contact.phone)}</a>
                  </li>
                ) : null}
                {website ? (
                  <li>
                    <a href={website.href} rel="noopener noreferrer" target="_blank">
                      {website.text}
                      <span className="visually-hidden"> (site de la structure, nouvelle fenêtre)</span>
                    </a>
                  </li>
                ) : null}
              </ul>
            ) : (
              <p className="muted">Aucun moyen de contact publié.</p>
            )}
          </section>

          <section className="card" aria-labelledby="identite">
            <h2 id="identite">Identité</h2>
            <dl className="definition-list">
              <dt>SIRET</dt>
              <dd>{formatSiret(sheet.siret)}</dd>
              <dt>Type de structure</dt>
              <dd>{sheet.structureKind.name}</dd>
              {sheet.legalForm ? (
                <>
                  <dt>Forme juridique</dt>
                  <dd>{sheet.legalForm}</dd>
                </>
              ) : null}
              {sheet.yearFounded ? (
                <>
                  <dt>Année de création</dt>
                  <dd>{sheet.yearFounded}</dd>
                </>
              ) : null}
              <dt>Adresse</dt>
              <dd>
                {sheet.address.street ? (
                  <>
                    {sheet.address.street}
                    <br />
                  </>
                ) : null}
                {sheet.address.postcode ? `${sheet.address.postcode} ` : ''}
                {sheet.address.commune.name}
                <br />
                {sheet.address.departement.name} ({sheet.address.departement.code}), {sheet.address.region.name}
              </dd>
              {sheet.labels.length > 0 ? (
                <>
                  <dt>Labels et certifications</dt>
                  <dd>
                    <ul className="tags">
                      {sheet.labels.map((label) => (
                        <li key={label.code} className="tag">
                          {label.name}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
          </section>

          <p className="muted">Fiche mise à jour le {formatDate(sheet.updatedAt)}.</p>
        </aside>
      </div>
    </div>
  );
}
