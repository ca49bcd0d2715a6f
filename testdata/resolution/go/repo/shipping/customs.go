package shipping

// Declaration is a customs declaration for a parcel.
type Declaration struct {
	Weight float64
	Value  float64
}

// DeclareParcel fills in a declaration.
func DeclareParcel(weight, value float64) Declaration {
	return Declaration{Weight: weight, Value: value}
}
