"""`python -m langcheck` runs the CLI."""

from langcheck.cli import main

main()
