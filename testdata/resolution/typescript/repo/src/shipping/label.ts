// Shipping labels.
export default function printLabel(address: string, weight: number): string {
  return `${address}\n${weight.toFixed(1)} kg`;
}
