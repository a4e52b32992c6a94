import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { SubmitButton } from '~/components/form/submit-button';
import {
  type BuyerFormValues,
  BuyerOrganisationFields,
  buyerSummaryItems,
} from '~/components/organisation-buyer-fields';
import { buyerOrganisationSchema } from '~/domain/organisation-forms';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { createBuyerOrganisation } from '~/services/organisations/buyers.server';

// « Créer une organisation acheteuse » (issue 6, decision 120): name, type (public or private buyer), size,
// and the SIRET, optional but checked when given. The person becomes its owner. Permission organisation.create.

const FIELDS = ['name', 'buyerType', 'buyerSize', 'siret'] as const;

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
  const [form, fields] = useForm<BuyerFormValues>({
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
      <ErrorSummary submissionKey={answer} items={buyerSummaryItems(form.errors, fields)} />
      <Form method="post" className="form" {...getFormProps(form)}>
        <BuyerOrganisationFields fields={fields} />
        <SubmitButton>Créer l’organisation</SubmitButton>
      </Form>
    </div>
  );
}
