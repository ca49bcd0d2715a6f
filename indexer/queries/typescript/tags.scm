; placeholder until the typescript query lands
