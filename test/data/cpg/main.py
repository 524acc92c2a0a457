import app
from app import Account, helper
from app.models import Admin
from app.shapes import factory
from app import util as u
import app.deco


def run():
    user = Account("ann", "a@example.org")
    user.describe()
    admin = Admin.create("root")
    Admin.level()
    cls = factory()
    box = cls(3)
    make = factory
    make()(4).grow()
    adder = app.make_adder(2)
    adder(5)
    app.util.bump()
    return u.choose(helper(1)), box


@app.deco.trace
def entry():
    return run()


entry()
