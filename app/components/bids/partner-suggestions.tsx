// Partner suggestions on a groupement's allocation page (issue 7 §3, decision 245): what is left to cover, the
// combinations with why each is proposed and which exact method answered; the lead invites a supplier with the
// overview's « invite-supplier » action.

export interface SuggestionsView {
  method: 'exhaustive' | 'highs';
  missingSectors: string[];
  uncoveredLots: number[];
  combinations: {
    partners: { supplierId: number; name: string; reasons: string[] }[];
    reasons: string[];
    complete: boolean;
  }[];
}

/** « lot 3 », « lots 2 et 3 ». */
export function lotsText(lots: number[]): string {
  if (lots.length === 1) return `lot ${lots[0]}`;
  return `lots ${lots.slice(0, -1).join(', ')} et ${lots[lots.length - 1]}`;
}

export const METHOD_TEXT: Record<SuggestionsView['method'], string> = {
  exhaustive: 'recherche exhaustive avec bornes (solution exacte)',
  highs: 'solveur en nombres entiers HiGHS (solution exacte)',
};

export function PartnerSuggestions({
  bidId,
  suggestions,
  canInvite,
}: {
  bidId: number;
  suggestions: SuggestionsView;
  canInvite: boolean;
}) {
  return (
    <>
      <p>
        Secteurs à couvrir : {suggestions.missingSectors.join(', ')}
        {suggestions.uncoveredLots.length > 0 ? ` (${lotsText(suggestions.uncoveredLots)})` : ''}.
      </p>
      <p>Méthode de calcul : {METHOD_TEXT[suggestions.method]}.</p>
      {suggestions.combinations.length === 0 ? (
        <p>Aucune structure publiée du catalogue ne couvre ces secteurs sur le lieu d’exécution.</p>
      ) : (
        <ol className="workspace-list">
          {suggestions.combinations.map((c, index) => (
            <li key={c.partners.map((p) => p.supplierId).join('-')}>
              <h3>
                Proposition {index + 1} : {c.partners.map((p) => p.name).join(' + ')}
              </h3>
              <p>Pourquoi : {c.reasons.join(' ; ')}.</p>
              <ul>
                {c.partners.map((p) => (
                  <li key={p.supplierId}>
                    <strong>{p.name}</strong> : {p.reasons.join(', ')}.{' '}
                    {canInvite ? (
                      <form method="post" action={`/reponses/${bidId}`} className="workspace-inline-form">
                        <input type="hidden" name="intent" value="invite-supplier" />
                        <input type="hidden" name="supplierId" value={p.supplierId} />
                        <button type="submit" className="button button--secondary">
                          Inviter<span className="visually-hidden"> {p.name}</span>
                        </button>
                      </form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
