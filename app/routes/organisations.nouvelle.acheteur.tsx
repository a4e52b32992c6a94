import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { SelectField } from '~/components/form/select-field';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import {
  BUYER_SIZES,
  BUYER_SIZE_LABELS,
  BUYER_TYPES,
  BUYER_TYPE_LABELS,
  BUYER_TYPE_SECTOR,
} from '~/domain/organisation';
import { buyerOrganisationSchema } from '~/domain/organisation-forms';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { createBuyerOrganisation } from '~/services/organisations/buyers.server';

// « Créer une organisation acheteuse » (issue 6, decision 120): name, type (public or private buyer), size,
// and the SIRET, optional but checked when given. The person becomes its owner. Permission organisation.create.

const FIELDS = ['name', 'buyerType', 'buyerSize', 'siret'] as const;

const TYPE_OPTIONS = [
  ...BUYER_TYPES.filter((t) => BUYER_TYPE_SECTOR[t] === 'public').map((t) => ({
    value: t,
    label: `Public — ${BUYER_TYPE_LABELS[t]}`,
  })),
  ...BUYER_TYPES.filter((t) => BUYER_TYPE_SECTOR[t] === 'private').map((t) => ({
    value: t,
    label: `Privé — ${BUYER_TYPE_LABELS[t]}`,
  })),
];
const SIZE_OPTIONS = BUYER_SIZES.map((s) => ({ value: s, label: BUYER_SIZE_LABELS[s] }));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { setCookie } = await authorize({ request, context }, await getAppContext(), { action: 'organisation.create' });
  return data(null, { headers: privateHeaders(setCookie) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'organisation.create' });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: buyerOrganisationSchema, disableAutoCoercion: true });
  const outcome = await createBuyerOrganisation(ctx.database.db, {
    actor: { userId: user.id, email: user.email },
    form: Object.fromEntries(formData),
  });
  const headers = privateHeaders(setCookie);
  if (outcome.ok) throw redirect(`/organisations/${outcome.value.organisationId}?creee=1`, { headers });
  return data({ result: replyWithIssues(submission, outcome.error.issues, FIELDS) }, { status: 400, headers });
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Créer une organisation acheteuse — Maillage' }];

export default function BuyerOrganisationPage() {
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<{ name: string; buyerType: string; buyerSize: string; siret: string }>({
    lastResult: answer?.result ?? undefined,
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="container page">
      <p>
        <Link to="/organisations/nouvelle">Retour au choix du type d’organisation</Link>
      </p>
      <h1>Créer une organisation acheteuse</h1>
      <p>Les champs marqués « (obligatoire) » doivent être remplis. Vous serez propriétaire de l’organisation.</p>
      <ErrorSummary
        submissionKey={answer}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.name.id, label: 'Nom de l’organisation', messages: fields.name.errors ?? [] },
          { fieldId: fields.buyerType.id, label: 'Type d’acheteur', messages: fields.buyerType.errors ?? [] },
          { fieldId: fields.buyerSize.id, label: 'Taille', messages: fields.buyerSize.errors ?? [] },
          { fieldId: fields.siret.id, label: 'SIRET', messages: fields.siret.errors ?? [] },
        ]}
      />
      <Form method="post" className="form" {...getFormProps(form)}>
        <TextField meta={fields.name} label="Nom de l’organisation" type="text" autoComplete="organization" />
        <SelectField
          meta={fields.buyerType}
          label="Type d’acheteur"
          options={TYPE_OPTIONS}
          emptyLabel="Choisissez un type"
          required
        />
        <SelectField
          meta={fields.buyerSize}
          label="Taille (agents ou salariés)"
          options={SIZE_OPTIONS}
          emptyLabel="Choisissez une taille"
          required
        />
        <TextField
          meta={fields.siret}
          label="SIRET"
          type="text"
          autoComplete="off"
          required={false}
          hint="Facultatif : 14 chiffres, espaces acceptés"
        />
        <SubmitButton>Créer l’organisation</SubmitButton>
      </Form>
    </div>
  );
}
