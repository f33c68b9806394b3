/** Form pieces shared by the account and admin pages: labelled inputs with their error, notices. */
import type { ReactNode } from 'react';
import { FieldError, inputClass } from './form-parts';

export { FieldError, inputClass, primaryButtonClass, secondaryButtonClass } from './form-parts';

export function TextField({
  name,
  label,
  type = 'text',
  error,
  hint,
  autoComplete,
  defaultValue,
  required = true,
}: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number';
  error?: string | undefined;
  hint?: ReactNode;
  autoComplete?: string;
  defaultValue?: string;
  required?: boolean;
}) {
  const errorId = `${name}-error`;
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      {hint !== undefined && <p className="text-sm text-slate-500">{hint}</p>}
      <input
        id={name}
        name={name}
        type={type}
        required={required}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={inputClass}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export function Notice({ tone, children }: { tone: 'error' | 'success' | 'info'; children: ReactNode }) {
  const toneClass = {
    error: 'bg-red-50 text-red-800',
    success: 'bg-emerald-50 text-emerald-800',
    info: 'bg-sky-50 text-sky-900',
  }[tone];
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-md p-3 text-sm ${toneClass}`}>
      {children}
    </div>
  );
}
