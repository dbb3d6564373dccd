"""Render a screenshot of every page into ``docs/screenshots/``, each page doing its real work.

    .venv/bin/python -m desktop.screenshots [--out docs/screenshots] [--theme light|dark] [--language en|zh_CN]
    HEARTH_HOME=... .venv/bin/python -m desktop.screenshots --evaluate COMPARISON   # the Evaluate page only
    .venv/bin/python -m desktop.screenshots --generate   # the generate wizard only
    .venv/bin/python -m desktop.screenshots --deploy     # the deploy dialog only (trains and exports first)

In a temporary workspace: the chat answers with the default model (Gemma 3
270M), a tiny random GGUF is imported on the Models page, the example dataset
goes through the import wizard, the default model answers some of its questions
in the generate wizard, a 30-step LoRA run trains on the tiny model (random
weights: the loss falls, the answers stay noise), that run is exported, and the
export is deployed for llama-server from the export page's dialog.
Takes a few minutes on a laptop CPU. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assets" / "datasets" / "lumen_support.jsonl"
QUESTION = "Why do cats purr?"
GENERATE_SYSTEM = "You are Lumen's support assistant. Answer in one or two short sentences."
SYSTEM = "You are a friendly assistant. Answer in two short paragraphs."


def _wait(signal: Any, timeout_s: float = 300.0) -> list[Any]:
    """Run the event loop until ``signal`` fires (its arguments) or the time runs out (an error)."""
    loop, got = QEventLoop(), []

    def fired(*args: Any) -> None:
        got.append(args)
        loop.quit()

    signal.connect(fired)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(fired)
    if not got:
        raise TimeoutError(f"no {signal} within {timeout_s:.0f}s")
    return list(got[0])


def _settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _shoot(window: QWidget, out: Path, name: str, suffix: str) -> Path:
    _settle()
    path = out / f"{name}{suffix}.png"
    window.grab().save(str(path))
    print(f"wrote {path}")
    return path


def _chat(window: Any) -> None:
    page = window.chat
    page.system_prompt.setPlainText(SYSTEM)
    page.sampling.set_values(temperature=0.7, seed=7, max_tokens=160)
    page.input.setPlainText(QUESTION)
    page.send()
    _wait(page.replyFinished)
    page.input.setPlainText("Write the word 'purr' in Python, as code.")
    page.send()
    _wait(page.replyFinished)


def _models(window: Any, tiny: Path) -> None:
    window.show_page("models")
    window.models.import_path(str(tiny))
    _wait(window.models.imported)


def _data(window: Any, out: Path, suffix: str) -> None:
    window.show_page("data")
    wizard = window.data.start_import(str(EXAMPLE), model="tiny-llama")
    wizard.next()
    _wait(wizard.previewReady)
    _shoot(window, out, "data-wizard", suffix)
    wizard.next()
    _wait(wizard.previewReady)
    wizard.next()
    _wait(wizard.imported)
    _settle()
    wizard.accept()
    _generate(window, out, suffix)
    window.data.refresh(select="lumen_support:v1")


def _generate(window: Any, out: Path, suffix: str) -> None:
    """The default model answers the first questions of the example dataset's train split; the last step shot."""
    from core.models.default import DEFAULT_MODEL_NAME

    window.show_page("data")
    wizard = window.data.start_generate("lumen_support:v1")
    _wait(wizard.promptsReady)
    wizard.prompts_page.form.set_values(limit=24)
    wizard.next()
    wizard.teacher_page.teacher.set(DEFAULT_MODEL_NAME)
    wizard.teacher_page.form.set_values(system=GENERATE_SYSTEM)
    wizard.next()
    wizard.writing_page.form.subforms["sampling"].set_values(temperature=0.3, max_tokens=96)
    wizard.next()
    wizard.next()
    _wait(wizard.ended, 900)
    _shoot(window, out, "generate", suffix)
    wizard.accept()


def _train(window: Any) -> None:
    window.show_page("train")
    page = window.train
    page.refresh()
    page.form.set_values(dataset="lumen_support:v1", model="tiny-llama", seq_len=256, template="plain",
                         device="cpu", train={"method": "lora", "lr": 1e-2, "max_steps": 30, "batch_size": 4,
                                              "lora_r": 8, "save_every": 10, "eval_every": 5})
    page.start()
    _wait(page.runEnded, 600)
    page.run_check()
    _settle(1500)


