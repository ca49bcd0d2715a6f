package shop
package shipping

/** Customs duty on parcels, by weight. */
object Tax {
  def compute(weight: Double): Double = weight * 1.5
}
