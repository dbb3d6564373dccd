"""Hearth's terminal front end: the ``hearth`` command, a peer of the desktop window over ``core``.

One module per command group (``models``, ``data``, ``train`` and ``runs``, ``export`` and ``convert``,
``chat``, ``evaluate``, ``jobs``, ``doctor``, ``quickstart``, ``gui``); ``main`` puts them together.
Heavy libraries (torch, transformers, llama_cpp, Qt) are imported inside the commands that need them,
so ``hearth --help`` answers at once. Hearth's errors become a message, a hint and an exit code here
(``cli.common.friendly_errors``), and nowhere below.
"""
