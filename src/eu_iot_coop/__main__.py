"""``python -m eu_iot_coop`` and the ``eu-iot-coop`` console script."""

from __future__ import annotations

import gc
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    # Imported here so that importing this module stays as cheap as importing the package.
    from ._cli import main as run

    return run(argv)


def console() -> int:
    """The program: :func:`main` on the process's arguments, in a process that ends when it returns."""
    code = main()
    # The process ends now. Its last collections would walk every object the command loaded (a fifth of
    # `eu-iot-coop show`'s time) only to free them at exit anyway; frozen, they are skipped. Only here, where the
    # process is the command's own: main() run inside another program leaves its collector alone.
    gc.freeze()
    return code


if __name__ == "__main__":
    raise SystemExit(console())
