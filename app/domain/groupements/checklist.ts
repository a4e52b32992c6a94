import type { GroupementMember } from './types';

// The documents a groupement's bid needs (issue 7 §2), generated from the members and the subcontractors.
// Pure. The workspace stores each item with an assignee, a due date, a status and an uploaded document; the
// keys are stable so a regenerated list keeps the items already worked on.

export type ChecklistItemKind =
  | 'dc1'
  | 'dc2'
  | 'dume'
  | 'memoire-technique'
  | 'bordereau-prix'
  | 'attestation-fiscale'
  | 'attestation-sociale'
  | 'dc4';

export interface ChecklistItem {
  key: string;
  kind: ChecklistItemKind;
  label: string;
  /** The member who provides the document: the mandataire for the groupement's and subcontractors' documents. */
  assigneeSupplierId: number;
  /** The member or subcontractor the document is about, when it is about one. */
  subject?: { type: 'membre'; supplierId: number } | { type: 'sous-traitant'; siret: string };
}

export function buildChecklist(input: {
  members: Pick<GroupementMember, 'supplierId' | 'name' | 'role'>[];
  subcontractors: { name: string; siret: string }[];
  /** DUME (document unique de marché européen) in place of each member's DC2. */
  useDume?: boolean;
}): ChecklistItem[] {
  const mandataire = input.members.find((m) => m.role === 'mandataire') ?? input.members[0];
  if (!mandataire) return [];
  const items: ChecklistItem[] = [
    {
      key: 'dc1',
      kind: 'dc1',
      label: 'DC1 — lettre de candidature',
      assigneeSupplierId: mandataire.supplierId,
    },
  ];
  for (const m of input.members) {
    const subject = { type: 'membre' as const, supplierId: m.supplierId };
    items.push(
      input.useDume
        ? {
            key: `dume-${m.supplierId}`,
            kind: 'dume',
            label: `DUME — ${m.name}`,
            assigneeSupplierId: m.supplierId,
            subject,
          }
        : {
            key: `dc2-${m.supplierId}`,
            kind: 'dc2',
            label: `DC2 — déclaration du candidat : ${m.name}`,
            assigneeSupplierId: m.supplierId,
            subject,
          },
    );
  }
  items.push(
    {
      key: 'memoire-technique',
      kind: 'memoire-technique',
      label: 'Mémoire technique',
      assigneeSupplierId: mandataire.supplierId,
    },
    {
      key: 'bordereau-prix',
      kind: 'bordereau-prix',
      label: 'Bordereau de prix',
      assigneeSupplierId: mandataire.supplierId,
    },
  );
  for (const m of input.members) {
    const subject = { type: 'membre' as const, supplierId: m.supplierId };
    items.push(
      {
        key: `attestation-fiscale-${m.supplierId}`,
        kind: 'attestation-fiscale',
        label: `Attestation de régularité fiscale — ${m.name}`,
        assigneeSupplierId: m.supplierId,
        subject,
      },
      {
        key: `attestation-sociale-${m.supplierId}`,
        kind: 'attestation-sociale',
        label: `Attestation de vigilance URSSAF — ${m.name}`,
        assigneeSupplierId: m.supplierId,
        subject,
      },
    );
  }
  for (const s of input.subcontractors)
    items.push({
      key: `dc4-${s.siret}`,
      kind: 'dc4',
      label: `DC4 — déclaration de sous-traitance : ${s.name}`,
      assigneeSupplierId: mandataire.supplierId,
      subject: { type: 'sous-traitant', siret: s.siret },
    });
  return items;
}
