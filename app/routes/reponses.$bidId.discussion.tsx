import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react';
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { WorkspaceHeader } from '~/components/bids/workspace-header';
import { ErrorSummary } from '~/components/form/error-summary';
import { SubmitButton } from '~/components/form/submit-button';
import { TextAreaField } from '~/components/form/text-area-field';
import { useFormKey } from '~/components/form/use-form-key';
import { formatDateTime } from '~/components/format';
import { MESSAGE_MAX_LENGTH } from '~/domain/bids/discussion';
import { parseUnchecked, replyOrNotFound } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getDiscussionPage, postBidMessage } from '~/services/bids/discussion.server';
import { openBidWorkspace, requireMemberOfBid } from '~/services/bids/workspace.server';
import workspaceStyles from '~/styles/bid-workspace.css';

// /reponses/:bidId/discussion (issue 7 §2, decision 247): the members' thread and the activity log, newest
// first. GET: bid.view and a member of the bid (the buyer of an opened bid gets 403: the conversation is not
// part of the offer). POST intent `post-message` (field `body`, 1 to 4,000 characters): bid.work.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: workspaceStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, access, headers } = await openBidWorkspace({ request, context, params }, 'bid.view');
  requireMemberOfBid(access);
  const page = await getDiscussionPage(ctx.database.db, access);
  const posted = new URL(request.url).searchParams.get('fait') === 'message';
  return data({ page, posted }, { headers });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { bidId, ctx, access, headers } = await openBidWorkspace({ request, context, params }, 'bid.work');
  const formData = await request.formData();
  if (formData.get('intent') !== 'post-message' || !access.myMember) throw data(null, { status: 400, headers });
  const submission = parseUnchecked(formData);
  const outcome = await postBidMessage(ctx.database.db, {
    bidId,
    actor: { userId: access.user.id, supplierId: access.myMember.supplier_id },
    fields: Object.fromEntries(formData),
  });
  if (outcome.ok) throw redirect(`/reponses/${bidId}/discussion?fait=message#message-${outcome.value.id}`, { headers });
  return data({ result: replyOrNotFound(submission, outcome.error, headers) }, { status: 400, headers });
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  {
    title: loaded ? `Discussion et activité — ${loaded.page.bid.name} — Maillage` : 'Discussion et activité — Maillage',
  },
];

export default function DiscussionRoute() {
  const answer = useActionData<typeof action>();
  return <DiscussionPage key={useFormKey(answer !== undefined)} />;
}

function DiscussionPage() {
  const { page, posted } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<Record<string, string>>({
    id: 'form-message',
    lastResult: answer?.result ?? undefined,
    shouldValidate: 'onSubmit',
  });
  const body = fields.body as FieldMetadata<string>;
  const readOnly = page.rights.canWork
    ? null
    : 'Votre structure est invitée : acceptez l’invitation (vue d’ensemble) pour écrire aux membres.';
  return (
    <div className="container page">
      <WorkspaceHeader bid={page.bid} title="Discussion et activité" readOnly={readOnly} />
      {posted ? (
        <div className="notice" role="status">
          <p>Votre message est publié.</p>
        </div>
      ) : null}

      <section aria-labelledby="discussion">
        <h2 id="discussion">Discussion entre les membres</h2>
        {page.messages.length === 0 ? (
          <p>Aucun message pour l’instant.</p>
        ) : (
          <ol className="workspace-list">
            {page.messages.map((m) => (
              <li key={m.id} id={`message-${m.id}`}>
                <p>
                  <strong>{m.supplierName}</strong>, le {formatDateTime(new Date(m.createdAt))}
                </p>
                <p className="workspace-message">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
        {page.rights.canWork && page.bid.status !== 'dissolved' ? (
          <Form method="post" className="form" {...getFormProps(form)}>
            <ErrorSummary
              submissionKey={answer}
              items={[
                { fieldId: null, label: null, messages: form.errors ?? [] },
                { fieldId: body.id, label: 'Message', messages: body.errors ?? [] },
              ]}
            />
            <input type="hidden" name="intent" value="post-message" />
            <TextAreaField
              meta={body}
              label="Message"
              required
              rows={4}
              maxLength={MESSAGE_MAX_LENGTH}
              hint={`Visible des membres de la réponse seulement, ${MESSAGE_MAX_LENGTH} caractères au plus.`}
            />
            <SubmitButton>Envoyer le message</SubmitButton>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="activite">
        <h2 id="activite">Journal d’activité</h2>
        {page.activity.length === 0 ? (
          <p>Aucune activité pour l’instant.</p>
        ) : (
          <ol className="workspace-list">
            {page.activity.map((a) => (
              <li key={a.id}>
                {formatDateTime(new Date(a.createdAt))} — {a.label}
                {a.detail ? ` : ${a.detail}` : ''}
                {a.supplierName ? ` (${a.supplierName})` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
