# Sales tax of an order, in cents.

compute() {
  echo $(( $1 * 20 / 100 ))
}
