package com.example.billing;

import static com.example.shipping.Customs.declareParcel;

import com.example.shipping.Customs;

/** Checkout: VAT from billing, customs duty from shipping. */
public class Checkout {
    public double checkout(double amount, double weight) {
        double vat = Tax.compute(amount);
        double customs = com.example.shipping.Tax.compute(weight);
        return amount + vat + customs;
    }

    public double quote(double amount, double weight) {
        return amount + com.example.shipping.Tax.compute(weight);
    }

    public Customs.Declaration ship(double amount, double weight) {
        return declareParcel(weight, amount);
    }
}
