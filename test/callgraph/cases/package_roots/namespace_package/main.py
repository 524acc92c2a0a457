"""A namespace package (no __init__.py) holding a regular package and a module."""
import company.util
from company.billing import tax

tax.vat(100)
company.util.round_cents(1.234)
