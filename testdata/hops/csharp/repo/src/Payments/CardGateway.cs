using System.Collections.Generic;

namespace Shop.Payments
{
    /// <summary>The card processor's HTTP API.</summary>
    public class CardGateway : IPaymentGateway
    {
        public interface IHttpClient
        {
            string Post(string path, IDictionary<string, object> body);
        }

        private readonly IHttpClient _client;

        public CardGateway(IHttpClient client)
        {
            _client = client;
        }

        public string Capture(Payment payment, long amount, string requestId)
        {
            string id = _client.Post("/v1/debits", new Dictionary<string, object> { ["source"] = payment.Token, ["amount"] = amount });
            payment.Captured += amount;
            return id;
        }

        public string Reverse(Payment payment, long amount)
        {
            return _client.Post("/v1/reversals", new Dictionary<string, object> { ["ref"] = payment.ProcessorRef, ["amount"] = amount });
        }
    }
}
