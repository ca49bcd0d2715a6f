import React, { useState } from "react";
import { Button, formatPrice } from "./Button";

interface Line {
  sku: string;
  cents: number;
}

const MAX_LINES = 20;

/**
 * Shows the lines of a cart with a checkout button.
 */
export default function CartView({ lines }: { lines: Line[] }) {
  const [open, setOpen] = useState(false);

  // Toggles the detail panel.
  const toggle = () => setOpen(!open);

  return (
    <section>
      {lines.slice(0, MAX_LINES).map((line) => (
        <p key={line.sku}>{formatPrice(line.cents)}</p>
      ))}
      <Button label={open ? "Hide" : "Show"} onPress={toggle} />
    </section>
  );
}

/** Class-based summary kept for the legacy checkout page. */
export class CartSummary extends React.Component<{ total: number }> {
  render() {
    return <strong>{formatPrice(this.props.total)}</strong>;
  }
}
