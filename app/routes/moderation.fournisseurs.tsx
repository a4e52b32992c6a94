import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react';
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useFormKey } from '~/components/form/use-form-key';
import { TextAreaField } from '~/components/form/text-area-field';
import { CharterStatusBadge } from '~/components/charter-status';
import { ErrorSummary } from '~/components/form/error-summary';
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from '~/domain/charter-assessment';
import type { PublicationStatus } from '~/domain/supplier';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { parseUnchecked, replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { restoreSupplier, searchModeratedSuppliers, suspendSupplier } from '~/services/moderation/suppliers.server';
import charterStyles from '~/styles/charter.css';

// /moderation/fournisseurs: find a supplier by name or SIRET (or by state), suspend it or restore it, always
// with a reason (docs/decisions/142-suspension.md). moderation.suppliers.suspend.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: charterStyles }];

const PUBLICATION_LABELS: Record<PublicationStatus, string> = {
  draft: 'Brouillon (non publié)',
  published: 'Publié',
  suspended: 'Suspendu',
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.suppliers.suspend' });
  const params = new URL(request.url).searchParams;
  const q = (params.get('q') ?? '').slice(0, 200);
  const etat = params.get('etat') ?? '';
  const searched = q.trim() !== '' || etat !== '';
  const suppliers = searched
    ? await searchModeratedSuppliers(ctx.database.db, { text: q, publicationStatus: etat })
    : [];
  const done = params.get('fait');
  return data(
    { q, etat, searched, suppliers, done: done === 'suspendu' || done === 'retabli' ? done : null },
    { headers: privateHeaders(setCookie) },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.suppliers.suspend' });
  const formData = await request.formData();
  const supplierId = Number(formData.get('supplierId'));
  if (!Number.isSafeInteger(supplierId) || supplierId < 1)
    throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const intent = formData.get('intent') === 'restore' ? 'restore' : 'suspend';
  const submission = parseUnchecked(formData);
  const input = { supplierId, reason: formData.get('reason'), actor: { userId: user.id, email: user.email } };
  const outcome =
    intent === 'suspend'
      ? await suspendSupplier(ctx.database.db, ctx.search, input)
      : await restoreSupplier(ctx.database.db, input);
  if (outcome.ok) {
    const back = new URL(request.url).searchParams;
    back.set('fait', intent === 'suspend' ? 'suspendu' : 'retabli');
    throw redirect(`/moderation/fournisseurs?${back}`, { headers: privateHeaders(setCookie) });
  }
  if (outcome.error.kind === 'not-found') throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  return data(
    { supplierId, result: replyWithIssues(submission, outcome.error.issues, ['reason']) },
    { status: 400, headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Fournisseurs — Modération — Maillage' }];

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function SupplierDecision({ supplier, query }: { supplier: Loaded['suppliers'][number]; query: string }) {
  const answer = useActionData<typeof action>();
  const mine = answer?.supplierId === supplier.id ? answer.result : undefined;
  const [form, fields] = useForm<{ reason: string }>({
    id: `decision-${supplier.id}`,
    lastResult: mine,
    shouldValidate: 'onSubmit',
  });
  const suspended = supplier.publicationStatus === 'suspended';
  return (
    <>
      <ErrorSummary
        submissionKey={mine}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.reason.id, label: 'Raison', messages: fields.reason.errors ?? [] },
        ]}
      />
      <Form method="post" action={`/moderation/fournisseurs${query}`} {...getFormProps(form)}>
        <input type="hidden" name="supplierId" value={supplier.id} />
        <input type="hidden" name="intent" value={suspended ? 'restore' : 'suspend'} />
        <TextAreaField
          meta={fields.reason as FieldMetadata<string>}
          label={`Raison ${suspended ? 'du rétablissement' : 'de la suspension'} de ${supplier.name} (obligatoire)`}
          hint={`De ${REASON_MIN_LENGTH} à ${REASON_MAX_LENGTH} caractères ; elle est envoyée aux responsables du fournisseur et gardée au journal.`}
          maxLength={REASON_MAX_LENGTH}
          rows={2}
        />
        <button type="submit" className={suspended ? 'button' : 'button button--secondary'}>
          {suspended ? 'Rétablir' : 'Suspendre'}
          <span className="visually-hidden"> {supplier.name}</span>
        </button>
      </Form>
    </>
  );
}

// Remounted on every navigation but the answer to a refused form (useFormKey): after a refused then an accepted
// decision, no stale message stays.
export default function ModerationSuppliersRoute() {
  const answer = useActionData<typeof action>();
  return <ModerationSuppliers key={useFormKey(answer !== undefined)} />;
}

function ModerationSuppliers() {
  const { q, etat, searched, suppliers, done } = useLoaderData<typeof loader>();
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (etat) params.set('etat', etat);
  const query = params.size > 0 ? `?${params}` : '';
  return (
    <div className="container page">
      <p>
        <Link to="/moderation">Retour à la modération</Link>
      </p>
      <h1>Fournisseurs</h1>
      {done ? (
        <div className="notice" role="status">
          <p>
            {done === 'suspendu'
              ? 'Le fournisseur est suspendu : il n’apparaît plus dans la recherche.'
              : 'Le fournisseur est rétabli.'}
          </p>
        </div>
      ) : null}
      <Form method="get" className="form" role="search">
        <div className="field">
          <label htmlFor="q">Nom ou SIRET</label>
          <input id="q" name="q" type="search" defaultValue={q} />
        </div>
        <div className="field">
          <label htmlFor="etat">État de publication</label>
          <select id="etat" name="etat" defaultValue={etat}>
            <option value="">Tous</option>
            <option value="published">Publié</option>
            <option value="draft">Brouillon</option>
            <option value="suspended">Suspendu</option>
          </select>
        </div>
        <button type="submit" className="button">
          Rechercher
        </button>
      </Form>
      {searched ? (
        <section aria-labelledby="resultats">
          <h2 id="resultats">
            {suppliers.length === 0 ? 'Aucun fournisseur trouvé' : `${suppliers.length} fournisseur(s) (50 au plus)`}
          </h2>
          {suppliers.map((supplier) => (
            <article key={supplier.id} className="criterion" aria-labelledby={`fournisseur-${supplier.id}`}>
              <h3 id={`fournisseur-${supplier.id}`}>{supplier.name}</h3>
              <p>
                SIRET {supplier.siret} · {PUBLICATION_LABELS[supplier.publicationStatus]} ·{' '}
                <CharterStatusBadge status={supplier.charterStatus} /> ·{' '}
                <Link to={`/moderation/journal?fournisseur=${supplier.id}`}>Journal</Link>
                {supplier.publicationStatus === 'published' ? (
                  <>
                    {' '}
                    · <Link to={`/fournisseurs/${supplier.slug}`}>Fiche publique</Link>
                  </>
                ) : null}
              </p>
              <SupplierDecision supplier={supplier} query={query} />
            </article>
          ))}
        </section>
      ) : null}
    </div>
  );
}
