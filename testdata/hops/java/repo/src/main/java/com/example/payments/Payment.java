package com.example.payments;

/** A captured payment and what was refunded of it. */
public class Payment {
    public String token;
    public String processorRef = "";
    public long captured;
    public long refunded;
}
