import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ChecklistItemForm, ChecklistItemSummary } from '~/components/bids/checklist-item';
import { WorkspaceHeader } from '~/components/bids/workspace-header';
import { useFormKey } from '~/components/form/use-form-key';
import { CHECKLIST_MESSAGES, completionText } from '~/domain/bids/checklist-form';
import { parseId } from '~/domain/bids/forms';
import { readOnlyReason } from '~/domain/bids/workspace';
import { parseUnchecked, replyOrNotFound, replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getChecklistPage, updateChecklistEntry } from '~/services/bids/checklist.server';
import { readChecklistForm } from '~/services/bids/document-upload.server';
import { openBidWorkspace } from '~/services/bids/workspace.server';
import workspaceStyles from '~/styles/bid-workspace.css';

// /reponses/:bidId/pieces (issue 7 §2, decision 246): the checklist generated from the members and
// subcontractors (DC1, DC2 or DUME, mémoire technique, bordereau de prix, attestations, DC4), each item with its
// assignee, due date, status and PDF; the completion. GET: bid.view (the list is brought in step on load while
// the bid can change). POST intent `update-item` (multipart, field `document`): bid.work; refused once submitted.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: workspaceStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, access, headers } = await openBidWorkspace({ request, context, params }, 'bid.view');
  const page = await getChecklistPage(ctx.database.db, access);
  const saved = new URL(request.url).searchParams.get('fait') === 'piece';
  return data({ page, saved }, { headers });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // Authorised before the body is read: nobody else makes the server read 10 MB.
  const { bidId, ctx, access, headers } = await openBidWorkspace({ request, context, params }, 'bid.work');
  const { formData, document, oversize } = await readChecklistForm(request);
  const submission = parseUnchecked(formData);
  if (oversize) {
    const result = replyWithIssues(submission, [{ field: '', message: CHECKLIST_MESSAGES.documentTooLarge }], []);
    return data({ itemId: null, result }, { status: 400, headers });
  }
  const itemId = parseId(formData.get('itemId'));
  if (formData.get('intent') !== 'update-item' || itemId === null || !access.myMember)
    throw data(null, { status: 400, headers });
  const outcome = await updateChecklistEntry(ctx.database.db, {
    access,
    itemId,
    actor: {
      userId: access.user.id,
      supplierId: access.myMember.supplier_id,
      organisationId: access.myMember.organisationId,
    },
    fields: Object.fromEntries(formData),
    document,
    uploadsDir: ctx.env.UPLOADS_DIR,
  });
  if (outcome.ok) throw redirect(`/reponses/${bidId}/pieces?fait=piece#piece-${itemId}`, { headers });
  const result = replyOrNotFound(submission, outcome.error, headers);
  return data({ itemId, result }, { status: 400, headers });
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Pièces du dossier — ${loaded.page.bid.name} — Maillage` : 'Pièces du dossier — Maillage' },
];

export default function ChecklistRoute() {
  const answer = useActionData<typeof action>();
  return <ChecklistPage key={useFormKey(answer !== undefined)} />;
}

function ChecklistPage() {
  const { page, saved } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const canEdit = page.rights.canWork && page.rights.editable;
  const globalError = answer && answer.itemId === null ? (answer.result.error?.[''] ?? []) : [];
  return (
    <div className="container page">
      <WorkspaceHeader
        bid={page.bid}
        title="Pièces du dossier"
        readOnly={readOnlyReason(page.rights, page.bid.status)}
      />
      {saved ? (
        <div className="notice" role="status">
          <p>La pièce est enregistrée.</p>
        </div>
      ) : null}
      {globalError.length > 0 ? (
        <div className="alert" role="alert">
          <p>{globalError.join(' ')}</p>
        </div>
      ) : null}
      <p>
        <strong>{completionText(page.done, page.items.length)}</strong>
        {page.items.length > 0 && page.done === page.items.length ? ' : le dossier est complet.' : '.'}
      </p>
      <h2>Liste des pièces</h2>
      <ul className="workspace-list">
        {page.items.map((item) => (
          <li key={item.id} id={`piece-${item.id}`}>
            <ChecklistItemSummary bidId={page.bid.id} item={item} />
            {canEdit ? (
              <details open={answer?.itemId === item.id}>
                <summary>
                  Modifier<span className="visually-hidden"> {item.label}</span>
                </summary>
                <ChecklistItemForm
                  item={item}
                  assignees={page.assignees}
                  lastResult={answer?.itemId === item.id ? answer.result : null}
                />
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="field__hint">
        Les documents sont des PDF de 10 Mo au plus, visibles des membres et, une fois l’offre ouverte, de l’acheteur.
      </p>
    </div>
  );
}
