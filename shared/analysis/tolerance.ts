/**
 * Half a cent (NOK 0.005). Amounts arrive with floating-point noise (5221921.500000001); any two amounts closer
 * than this are the same amount to the cent, and any denominator smaller than this in magnitude is zero.
 */
export const HALF_CENT = 0.005;

/** True when |x| is below half a cent. */
export function isZeroAmount(x: number): boolean {
  return Math.abs(x) < HALF_CENT;
}
