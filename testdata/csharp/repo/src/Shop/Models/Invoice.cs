using System;
using System.Collections.Generic;

namespace Shop.Models
{
    /// <summary>An invoice of line items for one customer.</summary>
    [Serializable]
    public class Invoice : Document, IPriced
    {
        /// <summary>Most lines an invoice may hold.</summary>
        public const int MaxLines = 50;

        private readonly List<Line> _lines = new List<Line>();

        /// <summary>Where the invoice is in its life.</summary>
        public enum State
        {
            Draft,
            Final,
        }

        /// <summary>One product line.</summary>
        public record Line(string Sku, decimal Price, int Quantity)
        {
            /// <summary>Price times quantity.</summary>
            public decimal Subtotal() => Price * Quantity;
        }

        public Invoice(string customer) : base(customer)
        {
        }

        /// <summary>The current state.</summary>
        public State Status { get; private set; } = State.Draft;

        /// <summary>Adds a line; fails once the invoice is final.</summary>
        public void Add(string sku, decimal price, int quantity)
        {
            if (Status == State.Final || _lines.Count >= MaxLines)
            {
                throw new InvalidOperationException("invoice is closed");
            }
            _lines.Add(new Line(sku, price, quantity));
        }

        // The sum of the lines, before discounts.
        public decimal Total()
        {
            decimal sum = 0;
            foreach (var line in _lines)
            {
                sum += line.Subtotal();
            }
            return sum;
        }

        public override string Render() => $"{Customer}: {this.Total()}";
    }
}