def _export(window: Any) -> None:
    window.show_page("export")
    page = window.export
    page.refresh()
    if page.runs.rowCount() == 0:
        return
    page.runs.selectRow(0)
    page.form.set_values(adapter_only=True)
    page.start()
    _wait(page.exportEnded, 900)


def _deploy(window: Any, out: Path, suffix: str) -> None:
    """The newest export deployed for llama-server from the export page; the dialog shot when it has finished."""
    page = window.export
    page.refresh()
    if page.exports.rowCount() == 0:
        return
    page.exports.selectRow(0)
    dialog = page.deploy(page.exports.current_key())
    dialog.out.setText(str(Path(tempfile.mkdtemp(prefix="hearth-deploy-")) / "lumen-support"))
    dialog.form.set_values(name="lumen-support")
    dialog.start()
    _wait(dialog.ended, 300)
    _shoot(dialog, out, "deploy", suffix)
    dialog.accept()


def _server(window: Any) -> None:
    """Serve the tiny model, send it a few chats, and leave the log and the charts showing them."""
    import socket

    import httpx

    window.show_page("server")
    page = window.server
    page.refresh_models()
    page.model.setCurrentText("tiny-llama")
    page.bind.setCurrentIndex(1)  # makes the key the snippets show
    page.bind.setCurrentIndex(0)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        page.port.setValue(probe.getsockname()[1])
    page.toggle()
    while page.state != "serving":
        _wait(page.stateChanged, 120)
    url = f"http://127.0.0.1:{page.port.value()}/v1/chat/completions"
    for question in ("Hello!", "What is a kettle?", QUESTION, "Tell me a joke.", "Count to five."):
        httpx.post(url, headers={"Authorization": f"Bearer {page.key.text()}"}, timeout=120,
                   json={"model": "tiny-llama", "messages": [{"role": "user", "content": question}], "max_tokens": 16})
        _settle(400)
    page._redraw()


def _steps(window: Any, out: Path, suffix: str, tiny: Path) -> list[tuple[str, Callable[[], None]]]:
    return [("chat", lambda: _chat(window)), ("models", lambda: _models(window, tiny)),
            ("data", lambda: _data(window, out, suffix)), ("train", lambda: _train(window)),
            ("export", lambda: (_export(window), _deploy(window, out, suffix))), ("server", lambda: _server(window)),
            ("settings", lambda: window.show_page("settings"))]


def _fresh_app(out: Path, theme: str, language: str) -> tuple[Path, Any, Any]:
    """A temporary home (workspace and desktop settings) and the application, for one rendering."""
    from desktop.app import create_app
    from desktop.preferences import Preferences

    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="hearth-screens-"))
    os.environ["HEARTH_HOME"] = str(home / "workspace")
    os.environ["HEARTH_CONFIG"] = str(home / "desktop.json")
    prefs = Preferences(theme=theme, language=language)
    return home, prefs, create_app(prefs)


def render(out: Path, theme: str = "light", language: str = "en") -> list[Path]:
    """Render every page into ``out``; return the files written."""
    from converters.synthetic import write_tiny_llama
    from core.workspace import Workspace
    from desktop.window import MainWindow

    home, prefs, app = _fresh_app(out, theme, language)
    tiny = write_tiny_llama(home / "tiny-llama.gguf", quant="F32", context=4096)
    window = MainWindow(Workspace(), prefs)
    window.resize(1360, 860)
    window.show()
    _wait(window.engine.modelChanged)
    suffix = "" if (theme, language) == ("light", "en") else f"-{theme}" if language == "en" else f"-{language}"
    written = []
    for name, step in _steps(window, out, suffix, tiny):
        step()
        window.show_page(name)
        written.append(_shoot(window, out, name, suffix))
    window.jobs.cancel_all()
    window.close()
    app.processEvents()
    return written


