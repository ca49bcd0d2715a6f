; placeholder until the rust query lands
