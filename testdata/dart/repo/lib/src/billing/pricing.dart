/// The house discount.
const double defaultRate = 0.1;

/// Takes the rate off the amount, rounded to cents.
double applyDiscount(double amount, [double rate = defaultRate]) =>
    (amount * (1 - rate)).toCents();

/// Rounding of amounts.
extension Cents on double {
  /// Rounds to whole cents.
  double toCents() => (this * 100).roundToDouble() / 100;
}

/// Discount rules by customer.
class Discounts {
  static const loyalRate = 0.15;

  /// The rate a customer gets.
  static double rateFor(String customer) =>
      customer.startsWith('vip') ? loyalRate : defaultRate;
}
