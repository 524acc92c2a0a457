# Positions after multi-byte characters: columns are UTF-8 bytes.
café = "naïve" + "€uro"
def größe(ä, 𝔘=1):
    return ä + 𝔘 + len("日本語") + café.count("é")
x = {"ключ": größe("ü")}
