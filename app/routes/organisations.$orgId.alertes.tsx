import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { RadioGroup } from '~/components/form/radio-group';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { TENDER_ALERT_MODE_LABELS, alertSettingsSchema } from '~/domain/tenders/alert-forms';
import { MAX_DAILY_CAP, TENDER_ALERT_MODES } from '~/domain/tenders/alerts';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { findSupplierOrganisation, getAlertSetting, updateAlertSetting } from '~/services/tenders/opportunities.server';

// /organisations/:orgId/alertes: how a supplier organisation hears of the tenders that fit it (decision 252):
// a mail per tender at once (up to a daily cap of 1 to 50, the rest in the daily digest), one digest a day, or
// none (in-site notifications only). supplier.opportunities.manage (owners and editors, address confirmed);
// 404 for a buyer organisation.

const FIELDS = ['tenderAlerts', 'dailyCap'] as const;

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const organisationId = idParam(args.params.orgId);
  const ctx = await getAppContext();
  const auth = await authorize(args, ctx, { action: 'supplier.opportunities.manage', organisationId });
  const organisation = await findSupplierOrganisation(ctx.database.db, organisationId);
  if (!organisation) throw data(null, { status: 404, headers: privateHeaders(auth.setCookie) });
  return { ctx, auth, organisation };
}

export async function loader(args: LoaderFunctionArgs) {
  const { ctx, auth, organisation } = await load(args);
  const setting = await getAlertSetting(ctx.database.db, organisation.id);
  const saved = new URL(args.request.url).searchParams.get('fait') === 'enregistre';
  return data({ organisation, setting, saved }, { headers: privateHeaders(auth.setCookie) });
}

export async function action(args: ActionFunctionArgs) {
  const { ctx, auth, organisation } = await load(args);
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: alertSettingsSchema, disableAutoCoercion: true });
  const outcome = await updateAlertSetting(ctx.database.db, organisation.id, Object.fromEntries(formData));
  if (outcome.ok)
    throw redirect(`/organisations/${organisation.id}/alertes?fait=enregistre`, {
      headers: privateHeaders(auth.setCookie),
    });
  return data(
    { result: replyWithIssues(submission, outcome.error, FIELDS) },
    { status: 400, headers: privateHeaders(auth.setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  {
    title: loaded
      ? `Alertes appels d’offres — ${loaded.organisation.name} — Maillage`
      : 'Alertes appels d’offres — Maillage',
  },
];

export default function AlertSettingsPage() {
  const { organisation, setting, saved } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<{ tenderAlerts: string; dailyCap: string }>({
    id: 'alertes',
    lastResult: answer?.result ?? undefined,
    shouldValidate: 'onSubmit',
    defaultValue: { tenderAlerts: setting.tenderAlerts, dailyCap: String(setting.dailyCap) },
  });
  return (
    <div className="container page">
      <p>
        <Link to={`/organisations/${organisation.id}/opportunites`}>Retour aux opportunités</Link>
      </p>
      <h1>Alertes appels d’offres — {organisation.name}</h1>
      {saved && !answer ? (
        <div className="notice" role="status">
          <p>Vos préférences d’alerte sont enregistrées.</p>
        </div>
      ) : null}
      <p>
        Quand un appel d’offres publié correspond à votre structure (secteur, zone d’intervention, réservation), il
        apparaît toujours dans vos <Link to="/notifications">notifications</Link> et vos{' '}
        <Link to={`/organisations/${organisation.id}/opportunites`}>opportunités</Link>. Choisissez ici les courriels
        envoyés aux propriétaires et éditeurs de l’organisation.
      </p>
      <ErrorSummary
        submissionKey={answer}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.tenderAlerts.id, label: 'Courriels', messages: fields.tenderAlerts.errors ?? [] },
          { fieldId: fields.dailyCap.id, label: 'Plafond quotidien', messages: fields.dailyCap.errors ?? [] },
        ]}
      />
      <Form method="post" className="form" {...getFormProps(form)}>
        <RadioGroup
          meta={fields.tenderAlerts}
          legend="Courriels d’alerte"
          options={TENDER_ALERT_MODES.map((mode) => ({ value: mode, label: TENDER_ALERT_MODE_LABELS[mode] }))}
        />
        <TextField
          meta={fields.dailyCap}
          label="Plafond quotidien de courriels immédiats"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          hint={`De 1 à ${MAX_DAILY_CAP}. Au-delà, les appels d’offres du jour sont regroupés dans le récapitulatif quotidien.`}
        />
        <SubmitButton>Enregistrer</SubmitButton>
      </Form>
    </div>
  );
}
