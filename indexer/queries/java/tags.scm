; placeholder until the java query lands
