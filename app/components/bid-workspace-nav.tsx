import { NavLink } from '@remix-run/react';

// The tabs of a bid's workspace (decision 230): the same four pages for a bid alone and a groupement.
export function BidWorkspaceNav({ bidId }: { bidId: number }) {
  const base = `/reponses/${bidId}`;
  const links = [
    { to: base, label: 'Vue d’ensemble', end: true },
    { to: `${base}/repartition`, label: 'Lots et répartition', end: false },
    { to: `${base}/pieces`, label: 'Pièces du dossier', end: false },
    { to: `${base}/discussion`, label: 'Discussion et activité', end: false },
  ];
  return (
    <nav aria-label="Espace de la réponse" className="workspace-nav">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
