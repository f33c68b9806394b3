/** Small form pieces the staff pages share: a labelled field with its error, and the error line. */
import type { ReactNode } from 'react';
import { FieldError } from './form-parts';

export {
  FieldError,
  inputClass,
  primaryButtonClass as buttonClass,
  secondaryButtonClass,
} from './form-parts';

export function FormError({ message }: { message: string | null | undefined }) {
  if (message === null || message === undefined) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
      {message}
    </p>
  );
}

/** A label, its control (given the id and error wiring) and the control's error message. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: ReactNode;
  error: string | undefined;
  hint?: ReactNode;
  children: (wiring: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {children(error === undefined ? { id } : { id, 'aria-invalid': true, 'aria-describedby': errorId })}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
