; placeholder until the javascript query lands
