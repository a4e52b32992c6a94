import type { Executor } from '../../../db/connection';
import { listAwardedLots, listLotOutcomes } from '../../../db/repositories/buyer-bids';
import type { TenderRecord } from '../../../db/repositories/tenders';
import type { LotOutcome } from '~/domain/bids/status';
import { lotsOf } from '~/domain/tenders/form';
import { listPublicTenderDocuments, type PublicTenderDocument } from './documents.server';

// What the public tender page and the API add to a public tender (decisions 255–258): its documents, and once
// it is awarded the award summary (each lot's outcome, the winning bid's members, mandataire first). Bids that
// did not win, prices and reasons given to bidders stay private.

export interface PublicLotResult {
  number: number;
  title: string;
  outcome: LotOutcome | null;
  /** The winners of an awarded lot: one supplier, or a groupement's members. */
  winners: { name: string; slug: string; role: 'mandataire' | 'membre' }[];
  groupement: boolean;
}

export interface PublicTenderExtras {
  documents: PublicTenderDocument[];
  /** Null until the tender is awarded. */
  award: PublicLotResult[] | null;
}

export async function getPublicTenderExtras(db: Executor, tender: TenderRecord): Promise<PublicTenderExtras> {
  const documents = await listPublicTenderDocuments(db, tender.id);
  if (tender.status !== 'awarded') return { documents, award: null };
  const [outcomes, awarded] = await Promise.all([listLotOutcomes(db, tender.id), listAwardedLots(db, tender.id)]);
  return {
    documents,
    award: lotsOf(tender).map((lot) => {
      const won = awarded.find((a) => a.lotNumber === lot.number);
      return {
        number: lot.number,
        title: lot.title,
        outcome: outcomes.find((o) => o.lotNumber === lot.number)?.outcome ?? null,
        winners: won?.members ?? [],
        groupement: won?.bidKind === 'groupement',
      };
    }),
  };
}
