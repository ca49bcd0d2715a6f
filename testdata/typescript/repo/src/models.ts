// Domain types for the inventory service.

/** A product as stored in the catalogue. */
export interface Product {
  sku: string;
  price: number;
  /** Price after promotions. */
  effectivePrice(at: Date): number;
}

/** Identifies a warehouse shelf. */
export type ShelfId = `${string}-${number}`;

export enum StockLevel {
  Empty,
  Low,
  Plenty = 100,
}

export const DEFAULT_SHELF: ShelfId = "A-1";

/** Unit conversion helpers. */
export namespace Units {
  export const GRAMS_PER_KILO = 1000;

  /** Converts kilograms to grams. */
  export function toGrams(kilos: number): number {
    return kilos * GRAMS_PER_KILO;
  }
}

/**
 * Base class of every storage backend.
 */
export abstract class Repository<T extends Product> {
  protected readonly items = new Map<string, T>();

  /** Loads one item or returns undefined. */
  abstract load(sku: string): Promise<T | undefined>;

  count(): number {
    return this.items.size;
  }
}
