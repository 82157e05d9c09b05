/**
 * How a ticket's net sales split over its lines and what a therapist earns of them. A discount is on the
 * whole ticket; each line carries its share in proportion to its total (largest remainders get the odd
 * centavos, earlier lines first on ties), so the lines' net sales add up to the ticket's to the centavo.
 */
export function allocateDiscount(lineTotals: readonly number[], discount: number): number[] {
  const gross = lineTotals.reduce((sum, total) => sum + total, 0);
  if (gross === 0 || discount === 0) return [...lineTotals];
  const shares = lineTotals.map((total) => Math.floor((discount * total) / gross));
  let left = discount - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = lineTotals
    .map((total, index) => ({ index, remainder: (discount * total) % gross }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    shares[index]! += 1;
    left -= 1;
  }
  return lineTotals.map((total, index) => total - shares[index]!);
}

/** A whole percent of a line's net sales, rounded to the nearest centavo (halves up). */
export function commissionOf(netSales: number, percent: number): number {
  return Math.round((netSales * percent) / 100);
}
