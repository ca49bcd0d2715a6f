// Customs duty on a parcel, by weight.
const DUTY_PER_KG = 1.5;

function compute(weight) {
  return Math.round(weight * DUTY_PER_KG * 100) / 100;
}

module.exports = { compute };
