text = "ÿþ not utf-8"
