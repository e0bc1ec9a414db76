"""``python -m eu_iot_coop`` and the ``eu-iot-coop`` console script."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    # Imported here so that importing this module stays as cheap as importing the package.
    from ._cli import main as run

    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
