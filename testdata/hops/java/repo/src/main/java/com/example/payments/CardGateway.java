package com.example.payments;

import java.util.Map;

/** The card processor's HTTP API. */
public class CardGateway implements PaymentGateway {
    public interface HttpClient {
        String post(String path, Map<String, Object> body);
    }

    private final HttpClient client;

    public CardGateway(HttpClient client) {
        this.client = client;
    }

    @Override
    public String capture(Payment payment, long amount, String requestId) {
        String id = client.post("/v1/debits", Map.of("source", payment.token, "amount", amount));
        payment.captured += amount;
        return id;
    }

    @Override
    public String reverse(Payment payment, long amount) {
        return client.post("/v1/reversals", Map.of("ref", payment.processorRef, "amount", amount));
    }
}
