/// The shop's public API.
library shop;

export 'src/billing/checkout.dart';
export 'src/models/invoice.dart';
