"""An aliased module and a submodule imported under a short name."""
import subprocess as sp
import xml.etree.ElementTree as ET
from os import path as p


def run(cmd):
    return sp.run(cmd, capture_output=True)


def parse(text):
    root = ET.fromstring(text)
    return root.tag, p.join("a", root.tag)


parse("<doc/>")
