"""The quickstart's three models in one comparison, held against the quickstart's own ``hearth eval`` results.

    HEARTH_HOME=<a workspace where `hearth quickstart` finished> .venv/bin/python benchmarks/quickstart_compare.py

Runs ``hearth compare run quickstart`` with the base model, the LoRA-GGUF adapter on it and the merged export
(the questions, answer length and prompt format the quickstart evaluated with), then checks that every answer
and every figure (exact match, ROUGE-L, chrF, perplexity of the expected answers) equals the quickstart's, to
the last bit, and prints them with the BLEU the comparison adds. Exit status 1 when any differs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from core.eval.compare import candidate_answers, get_comparison
    from core.workspace import Workspace

    ws = Workspace()
    state = json.loads((ws.root / "quickstart" / "state.json").read_text(encoding="utf-8"))
    done, config = state["done"], state["config"]
    run = Path(done["train"]["path"])
    base, adapter, merged = done["model"]["name"], done["export-adapter"]["path"], done["export-merged"]["export"]
    chat_format = run / "adapter" / "chat_format.json"
    command = [sys.executable, "-m", "cli", "compare", "run", "quickstart", "-d", config["test_data"],
               "-c", f"base={base}", "-c", f"adapter={base}@{adapter}:1.0", "-c", f"merged={merged}",
               "--chat-format", str(chat_format) if chat_format.is_file() else "auto",
               "--max-tokens", str(config["max_tokens"]), "--limit", str(config["eval_limit"])]
    subprocess.run(command, cwd=ROOT, check=True)
    comparison = get_comparison(ws, "quickstart")
    same = True
    for name in ("base", "adapter", "merged"):
        evaluated = json.loads(Path(done[f"eval-{name}"]["output"]).read_text(encoding="utf-8"))
        metrics = next(c for c in comparison.candidates if c["name"] == name)["metrics"]
        answers = [a["answer"] for a in candidate_answers(ws, comparison, name)]
        answers_same = answers == [e["prediction"] for e in evaluated["examples"]]
        pairs = {key: (evaluated["metrics"][key], metrics[key]) for key in ("exact_match", "rouge_l", "chrf")}
        pairs["perplexity"] = (evaluated["perplexity"], metrics["perplexity"])
        figures_same = all(a == b for a, b in pairs.values())
        same = same and answers_same and figures_same
        print(f"{name}: answers identical: {answers_same}; figures identical: {figures_same} ("
              + ", ".join(f"{key} {b:.4g}" for key, (_, b) in pairs.items()) + f"); BLEU {metrics['bleu']:.1f}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
