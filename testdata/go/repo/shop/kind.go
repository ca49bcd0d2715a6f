package shop

// Kind is the kind of product a line sells.
type Kind int

const (
	KindBook Kind = iota
	KindGame
)
