/** Injection token of the open Database; a leaf module so other libs can import it without cycles. */
export const DATABASE = Symbol('DATABASE');
export type { Database } from './database';
