import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AllocationForm, AllocationTable } from '~/components/bids/allocation-matrix';
import { lotsText, PartnerSuggestions } from '~/components/bids/partner-suggestions';
import { SubcontractorForm, SubcontractorList } from '~/components/bids/subcontractors';
import { WorkspaceHeader } from '~/components/bids/workspace-header';
import { useFormKey } from '~/components/form/use-form-key';
import { readOnlyReason } from '~/domain/bids/workspace';
import { parseUnchecked, replyOrNotFound } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import {
  addSubcontractor,
  getAllocationPage,
  removeSubcontractor,
  saveAllocation,
} from '~/services/bids/allocation.server';
import { openBidWorkspace } from '~/services/bids/workspace.server';
import workspaceStyles from '~/styles/bid-workspace.css';

// /reponses/:bidId/repartition (issue 7 §2, decision 245): the allocation matrix (lots answered × accepted
// members), the subcontractors, and for a groupement with sectors left uncovered, the partner suggestions.
// GET: bid.view (members, invited members read-only, the buyer once the bid is opened). POST intents
// `save-allocation`, `add-subcontractor`, `remove-subcontractor`: bid.work; refused once the bid is submitted.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: workspaceStyles }];

const DONE = {
  repartition: 'La répartition est enregistrée.',
  'sous-traitant': 'Le sous-traitant est déclaré ; sa DC4 est ajoutée aux pièces du dossier.',
  retire: 'Le sous-traitant est retiré.',
} as const;
type Done = keyof typeof DONE;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, access, headers } = await openBidWorkspace({ request, context, params }, 'bid.view');
  const page = await getAllocationPage(ctx.database.db, access);
  const done = new URL(request.url).searchParams.get('fait');
  return data({ page, done: done !== null && Object.hasOwn(DONE, done) ? DONE[done as Done] : null }, { headers });
}

const INTENTS = ['save-allocation', 'add-subcontractor', 'remove-subcontractor'] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { bidId, ctx, access, headers } = await openBidWorkspace({ request, context, params }, 'bid.work');
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (!(INTENTS as readonly unknown[]).includes(intent) || !access.myMember) throw data(null, { status: 400, headers });
  const db = ctx.database.db;
  const actor = { userId: access.user.id, supplierId: access.myMember.supplier_id };
  const fields = Object.fromEntries(formData);
  const submission = parseUnchecked(formData);
  const outcome =
    intent === 'save-allocation'
      ? await saveAllocation(db, { bidId, actor, fields })
      : intent === 'add-subcontractor'
        ? await addSubcontractor(db, { bidId, actor, fields })
        : await removeSubcontractor(db, { bidId, actor, subcontractorId: fields.subcontractorId });
  if (outcome.ok) {
    const done: Done =
      intent === 'save-allocation' ? 'repartition' : intent === 'add-subcontractor' ? 'sous-traitant' : 'retire';
    throw redirect(`/reponses/${bidId}/repartition?fait=${done}`, { headers });
  }
  const result = replyOrNotFound(submission, outcome.error, headers);
  return data({ intent: intent as Intent, result }, { status: 400, headers });
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Lots et répartition — ${loaded.page.bid.name} — Maillage` : 'Lots et répartition — Maillage' },
];

export default function AllocationRoute() {
  const answer = useActionData<typeof action>();
  return <AllocationPage key={useFormKey(answer !== undefined)} />;
}

function AllocationPage() {
  const { page, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const canEdit = page.rights.canWork && page.rights.editable;
  const resultFor = (intent: Intent) => (answer?.intent === intent ? answer.result : null);
  const removeRefusal = resultFor('remove-subcontractor');
  const lotOptions = page.lots.map((l) => ({ number: l.number, title: l.title }));
  return (
    <div className="container page">
      <WorkspaceHeader
        bid={page.bid}
        title="Lots et répartition"
        readOnly={readOnlyReason(page.rights, page.bid.status)}
      />
      {done ? (
        <div className="notice" role="status">
          <p>{done}</p>
        </div>
      ) : null}

      {/* First while lots are uncovered: finding partners comes before splitting the work. */}
      {page.gap ? (
        <section aria-labelledby="partenaires">
          <h2 id="partenaires">Secteurs à couvrir et partenaires suggérés</h2>
          {page.suggestions ? (
            <PartnerSuggestions
              bidId={page.bid.id}
              suggestions={page.suggestions}
              canInvite={page.rights.isLead && page.rights.editable}
            />
          ) : (
            <p>
              Secteurs non couverts par les membres : {page.gap.sectors.join(', ')} ({lotsText(page.gap.lots)}).
            </p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="repartition">
        <h2 id="repartition">Répartition des lots</h2>
        {page.lots.length === 0 ? (
          <p>La réponse ne porte encore sur aucun lot : choisissez-les dans la vue d’ensemble.</p>
        ) : page.solo ? (
          <>
            <p>Réponse seule : la structure exécute 100 % de chaque lot.</p>
            <AllocationTable lots={page.lots} members={page.members} />
          </>
        ) : (
          <>
            {page.problems.length > 0 ? (
              <div className="notice" role="note">
                <p>La répartition enregistrée n’est pas complète :</p>
                <ul>
                  {page.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p>La répartition enregistrée couvre chaque lot à 100 %.</p>
            )}
            {page.pendingMembers.length > 0 ? (
              <p>
                En attente de réponse à l’invitation (hors répartition jusqu’à leur accord) :{' '}
                {page.pendingMembers.map((m) => m.name).join(', ')}.
              </p>
            ) : null}
            {canEdit && page.members.length > 0 ? (
              <AllocationForm lots={page.lots} members={page.members} lastResult={resultFor('save-allocation')} />
            ) : (
              <AllocationTable lots={page.lots} members={page.members} />
            )}
          </>
        )}
      </section>

      <section aria-labelledby="sous-traitants">
        <h2 id="sous-traitants">Sous-traitants</h2>
        {removeRefusal?.error?.[''] ? (
          <div className="alert" role="alert">
            <p>{removeRefusal.error[''].join(' ')}</p>
          </div>
        ) : null}
        <SubcontractorList items={page.subcontractors} canEdit={canEdit} />
        {canEdit ? (
          <>
            <h3>Déclarer un sous-traitant</h3>
            <SubcontractorForm lots={lotOptions} lastResult={resultFor('add-subcontractor')} />
          </>
        ) : null}
      </section>
    </div>
  );
}
