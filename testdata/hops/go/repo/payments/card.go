package payments

import "fmt"

// HTTPClient posts form bodies to the card processor.
type HTTPClient interface {
	Post(path, body string) (string, error)
}

// CardGateway talks to the card processor's HTTP API.
type CardGateway struct {
	Client HTTPClient
}

func (g *CardGateway) Capture(p *Payment, amount int64, _ string) (string, error) {
	id, err := g.Client.Post("/v1/debits", fmt.Sprintf("source=%s&amount=%d", p.Token, amount))
	if err != nil {
		return "", err
	}
	p.Captured += amount
	return id, nil
}

func (g *CardGateway) Reverse(p *Payment, amount int64) (string, error) {
	return g.Client.Post("/v1/reversals", fmt.Sprintf("ref=%s&amount=%d", p.ProcessorRef, amount))
}
