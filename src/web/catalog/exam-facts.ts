import { languageLabel } from '../lib/format.ts';

/** The number of digits after the decimal point in a currency's minor unit (2 for USD, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A price in minor units as people read it, e.g. `15000, 'USD'` → `US$150.00`; 0 is "Free". */
export function formatPrice(priceMinor: number, currency: string): string {
  if (priceMinor === 0) return 'Free';
  const amount = priceMinor / 10 ** currencyDigits(currency);
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** An exam's length, e.g. `130` → `130 minutes (2 h 10 min)`. */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${minutes} minutes (${hours} h${rest ? ` ${rest} min` : ''})`;
}

export const levelLabels: Record<string, string> = {
  foundational: 'Foundational',
  associate: 'Associate',
  professional: 'Professional',
  specialty: 'Specialty',
};

/** The passing score on its scale, e.g. `750 on a scale of 100 to 1000`. */
export function passingScoreText(exam: { passingScore: number; scaleMin: number; scaleMax: number }): string {
  return `${exam.passingScore} on a scale of ${exam.scaleMin} to ${exam.scaleMax}`;
}

/** Language codes as a readable list, e.g. `English, German`. */
export function languagesText(codes: readonly string[]): string {
  return codes.map(languageLabel).join(', ');
}

/** How many questions a candidate answers (scored plus unscored pretest questions). */
export function questionCount(exam: { scoredItemCount: number; unscoredItemCount: number }): number {
  return exam.scoredItemCount + exam.unscoredItemCount;
}
