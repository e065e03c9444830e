/** A decision the rules refuse, in words the rep can act on (below the SQL bar, a date out of order, ...). */
export class DecisionError extends Error {
  override readonly name = 'DecisionError';
}
