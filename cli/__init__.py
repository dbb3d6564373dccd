"""Hearth's terminal front end: the ``hearth`` command, a peer of the desktop window over ``core``.

One module per command group (``models``, ``data``, ``train`` and ``runs``, ``export`` and ``convert``,
``chat``, ``evaluate``, ``jobs``, ``doctor``, ``quickstart``, ``gui``); ``cli.main`` puts them together.
Heavy libraries (torch, transformers, llama_cpp, Qt) are imported inside the commands that need them,
so ``hearth --help`` answers at once. Every failure becomes a message, a hint and an exit code in one place,
``cli.common.report`` (``--debug`` adds the traceback), and nowhere below.
"""

import sys


def main() -> None:
    """Entry point of the ``hearth`` console script.

    Kept apart from ``cli.main`` so that a Ctrl+C while the command's modules are still being imported ends
    with a word, not a traceback.
    """
    # A Ctrl+C that lands inside a callback Python runs while importing (a module lock's) cannot be raised
    # there: Python would print it as an "ignored" exception with a traceback and go on. It is kept instead,
    # and the command ends as interrupted once the import is over.
    landed: list[bool] = []

    def unraisable(hook: object) -> None:
        if issubclass(getattr(hook, "exc_type", type(None)), KeyboardInterrupt):
            landed.append(True)
            return
        sys.__unraisablehook__(hook)  # type: ignore[arg-type]

    sys.unraisablehook = unraisable
    try:
        from cli.main import main as run

        if landed:
            raise KeyboardInterrupt
        run(sys.argv[1:])
        if landed:
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
