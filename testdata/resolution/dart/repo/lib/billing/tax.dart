/// Value added tax on invoices.
double compute(double amount) => amount * 0.2;
