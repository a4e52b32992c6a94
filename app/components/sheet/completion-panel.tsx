import type { Completion } from '~/domain/sheet/completion';

// The sheet's completion score (docs/decisions/132-completion-score.md): a progress bar with its percentage in
// words, and the list of what is missing, each item a link to its section of the form.

export function CompletionPanel({ completion }: { completion: Completion }) {
  return (
    <section className="completion" aria-labelledby="completion-titre">
      <h2 id="completion-titre">Complétude de la fiche : {completion.percent} %</h2>
      <progress max={100} value={completion.percent} aria-labelledby="completion-titre">
        {completion.percent} %
      </progress>
      {completion.missing.length > 0 ? (
        <>
          <p>Pour une fiche complète :</p>
          <ul>
            {completion.missing.map((item) => (
              <li key={item.key}>
                <a href={`#${item.section}`}>{item.missing}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Votre fiche est complète.</p>
      )}
    </section>
  );
}
