# Import duty of a parcel, in cents.

compute() {
  echo $(( 250 + $1 * 10 ))
}

exempt() {
  [ "$1" -lt 500 ]
}
