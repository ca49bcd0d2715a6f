// The ledger books amounts with its own fee, and VAT through the tax module.
import { compute } from "./tax";

export class Ledger {
  private lines: Array<[number, number]> = [];

  record(amount: number): number {
    const fee = this.compute(amount);
    this.lines.push([amount, fee]);
    return fee;
  }

  compute(amount: number): number {
    return Math.round(amount) / 100;
  }

  post(amount: number): number {
    const vat = compute(amount);
    this.lines.push([amount, vat]);
    return vat;
  }
}
