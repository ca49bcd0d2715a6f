/// Customs duty on parcels, by weight.
double compute(double weight) => weight * 1.5;
