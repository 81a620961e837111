"""`python -m siyu`: see `siyu.cli`."""

import sys

from siyu.cli import main

if __name__ == "__main__":
    sys.exit(main())
