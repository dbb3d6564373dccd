"""``python -m cli``: the ``hearth`` command."""

from cli.main import main

main()
