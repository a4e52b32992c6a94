import { Form } from '@remix-run/react';
import { FileField } from '~/components/form/file-field';

// The logo's own forms on the editor (docs/decisions/131-uploads-and-logos.md): the current logo, an upload
// (multipart, field `logo`) and a removal. Separate from the sheet form: a file is sent alone.

export interface LogoFormProps {
  logoUrl: string | null;
  supplierName: string;
  errors?: string[];
}

export function LogoForm({ logoUrl, supplierName, errors }: LogoFormProps) {
  return (
    <section id="logo" aria-labelledby="logo-titre" className="sheet-form__section">
      <h2 id="logo-titre">Logo</h2>
      {logoUrl ? (
        <p>
          <img src={logoUrl} alt={`Logo actuel de ${supplierName}`} className="sheet-logo" />
        </p>
      ) : (
        <p>Aucun logo pour l’instant.</p>
      )}
      <Form method="post" encType="multipart/form-data" className="form">
        <input type="hidden" name="intent" value="logo-upload" />
        <FileField
          id="logo-fichier"
          name="logo"
          label={logoUrl ? 'Nouveau logo' : 'Logo'}
          accept="image/png,image/jpeg,image/webp"
          errors={errors}
          hint="PNG, JPEG ou WebP, 2 Mo au plus. L’image est redimensionnée (400 × 400 pixels au plus) et nettoyée de ses métadonnées."
        />
        <button type="submit" className="button">
          Envoyer le logo
        </button>
      </Form>
      {logoUrl ? (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="logo-remove" />
          <button type="submit" className="button button--secondary">
            Supprimer le logo
          </button>
        </Form>
      ) : null}
    </section>
  );
}
