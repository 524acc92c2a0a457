def replace(text):
    return text.replace(":)", "smile")
