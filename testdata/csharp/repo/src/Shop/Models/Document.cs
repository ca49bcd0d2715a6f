namespace Shop.Models;

/// <summary>Anything with a total price.</summary>
public interface IPriced
{
    decimal Total();
}

/// <summary>A printable business document.</summary>
public abstract class Document
{
    protected Document(string customer)
    {
        Customer = customer;
    }

    public string Customer { get; }

    /// <summary>The text shown to the customer.</summary>
    public virtual string Render() => Customer;

    /// <summary>Renders and frames the document.</summary>
    public string Print()
    {
        return "[" + Render() + "]";
    }
}

/// <summary>An amount in one currency.</summary>
public readonly struct Money
{
    public static readonly Money Zero = new Money(0m, "EUR");

    public Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }
    public string Currency { get; }
}
