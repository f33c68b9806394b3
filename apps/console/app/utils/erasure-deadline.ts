/** Days within which requested recordings are deleted (Illinois AI Video Interview Act: 30 days). */
export const ERASURE_DEADLINE_DAYS = 30;
