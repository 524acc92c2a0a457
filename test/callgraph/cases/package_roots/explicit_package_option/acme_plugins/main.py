"""Plugins of a namespace package, importing each other absolutely."""
from acme_plugins.exporters import pdf

pdf.export("report")
