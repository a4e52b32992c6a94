import type { CacheRenderedPageHandle } from '~/services/cache/rendered-pages.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { PartnerPostsTeaser } from '~/components/tenders/partner-posts-teaser';
import { TenderQuestions } from '~/components/tenders/tender-questions';
import { formatDateTime, formatInteger } from '~/components/format';
import { lotsOf } from '~/domain/tenders/form';
import { ASK_QUESTION_INTENT } from '~/domain/tenders/questions';
import {
  MAIN_CATEGORY_LABELS,
  NEED_KIND_LABELS,
  placeLabel,
  PROCUREMENT_METHOD_LABELS,
  RESERVATION_LABELS,
  TENDER_STATUS_LABELS,
} from '~/domain/tenders/tender';
import { getAppContext } from '~/services/context.server';
import { getReferenceData } from '~/services/reference.server';
import { getPublicTender } from '~/services/tenders/public.server';
import { getPublicTenderExtras } from '~/services/tenders/public-extras.server';
import { TenderOutcomeSections } from '~/components/tenders/public-outcome';
import { partnerPostsTeaserLoader } from '~/services/tenders/partners-pages.server';
import { askQuestionAction, questionsSectionLoader } from '~/services/tenders/questions-pages.server';

// Rendered once per distinct URL and data for visitors who are not signed in (docs/decisions/305).
export const handle: CacheRenderedPageHandle = { cacheRenderedPage: true };

// /appels-d-offres/:id: the public page of a published, closed or awarded need or tender (decision 205), or one
// cancelled after publication (with its reason), its documents and award (decisions 255–258); any other id is
// a 404.

export async function loader(args: LoaderFunctionArgs) {
  const { params } = args;
  if (!params.id || !/^[1-9]\d{0,15}$/.test(params.id)) throw new Response('Besoin introuvable', { status: 404 });
  const { database } = await getAppContext();
  const tender = await getPublicTender(database.db, Number(params.id));
  if (!tender) throw new Response('Besoin introuvable', { status: 404 });
  const reference = await getReferenceData(database.db);
  const sectorName = (code: string) => reference.sectorsByCode.get(code)?.name ?? code;
  const { moderationNote: _note, createdByUserId: _user, ...visible } = tender;
  return {
    tender: visible,
    // Documents, and the award once awarded (decisions 255–258).
    extras: await getPublicTenderExtras(database.db, tender),
    sectors: tender.sectors.map(sectorName),
    lots: lotsOf(tender).map((lot) => ({ ...lot, sectors: lot.sectors.map(sectorName) })),
    questions: await questionsSectionLoader(args, tender),
    questionSent: new URL(args.request.url).searchParams.get('question') === 'envoyee',
    partnerPosts: await partnerPostsTeaserLoader(args, tender),
  };
}

// One form per intent (decision 260: a supplier's question).
export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  if (formData.get('intent') === ASK_QUESTION_INTENT) return askQuestionAction(args, formData);
  throw data(null, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  {
    title: loaded
      ? `${loaded.tender.title} — ${NEED_KIND_LABELS[loaded.tender.kind]} — Maillage`
      : 'Besoin introuvable — Maillage',
  },
];

export default function PublicTender() {
  const { tender, sectors, lots, extras, questions, questionSent, partnerPosts } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="container page">
      <p>
        <Link to="/appels-d-offres">Tous les besoins publiés</Link>
      </p>
      <h1>{tender.title}</h1>
      <p>
        {NEED_KIND_LABELS[tender.kind]} de {tender.buyerName} — {TENDER_STATUS_LABELS[tender.status]}
      </p>
      {tender.kind === 'appel-d-offres' && tender.status === 'published' ? (
        <p>
          <Link to={`/appels-d-offres/${tender.id}/repondre`} className="button">
            Répondre à cet appel d’offres
          </Link>
        </p>
      ) : null}
      <dl className="facts">
        {tender.method ? (
          <>
            <dt>Procédure</dt>
            <dd>{PROCUREMENT_METHOD_LABELS[tender.method]}</dd>
          </>
        ) : null}
        {tender.category ? (
          <>
            <dt>Catégorie</dt>
            <dd>{MAIN_CATEGORY_LABELS[tender.category]}</dd>
          </>
        ) : null}
        <dt>Lieu d’exécution</dt>
        <dd>{placeLabel(tender)}</dd>
        <dt>Valeur estimée</dt>
        <dd>{tender.estimatedValueEuros !== null ? `${formatInteger(tender.estimatedValueEuros)} € HT` : '—'}</dd>
        <dt>Réservation</dt>
        <dd>{RESERVATION_LABELS[tender.reservation]}</dd>
        {tender.socialClauseHours !== null ? (
          <>
            <dt>Clause sociale</dt>
            <dd>{formatInteger(tender.socialClauseHours)} heures d’insertion</dd>
          </>
        ) : null}
        <dt>Date limite des questions</dt>
        <dd>{tender.questionsDeadline ? formatDateTime(new Date(tender.questionsDeadline)) : '—'}</dd>
        <dt>Date limite de remise des offres</dt>
        <dd>{tender.submissionDeadline ? formatDateTime(new Date(tender.submissionDeadline)) : '—'}</dd>
        {tender.contractDurationMonths !== null ? (
          <>
            <dt>Durée du marché</dt>
            <dd>{tender.contractDurationMonths} mois</dd>
          </>
        ) : null}
        <dt>Codes CPV</dt>
        <dd>{tender.cpvCodes.join(', ') || '—'}</dd>
        <dt>Secteurs</dt>
        <dd>{sectors.join(', ') || '—'}</dd>
        <dt>Candidature seule et en groupement</dt>
        <dd>{tender.allowDualBidding ? 'Autorisée' : 'Non autorisée'}</dd>
      </dl>
      <h2>Description</h2>
      <p className="prose">{tender.description}</p>
      <h2>{lots.length > 1 || tender.lots.length > 0 ? 'Lots' : 'Lot unique'}</h2>
      <ol>
        {lots.map((lot) => (
          <li key={lot.number}>
            <strong>{lot.title}</strong>
            {lot.estimatedValueEuros !== null ? ` — ${formatInteger(lot.estimatedValueEuros)} € HT` : ''}
            {lot.sectors.length > 0 ? ` — ${lot.sectors.join(', ')}` : ''}
            {lot.description && lot.description !== tender.description ? <p>{lot.description}</p> : null}
          </li>
        ))}
      </ol>
      <TenderOutcomeSections tender={tender} extras={extras} />
      <h2>Contact</h2>
      <p>
        {tender.contactName}
        {tender.contactEmail ? (
          <>
            {' — '}
            <a href={`mailto:${tender.contactEmail}`}>{tender.contactEmail}</a>
          </>
        ) : null}
        {tender.contactPhone ? ` — ${tender.contactPhone}` : ''}
      </p>
      <TenderQuestions
        tenderId={tender.id}
        section={questions}
        signedIn={partnerPosts.signedIn}
        sent={questionSent}
        lastResult={answer?.question}
        intent={ASK_QUESTION_INTENT}
      />
      <PartnerPostsTeaser tenderId={tender.id} teaser={partnerPosts} />
    </div>
  );
}
