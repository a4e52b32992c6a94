import { formatDate } from '~/components/format';
import type { LotOutcome } from '~/domain/bids/status';
import { formatFileSize } from '~/domain/tenders/documents';
import type { TenderStatus } from '~/domain/tenders/tender';

// The public tender page's sections of decisions 255–258: the consultation's documents, the cancellation with
// its reason, and once awarded the result per lot (the winning supplier, or the groupement's members with the
// mandataire first). Presentational.

export interface TenderOutcomeProps {
  tender: {
    status: TenderStatus;
    lots: readonly unknown[];
    cancelledAt: string | null;
    cancellationReason: string | null;
    awardedAt: string | null;
  };
  extras: {
    documents: { id: number; title: string; byteSize: number; url: string }[];
    award:
      | {
          number: number;
          title: string;
          outcome: LotOutcome | null;
          winners: { name: string; slug: string; role: 'mandataire' | 'membre' }[];
          groupement: boolean;
        }[]
      | null;
  };
}

export function TenderOutcomeSections({ tender, extras }: TenderOutcomeProps) {
  const multiple = tender.lots.length > 0;
  return (
    <>
      <h2>Documents de la consultation</h2>
      {extras.documents.length === 0 ? (
        <p>Aucun document joint.</p>
      ) : (
        <ul>
          {extras.documents.map((d) => (
            <li key={d.id}>
              <a href={d.url}>
                {d.title} (PDF, {formatFileSize(d.byteSize)})
              </a>
            </li>
          ))}
        </ul>
      )}
      {tender.status === 'cancelled' ? (
        <>
          <h2>Consultation annulée</h2>
          <p>
            Annulée{tender.cancelledAt ? ` le ${formatDate(tender.cancelledAt)}` : ''}. Raison :{' '}
            {tender.cancellationReason ?? '—'}
          </p>
        </>
      ) : null}
      {extras.award ? (
        <>
          <h2>Résultat de la consultation</h2>
          {tender.awardedAt ? <p>Attribuée le {formatDate(tender.awardedAt)}.</p> : null}
          <ul>
            {extras.award.map((lot) => (
              <li key={lot.number}>
                <strong>{multiple ? `Lot ${lot.number} — ${lot.title}` : lot.title}</strong> :{' '}
                {lot.outcome === 'awarded' ? (
                  <>
                    {lot.groupement ? 'attribué au groupement ' : 'attribué à '}
                    {lot.winners.map((w, index) => (
                      <span key={w.slug}>
                        {index > 0 ? ', ' : ''}
                        <a href={`/fournisseurs/${w.slug}`}>{w.name}</a>
                        {lot.groupement && w.role === 'mandataire' ? ' (mandataire)' : ''}
                      </span>
                    ))}
                  </>
                ) : (
                  'infructueux'
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
