package com.example.billing;

import java.util.ArrayList;
import java.util.List;

/** The ledger books amounts with its own fee, and VAT through the tax class. */
public class Ledger {
    private final List<double[]> lines = new ArrayList<>();

    public double record(double amount) {
        double fee = compute(amount);
        lines.add(new double[] {amount, fee});
        return fee;
    }

    public double compute(double amount) {
        return Math.round(amount) / 100.0;
    }

    public double post(double amount) {
        double vat = Tax.compute(amount);
        lines.add(new double[] {amount, vat});
        return vat;
    }
}
