// The password rules people read next to the field: lengths and messages, without the list of common
// passwords (./password-policy.ts applies them with the list), so that a component can import them without
// putting 100 kB of passwords in the browser bundle (docs/decisions/101-passwords.md). At most 256 characters:
// hashing a megabyte would be a denial of service.

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export const PASSWORD_MESSAGES = {
  required: 'Saisissez un mot de passe.',
  tooShort: `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`,
  tooLong: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  common:
    'Ce mot de passe fait partie des mots de passe les plus courants : choisissez-en un autre, par exemple une phrase de plusieurs mots.',
  sameAsEmail: 'Le mot de passe ne doit pas reprendre votre adresse e-mail.',
} as const;
