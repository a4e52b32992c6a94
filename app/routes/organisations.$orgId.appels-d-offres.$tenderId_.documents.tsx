import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FieldErrors } from '~/components/form/field-errors';
import { FileField } from '~/components/form/file-field';
import {
  TENDER_DOCUMENT_MAX_BYTES,
  TENDER_DOCUMENT_TITLE_MAX_LENGTH,
  formatFileSize,
} from '~/domain/tenders/documents';
import { TENDER_STATUS_LABELS } from '~/domain/tenders/tender';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { siteOrigin } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { readTenderDocumentForm } from '~/services/tenders/document-upload.server';
import { addTenderDocument, getTenderDocumentsPage, removeTenderDocument } from '~/services/tenders/documents.server';

// /organisations/:orgId/appels-d-offres/:tenderId/documents: the consultation's documents (decision 255). The
// buyer's owners and editors (tender.edit) add PDFs of at most 10 MB with a title (intent `add`, multipart) and
// remove them (intent `remove`) while the tender is a draft or waits for moderation; once published, until the
// deadline, they may only add. Works without JavaScript.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const tenderId = idParam(params.tenderId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'tender.edit', organisationId });
  const page = await getTenderDocumentsPage(ctx.database.db, organisationId, tenderId);
  if (!page) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const done = new URL(request.url).searchParams.get('fait');
  return data(
    { page, done: done === 'ajoute' || done === 'retire' ? done : null },
    { headers: privateHeaders(setCookie) },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const tenderId = idParam(params.tenderId);
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'tender.edit', organisationId });
  const { formData, file, refusedUnread } = await readTenderDocumentForm(request);
  const intent = formData.get('intent');
  const actor = { userId: user.id, email: user.email };
  const base = `/organisations/${organisationId}/appels-d-offres/${tenderId}/documents`;
  const outcome =
    intent === 'remove'
      ? await removeTenderDocument(ctx.database.db, {
          organisationId,
          tenderId,
          documentId: Number(formData.get('documentId')) || 0,
          actor,
          uploadsDir: ctx.env.UPLOADS_DIR,
        })
      : await addTenderDocument(ctx.database.db, {
          organisationId,
          tenderId,
          fields: Object.fromEntries(formData),
          file,
          refusedUnread,
          actor,
          uploadsDir: ctx.env.UPLOADS_DIR,
          origin: siteOrigin(request),
        });
  if (outcome.ok)
    throw redirect(`${base}?fait=${intent === 'remove' ? 'retire' : 'ajoute'}`, { headers: privateHeaders(setCookie) });
  if (outcome.error.kind === 'not-found') throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  return data(
    {
      intent: intent === 'remove' ? ('remove' as const) : ('add' as const),
      title: typeof formData.get('title') === 'string' ? String(formData.get('title')) : '',
      issues: outcome.error.issues,
    },
    { status: 400, headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Documents — ${loaded.page.tender.title} — Maillage` : 'Documents — Maillage' },
];

export default function TenderDocuments() {
  const { page, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const issues = answer?.issues ?? [];
  const messagesOf = (field: string) => issues.filter((i) => i.field === field).map((i) => i.message);
  const formErrors = messagesOf('');
  const tenderPath = `/organisations/${page.organisation.id}/appels-d-offres/${page.tender.id}`;
  return (
    <div className="container page">
      <p>
        <Link to={tenderPath}>Retour au besoin</Link>
      </p>
      <h1>Documents de la consultation — {page.tender.title}</h1>
      <p>État : {TENDER_STATUS_LABELS[page.tender.status]}</p>
      {done ? (
        <div className="notice" role="status">
          <p>{done === 'ajoute' ? 'Le document est ajouté.' : 'Le document est retiré.'}</p>
        </div>
      ) : null}
      {formErrors.length > 0 ? (
        <div className="alert" role="alert">
          {formErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
      <h2>Documents joints</h2>
      {page.documents.length === 0 ? (
        <p>Aucun document pour l’instant.</p>
      ) : (
        <ul>
          {page.documents.map((d) => (
            <li key={d.id}>
              <a href={d.url}>
                {d.title} (PDF, {formatFileSize(d.byteSize)})
              </a>
              {page.canRemove ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="documentId" value={d.id} />
                  <button type="submit" className="button button--secondary">
                    Retirer<span className="visually-hidden"> le document « {d.title} »</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {!page.canRemove && page.documents.length > 0 ? (
        <p>Le besoin est publié : ses documents restent en ligne, les candidats s’y fient.</p>
      ) : null}
      {page.canAdd ? (
        <>
          <h2>Ajouter un document</h2>
          {page.tender.status === 'published' ? (
            <p>
              Le besoin est publié : le document ajouté est annoncé aux fournisseurs qui préparent ou ont remis une
              offre.
            </p>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="form">
            <input type="hidden" name="intent" value="add" />
            <div className="field">
              <label htmlFor="document-title" className="field__label">
                Titre du document (obligatoire)
              </label>
              <FieldErrors id="document-title-error" errors={messagesOf('title')} />
              <input
                id="document-title"
                name="title"
                type="text"
                required
                maxLength={TENDER_DOCUMENT_TITLE_MAX_LENGTH}
                defaultValue={answer?.intent === 'add' ? answer.title : ''}
                aria-invalid={messagesOf('title').length ? true : undefined}
                aria-describedby={messagesOf('title').length ? 'document-title-error' : undefined}
                className="field__input"
              />
            </div>
            <FileField
              id="document"
              name="document"
              label="Fichier PDF"
              accept="application/pdf,.pdf"
              hint={`Un PDF de ${formatFileSize(TENDER_DOCUMENT_MAX_BYTES)} au plus.`}
              errors={messagesOf('document')}
            />
            <button type="submit" className="button">
              Ajouter le document
            </button>
          </Form>
        </>
      ) : (
        <p>La date limite est passée ou la consultation est terminée : les documents ne changent plus.</p>
      )}
    </div>
  );
}
