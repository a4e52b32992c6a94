import { describe, expect, it } from 'vitest';
import {
  parseBuyerOrganisationForm,
  parseDecisionForm,
  parseInvitationForm,
  parseNewSupplierForm,
  parseRoleChangeForm,
  parseSupplierSiretForm,
  parseTransferForm,
} from '../../app/domain/organisation-forms';

// The organisation forms' schemas (app/domain/organisation-forms.ts): French messages on the right field,
// normalised values (SIRET without spaces, trimmed names, lower-case addresses, numeric ids).

const SIRET = '73282932000074';

describe('organisation forms', () => {
  it('normalise what they accept', () => {
    expect(parseSupplierSiretForm({ siret: '732 829 320 00074', message: '  Bonjour  ' })).toEqual({
      ok: true,
      value: { siret: SIRET, message: 'Bonjour' },
    });
    expect(
      parseNewSupplierForm({ siret: SIRET, name: ' Les   Jardins ', structureKind: ' ACI ', commune: ' Lyon ' }),
    ).toEqual({
      ok: true,
      value: { siret: SIRET, message: '', name: 'Les Jardins', structureKind: 'ACI', commune: 'Lyon' },
    });
    expect(parseBuyerOrganisationForm({ name: 'Ville', buyerType: 'commune', buyerSize: 'lt-10', siret: ' ' })).toEqual(
      { ok: true, value: { name: 'Ville', buyerType: 'commune', buyerSize: 'lt-10', siret: null } },
    );
    expect(parseInvitationForm({ email: ' Camille@Exemple.FR ', role: 'editor' })).toEqual({
      ok: true,
      value: { email: 'camille@exemple.fr', role: 'editor' },
    });
    expect(parseRoleChangeForm({ userId: '12', role: 'owner' })).toEqual({
      ok: true,
      value: { userId: 12, role: 'owner' },
    });
    expect(parseTransferForm({ newOwnerUserId: '3', password: 'x' })).toEqual({
      ok: true,
      value: { newOwnerUserId: 3, password: 'x' },
    });
    expect(
      parseDecisionForm({ requestId: '4', decision: 'reject', note: '' }, { noteRequiredOnReject: false }),
    ).toEqual({
      ok: true,
      value: { requestId: 4, decision: 'reject', note: null },
    });
  });

  it('refuse each bad field with a French message on that field', () => {
    const fields = (r: { ok: boolean; error?: { field: string }[] }) =>
      r.ok ? [] : r.error!.map((i) => i.field).sort();
    expect(fields(parseSupplierSiretForm({}))).toEqual(['siret']);
    expect(fields(parseSupplierSiretForm({ siret: SIRET, message: 'x'.repeat(1001) }))).toEqual(['message']);
    expect(fields(parseNewSupplierForm({ siret: SIRET }))).toEqual(['commune', 'name', 'structureKind']);
    expect(fields(parseBuyerOrganisationForm({ siret: '732829320' }))).toEqual([
      'buyerSize',
      'buyerType',
      'name',
      'siret',
    ]);
    expect(fields(parseInvitationForm({ email: 'x', role: 'admin' }))).toEqual(['email', 'role']);
    expect(fields(parseRoleChangeForm({ userId: '0', role: '' }))).toEqual(['role', 'userId']);
    expect(fields(parseTransferForm({ newOwnerUserId: '-1', password: '' }))).toEqual(['newOwnerUserId', 'password']);
    expect(fields(parseDecisionForm({ requestId: '1', decision: 'maybe' }, { noteRequiredOnReject: true }))).toEqual([
      'decision',
    ]);
    const noNote = parseDecisionForm({ requestId: '1', decision: 'reject', note: ' ' }, { noteRequiredOnReject: true });
    expect(noNote).toEqual({
      ok: false,
      error: [{ field: 'note', message: expect.stringMatching(/Expliquez le refus/) }],
    });
    const longNote = parseDecisionForm(
      { requestId: '1', decision: 'approve', note: 'x'.repeat(1001) },
      { noteRequiredOnReject: true },
    );
    expect(fields(longNote)).toEqual(['note']);
  });
});
