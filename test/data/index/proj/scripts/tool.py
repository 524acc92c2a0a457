import sys

from app.core import main

if __name__ == "__main__":
    sys.exit(main())
