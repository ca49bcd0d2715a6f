// Customs declarations for parcels leaving the country.
export interface Declaration {
  weight: number;
  value: number;
}

export function declareParcel(weight: number, value: number): Declaration {
  return { weight, value };
}
