import { Product, Repository, StockLevel, Units } from "./models";
import type { ShelfId } from "./models";
import fs from "node:fs";

/** Keeps products in memory, optionally persisted to disk. */
export default class MemoryStore extends Repository<Product> {
  private static instances = 0;

  constructor(private readonly path?: string) {
    super();
    MemoryStore.instances += 1;
  }

  async load(sku: string): Promise<Product | undefined> {
    return this.items.get(sku);
  }

  /** Classifies the stock on hand for a weight in kilograms. */
  levelFor(kilos: number): StockLevel {
    const grams = Units.toGrams(kilos);
    return grams === 0 ? StockLevel.Empty : grams < 500 ? StockLevel.Low : StockLevel.Plenty;
  }

  save(): void {
    if (this.path) {
      fs.writeFileSync(this.path, JSON.stringify([...this.items.values()]));
    }
  }
}

// Formats a shelf label for printing.
export const shelfLabel = (shelf: ShelfId, product: Product): string =>
  `${shelf}: ${product.sku}`;

export function openStore(path: string): MemoryStore;
export function openStore(path?: string): MemoryStore {
  return new MemoryStore(path);
}

declare module "legacy-inventory" {
  export function sync(store: MemoryStore): void;
}
