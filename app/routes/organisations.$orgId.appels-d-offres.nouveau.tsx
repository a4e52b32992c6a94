import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useForm } from '@conform-to/react';
import { useFormKey } from '~/components/form/use-form-key';
import { TenderForm } from '~/components/tenders/tender-form';
import { tenderFormValues, type TenderFormValues } from '~/domain/tenders/form-values';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { tenderFormAction, tenderFormLoader } from '~/services/tenders/pages.server';

// /organisations/:orgId/appels-d-offres/nouveau: a buyer organisation's new need or tender (decision 202), saved
// as a draft or sent to moderation at once. tender.edit.

export const loader = (args: LoaderFunctionArgs) => tenderFormLoader(args, false);
export const action = (args: ActionFunctionArgs) => tenderFormAction(args, false);
export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  {
    title: loaded ? `Nouveau besoin — ${loaded.page.organisation.name} — Maillage` : 'Nouveau besoin — Maillage',
  },
];

export default function NewTenderRoute() {
  const answer = useActionData<typeof action>();
  return <NewTender key={useFormKey(answer !== undefined)} />;
}

function NewTender() {
  const { page } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<TenderFormValues>({
    id: 'besoin',
    lastResult: answer?.result ?? undefined,
    defaultValue: tenderFormValues(null),
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="container page">
      <p>
        <Link to={`/organisations/${page.organisation.id}/appels-d-offres`}>Retour aux besoins</Link>
      </p>
      <h1>Nouveau besoin — {page.organisation.name}</h1>
      <TenderForm form={form} fields={fields} sectorGroups={page.sectorGroups} submissionKey={answer} />
    </div>
  );
}
