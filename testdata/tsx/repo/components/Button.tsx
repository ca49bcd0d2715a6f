import React from "react";

/** Visual style of a button. */
export type Variant = "primary" | "ghost";

export interface ButtonProps {
  label: string;
  variant?: Variant;
  onPress(): void;
}

/** A themed push button. */
export function Button({ label, variant = "primary", onPress }: ButtonProps) {
  return (
    <button className={`btn btn-${variant}`} onClick={() => onPress()}>
      {label}
    </button>
  );
}

export const formatPrice = (cents: number): string => `€${(cents / 100).toFixed(2)}`;

/** Small pill shown next to a price. */
export const Badge = ({ text }: { text: string }) => <span className="badge">{text}</span>;
