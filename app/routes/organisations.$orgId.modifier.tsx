import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { SubmitButton } from '~/components/form/submit-button';
import {
  type BuyerFormValues,
  BuyerOrganisationFields,
  buyerSummaryItems,
} from '~/components/organisation-buyer-fields';
import { buyerOrganisationSchema } from '~/domain/organisation-forms';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { updateBuyerOrganisation } from '~/services/organisations/buyers.server';
import { organisationOverview } from '~/services/organisations/views.server';

// « Modifier les informations » of a buyer organisation (issue 6, decision 120): its owners correct the name,
// type, size and SIRET (organisation.edit). A supplier organisation's details are its sheet's (« Modifier la
// fiche »): here it is a 404.

const FIELDS = ['name', 'buyerType', 'buyerSize', 'siret'] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'organisation.edit', organisationId });
  const organisation = await organisationOverview(ctx.database.db, organisationId);
  if (!organisation || organisation.kind !== 'buyer')
    throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const defaultValue: BuyerFormValues = {
    name: organisation.name,
    buyerType: organisation.buyerType ?? '',
    buyerSize: organisation.buyerSize ?? '',
    siret: organisation.siret ?? '',
  };
  return data({ organisationId, name: organisation.name, defaultValue }, { headers: privateHeaders(setCookie) });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, {
    action: 'organisation.edit',
    organisationId,
  });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: buyerOrganisationSchema, disableAutoCoercion: true });
  const outcome = await updateBuyerOrganisation(ctx.database.db, {
    actor: { userId: user.id, email: user.email },
    organisationId,
    form: Object.fromEntries(formData),
  });
  const headers = privateHeaders(setCookie);
  if (outcome.ok) throw redirect(`/organisations/${organisationId}?modifiee=1`, { headers });
  if (outcome.error.kind === 'not-found') throw data(null, { status: 404, headers });
  return data({ result: replyWithIssues(submission, outcome.error.issues, FIELDS) }, { status: 400, headers });
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Modifier ${loaded.name} — Mes organisations — Maillage` : 'Modifier — Maillage' },
];

export default function EditBuyerOrganisationPage() {
  const { organisationId, name, defaultValue } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<BuyerFormValues>({
    lastResult: answer?.result ?? undefined,
    defaultValue,
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="container page">
      <p>
        <Link to={`/organisations/${organisationId}`}>Retour à {name}</Link>
      </p>
      <h1>Modifier les informations de {name}</h1>
      <p>Les champs marqués « (obligatoire) » doivent être remplis. Le changement est gardé au journal.</p>
      <ErrorSummary submissionKey={answer} items={buyerSummaryItems(form.errors, fields)} />
      <Form method="post" className="form" {...getFormProps(form)}>
        <BuyerOrganisationFields fields={fields} />
        <SubmitButton>Enregistrer</SubmitButton>
      </Form>
    </div>
  );
}
