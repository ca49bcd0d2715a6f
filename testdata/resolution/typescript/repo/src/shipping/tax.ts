// Customs duty on a parcel, by weight.
const DUTY_PER_KG = 1.5;

export function compute(weight: number): number {
  return Math.round(weight * DUTY_PER_KG * 100) / 100;
}
