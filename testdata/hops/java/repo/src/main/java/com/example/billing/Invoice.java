package com.example.billing;

import java.util.ArrayList;
import java.util.List;

/** A bill sent to a customer. */
public class Invoice {
    public record LineItem(String description, int quantity, double unitPrice, double taxRate) {}

    public String number;
    public String customerId;
    public int dueDay;
    public final List<LineItem> items = new ArrayList<>();
    public double subtotal;
    public double tax;
    public double total;
    public boolean finalized;
    public final List<Double> penalties = new ArrayList<>();
}