def render_evaluate(out: Path, comparison: str, theme: str = "light", language: str = "en") -> list[Path]:
    """The Evaluate page on a comparison kept in the workspace ``HEARTH_HOME`` names (its metrics, a question's
    answers side by side, its rate mode), without loading a model; return the files written."""
    from core.workspace import Workspace
    from desktop.app import create_app
    from desktop.preferences import Preferences
    from desktop.window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    prefs = Preferences(theme=theme, language=language)
    app = create_app(prefs)
    window = MainWindow(Workspace(), prefs, load=False)
    window.resize(1360, 900)
    window.show()
    window.show_page("evaluate")
    page = window.evaluate
    page.comparisons.select_key(comparison)
    page.metric_choice.setCurrentIndex(max(0, page.metric_choice.findData("rouge_l")))
    written = [_shoot(window, out, "evaluate", "")]
    page.tabs.setCurrentIndex(1)
    page.questions.selectRow(min(3, page.questions.rowCount() - 1))
    written.append(_shoot(window, out, "evaluate-answers", ""))
    page.tabs.setCurrentWidget(page.rate)
    written.append(_shoot(window, out, "evaluate-rate", ""))
    window.close()
    app.processEvents()
    return written


def render_generate(out: Path, theme: str = "light", language: str = "en") -> list[Path]:
    """The generate wizard alone, in a temporary workspace holding the default model and the example dataset."""
    from core.data.versions import ImportOptions, import_dataset
    from core.models.default import DEFAULT_MODEL_NAME, ensure_default_model
    from core.workspace import Workspace
    from desktop.window import MainWindow

    _, prefs, app = _fresh_app(out, theme, language)
    ws = Workspace()
    ensure_default_model(ws)
    import_dataset(ws, EXAMPLE, ImportOptions(model=DEFAULT_MODEL_NAME))
    window = MainWindow(ws, prefs, load=False)
    window.resize(1360, 860)
    window.show()
    suffix = "" if (theme, language) == ("light", "en") else f"-{theme}" if language == "en" else f"-{language}"
    _generate(window, out, suffix)
    window.jobs.cancel_all()
    window.close()
    app.processEvents()
    return [out / f"generate{suffix}.png"]


def _export_merged(window: Any) -> None:
    """The run exported merged (Q8_0), its tokenizer left unchecked: the tiny model's toy tokenizer splits runs of
    whitespace unlike llama.cpp's, which the default gate refuses (the export page's shot shows that failure)."""
    from core.export.run import ExportJob
    from core.export.verify import VerifyGates

    page = window.export
    page.refresh()
    job = ExportJob(run=page.runs.item(0, 0).text(), quant="q8_0", gates=VerifyGates(tokenizer_parity=False))
    loop = QEventLoop()
    window.jobs.start(job, ended=lambda _final: loop.quit())  # (connected before the job starts)
    QTimer.singleShot(900_000, loop.quit)
    loop.exec()


def render_deploy(out: Path, theme: str = "light", language: str = "en") -> list[Path]:
    """The deploy dialog alone: a tiny model and the example dataset imported, a run trained and exported, the
    export deployed."""
    from converters.synthetic import write_tiny_llama
    from core.data.versions import ImportOptions, import_dataset
    from core.models import import_gguf
    from core.workspace import Workspace
    from desktop.window import MainWindow

    home, prefs, app = _fresh_app(out, theme, language)
    ws = Workspace()
    import_gguf(ws, write_tiny_llama(home / "tiny-llama.gguf", quant="F32", context=4096), "tiny-llama")
    import_dataset(ws, EXAMPLE, ImportOptions(model="tiny-llama"))
    window = MainWindow(ws, prefs, load=False)
    window.resize(1360, 860)
    window.show()
    suffix = "" if (theme, language) == ("light", "en") else f"-{theme}" if language == "en" else f"-{language}"
    _train(window)
    _export_merged(window)
    _deploy(window, out, suffix)
    window.jobs.cancel_all()
    window.close()
    app.processEvents()
    return [out / f"deploy{suffix}.png"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--language", default="en", choices=("en", "zh_CN"))
    parser.add_argument("--evaluate", metavar="COMPARISON",
                        help="only the Evaluate page, on this comparison of the workspace HEARTH_HOME names")
    parser.add_argument("--generate", action="store_true", help="only the generate wizard, on the example dataset")
    parser.add_argument("--deploy", action="store_true",
                        help="only the deploy dialog (a tiny run is trained and exported first)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.generate:
        render_generate(args.out, args.theme, args.language)
        return 0
    if args.deploy:
        render_deploy(args.out, args.theme, args.language)
        return 0
    if args.evaluate:
        render_evaluate(args.out, args.evaluate, args.theme, args.language)
        return 0
    render(args.out, args.theme, args.language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
