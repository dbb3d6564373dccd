"""``python -m cli``: the ``hearth`` command."""

from cli import main

main()
