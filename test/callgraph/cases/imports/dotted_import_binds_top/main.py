"""`import a.b.c` runs a, a.b and a.b.c and binds only `a`."""
import shop.billing.invoice

shop.billing.invoice.render(3)
shop.version()
