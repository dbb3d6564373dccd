"""Training never reaches for the network: bitsandbytes' request for a hub kernel is refused before it is made."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

_PROBE = """
import io, logging
stream = io.StringIO()
logging.basicConfig(stream=stream, level=logging.WARNING)
import huggingface_hub.hf_api as api
asked = []
def overview(self, *args, **kwargs):
    asked.append(args)
    raise OSError("the test forbids the network")
api.HfApi.get_organization_overview = overview
import huggingface_hub.constants as hub
hub.HF_HUB_OFFLINE = False  # as in a process that may download (the window's Models page)
from core.training.base import _no_hub_kernels
_no_hub_kernels()
import sys
print(len(asked), "kernels-community" in stream.getvalue(), hub.HF_HUB_OFFLINE, "bitsandbytes" in sys.modules)
"""


def test_importing_bitsandbytes_for_training_asks_the_hub_nothing_and_says_nothing():
    # In a fresh interpreter: bitsandbytes chooses its CPU kernels once, when first imported. On a CPU with
    # AVX512-BF16 it would ask the hub for one (and warn when refused); on others it never asks.
    probe = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert probe.returncode == 0, probe.stderr
    asked, warned, offline_after, imported = probe.stdout.split()
    assert (asked, warned) == ("0", "False")  # no hub request, no warning about a refused kernel
    assert (offline_after, imported) == ("False", "True")  # the hub is offline only while bitsandbytes is imported
