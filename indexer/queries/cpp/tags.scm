; placeholder until the cpp query lands
