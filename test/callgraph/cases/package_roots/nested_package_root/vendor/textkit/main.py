from textkit.stats.counts import word_count

word_count("a b c")
