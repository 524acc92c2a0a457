s = "éèê"; nonlocal x
