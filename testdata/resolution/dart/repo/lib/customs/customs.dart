import '../shipping/tax.dart' as duty;
import 'package:shop/billing/tax.dart' as billing;

/// Customs declarations.
class Declarations {
  double declare(double weight) => duty.compute(weight);

  double audit(double amount) => billing.compute(amount);
}
