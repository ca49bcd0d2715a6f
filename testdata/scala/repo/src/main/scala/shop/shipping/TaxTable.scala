package shop.shipping

/** Where a parcel goes. */
sealed trait Zone { def rate: BigDecimal }

object Zone {
  case object Domestic extends Zone { val rate = BigDecimal(0) }
  case object Abroad extends Zone { val rate = BigDecimal("0.2") }
}

/** Customs duty by zone. */
class TaxTable(zone: Zone) {
  /** The duty owed on an amount. */
  def compute(amount: BigDecimal): BigDecimal = amount * zone.rate
}
