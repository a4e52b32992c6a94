import { parseWithZod } from '@conform-to/zod';
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { CompletionPanel } from '~/components/sheet/completion-panel';
import { useFormKey } from '~/components/form/use-form-key';
import { LogoForm } from '~/components/sheet/logo-form';
import { SheetForm } from '~/components/sheet/sheet-form';
import { SHEET_PAYLOAD_SCHEMA } from '~/domain/sheet/form';
import { sheetFormDefaults } from '~/domain/sheet/form-defaults';
import { KEPT_FIELD_LABELS, type KeptField } from '~/domain/sheet/sheet';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { replyOrNotFound } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { readLogoUpload } from '~/services/sheet/logo-upload.server';
import { removeLogo, replaceLogo } from '~/services/sheet/logo.server';
import { loadSheetEditor, saveSheet } from '~/services/sheet/sheet-editor.server';
import sheetStylesHref from '~/styles/sheet-editor.css';

// « Ma fiche » (issue 6, docs/decisions/130-sheet-editor-and-drafts.md): the offer-sheet editor of a supplier
// organisation, for its owners and editors (supplier.sheet.edit). One form for the sheet (a draft may be
// incomplete), one multipart form for the logo (decision 131), the completion score (decision 132). After a
// save the page redirects to itself with a message (post/redirect/get).

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: sheetStylesHref }];

const KEPT_FIELDS = new Set<string>(Object.keys(KEPT_FIELD_LABELS));

const NOTICES = {
  saved: 'Votre fiche a été enregistrée.',
  'logo-added': 'Votre logo a été enregistré.',
  'logo-removed': 'Votre logo a été supprimé.',
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, {
    action: 'supplier.sheet.edit',
    organisationId,
  });
  const view = await loadSheetEditor(ctx.database.db, organisationId);
  if (!view) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const url = new URL(request.url);
  const kept = (url.searchParams.get('conserve') ?? '').split(',').filter((f): f is KeptField => KEPT_FIELDS.has(f));
  const logo = url.searchParams.get('logo');
  const notice: keyof typeof NOTICES | null = url.searchParams.has('enregistre')
    ? 'saved'
    : logo === 'ajoute'
      ? 'logo-added'
      : logo === 'supprime'
        ? 'logo-removed'
        : null;
  return data(
    { view, defaultValue: sheetFormDefaults(view.supplier.sheet, view.supplier.communeNames), notice, kept },
    { headers: privateHeaders(setCookie) },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, {
    action: 'supplier.sheet.edit',
    organisationId,
  });
  const db = ctx.database.db;
  const actor = { userId: user.id, email: user.email };
  const headers = privateHeaders(setCookie);
  const here = `/organisations/${organisationId}/fiche`;

  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    const upload = await readLogoUpload(request);
    if (!upload.ok) return data({ form: 'logo' as const, logoErrors: [upload.error] }, { status: 400, headers });
    const outcome = await replaceLogo(db, ctx.env.UPLOADS_DIR, { organisationId, actor, ...upload.value });
    if (outcome.ok) throw redirect(`${here}?logo=ajoute#logo`, { headers });
    if (outcome.error.kind === 'not-found') throw data(null, { status: 404, headers });
    const status = outcome.error.kind === 'storage' ? 503 : 400;
    return data({ form: 'logo' as const, logoErrors: [outcome.error.message] }, { status, headers });
  }

  const formData = await request.formData();
  if (formData.get('intent') === 'logo-remove') {
    const outcome = await removeLogo(db, ctx.env.UPLOADS_DIR, { organisationId, actor });
    if (outcome.ok) throw redirect(`${here}?logo=supprime#logo`, { headers });
    if (outcome.error.kind === 'not-found') throw data(null, { status: 404, headers });
    return data({ form: 'logo' as const, logoErrors: [outcome.error.message] }, { status: 503, headers });
  }

  const submission = parseWithZod(formData, { schema: SHEET_PAYLOAD_SCHEMA, disableAutoCoercion: true });
  // « Ajouter une offre », « Retirer… »: Conform's list intents answer the form with a row more or less, unsaved.
  if (submission.status === undefined) return data({ form: 'sheet' as const, result: submission.reply() }, { headers });
  const outcome = await saveSheet(db, { organisationId, actor, payload: submission.payload });
  if (outcome.ok) {
    const kept = outcome.value.kept.length > 0 ? `&conserve=${outcome.value.kept.join(',')}` : '';
    throw redirect(`${here}?enregistre=1${kept}`, { headers });
  }
  return data(
    { form: 'sheet' as const, result: replyOrNotFound(submission, outcome.error, headers) },
    { status: 400, headers },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Ma fiche${loaded ? ` : ${loaded.view.supplier.sheet.name}` : ''} — Maillage` },
];

export default function SheetEditorPage() {
  const { view, defaultValue, notice, kept } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const formKey = useFormKey(answer?.form === 'sheet');
  const { supplier } = view;
  const published = supplier.publicationStatus === 'published';
  return (
    <div className="container page sheet-editor">
      <p>
        <Link to={`/organisations/${view.organisationId}`}>Retour à l’organisation</Link>
        {published ? (
          <>
            {' · '}
            <Link to={`/fournisseurs/${supplier.slug}`}>Voir la fiche publique</Link>
          </>
        ) : null}
      </p>
      <h1>Ma fiche : {supplier.sheet.name}</h1>
      <p>
        {published
          ? 'Fiche publiée : elle apparaît dans la recherche.'
          : supplier.publicationStatus === 'suspended'
            ? 'Fiche suspendue par la modération : elle n’apparaît pas dans la recherche.'
            : 'Brouillon : la fiche sera publiée une fois la charte vérifiée par un modérateur.'}
      </p>
      {notice && !answer ? (
        <div className="notice" role="status">
          <p>{NOTICES[notice]}</p>
          {kept.length > 0 ? (
            <p>
              Laissés vides, {kept.map((k) => KEPT_FIELD_LABELS[k]).join(', ')} n’ont pas été modifiés : ces
              informations sont toujours nécessaires.
            </p>
          ) : null}
        </div>
      ) : null}
      <CompletionPanel completion={view.completion} />
      <LogoForm
        logoUrl={view.logoUrl}
        supplierName={supplier.sheet.name}
        errors={answer?.form === 'logo' ? answer.logoErrors : undefined}
      />
      <SheetForm
        key={formKey}
        lastResult={answer?.form === 'sheet' ? answer.result : undefined}
        defaultValue={defaultValue}
        reference={view.reference}
        siret={supplier.siret}
        published={published}
      />
    </div>
  );
}
