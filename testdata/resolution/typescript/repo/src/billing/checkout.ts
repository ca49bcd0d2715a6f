// Checkout: VAT from billing, customs duty from shipping.
import { compute } from "./tax";
import * as shippingTax from "../shipping/tax";
import { compute as duty } from "../shipping/tax";
import { declareParcel as declare, Declaration } from "../shipping/customs";
import makeLabel from "../shipping/label";

export function checkout(amount: number, weight: number): number {
  const vat = compute(amount);
  const customs = shippingTax.compute(weight);
  return amount + vat + customs;
}

export function quote(amount: number, weight: number): number {
  return amount + duty(weight);
}

export function ship(address: string, amount: number, weight: number): [Declaration, string] {
  const declaration = declare(weight, amount);
  return [declaration, makeLabel(address, weight)];
}
