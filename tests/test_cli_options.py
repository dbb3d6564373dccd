"""The commands' options are made from the settings' declarations (cli.options), and only when used."""

from __future__ import annotations

import subprocess
import sys

from core.config import describe
from tests.test_cli import ROOT, hearth


def _declared(cls, name):
    return next(info for info in describe(cls) if info.name == name)


def test_train_options_say_what_the_training_settings_declare():
    from core.training.recipe import TrainConfig

    proc = hearth("train", "--help")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())  # the help is wrapped into columns
    for name in ("lr", "max_steps", "lora_r"):
        words = _declared(TrainConfig, name).help.split()[:3]
        assert " ".join(words) in text, name
    method = _declared(TrainConfig, "method")
    assert "|".join(method.choices) in proc.stdout.replace(" ", "").replace("│", "").replace("\n", "")


def test_a_value_outside_the_declared_choices_or_bounds_is_refused_before_anything_runs(hearth_home):
    proc = hearth("train", "-d", "x", "--method", "sgd", home=hearth_home)
    assert proc.returncode == 2 and "sgd" in proc.stderr and "qlora" in proc.stderr
    proc = hearth("chat", "-p", "hi", "--top-k", "-3", home=hearth_home)
    assert proc.returncode == 2 and "--top-k" in proc.stderr


def test_quantisation_types_are_accepted_in_capitals_as_before(hearth_home):
    proc = hearth("export", "no-such-run", "--quant", "Q4_K_M", home=hearth_home)
    # Past the options (a wrong type would exit 2): the run is what is missing.
    assert proc.returncode == 1 and "no-such-run" in proc.stderr


def test_listing_the_commands_imports_none_of_the_settings():
    code = ("import sys, cli.main\ncli.main.command()\n"
            "print(sorted(m for m in sys.modules if m.startswith(('core.', 'converters'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip() == "['core.errors']", proc.stderr
