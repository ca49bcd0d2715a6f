; placeholder until the go query lands
