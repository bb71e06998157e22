"""The ``nllplot`` command that the wheel puts on PATH: the same program as the Rust binary,
run in this process."""

import sys

from ._nllplot import main as _main


def main() -> None:
    sys.exit(_main(sys.argv))
