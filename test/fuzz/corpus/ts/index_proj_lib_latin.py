# a comment line first
# -*- coding: latin-1 -*-
name = "café"
