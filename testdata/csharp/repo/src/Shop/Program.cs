using System;
using Shop.Billing;
using Shop.Models;

namespace Shop
{
    internal static class Program
    {
        /// <summary>Books one sample invoice.</summary>
        private static void Main(string[] args)
        {
            var invoice = new Invoice(args.Length > 0 ? args[0] : "sample");
            invoice.Add("book", 12.5m, 2);
            Console.WriteLine(new Checkout().Close(invoice));
            Console.WriteLine(invoice.Print());
        }
    }
}
