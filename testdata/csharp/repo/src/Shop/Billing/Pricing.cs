using System;

namespace Shop.Billing
{
    /// <summary>Discount rules.</summary>
    public static class Pricing
    {
        /// <summary>The house discount.</summary>
        public static readonly decimal DefaultRate = 0.1m;

        /// <summary>Takes the rate off the amount, rounded to cents.</summary>
        public static decimal ApplyDiscount(decimal amount, decimal rate)
        {
            return Math.Round(amount * (1 - rate), 2);
        }
    }

    /// <summary>Helpers on amounts.</summary>
    public static class AmountExtensions
    {
        /// <summary>Rounds to whole cents.</summary>
        public static decimal ToCents(this decimal amount) => Math.Round(amount, 2);
    }

    /// <summary>Called when a total changes.</summary>
    public delegate void TotalChanged(decimal total);
}
