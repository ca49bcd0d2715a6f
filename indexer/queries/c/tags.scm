; placeholder until the c query lands
