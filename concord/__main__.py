"""`python -m concord`: the same as the `concord` command."""

from concord.cli import main

main()
