"""``hearth compare``: candidates side by side on the same questions, kept in the workspace, and rated blind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from cli.common import console, err_console, friendly_errors
from cli.jobs import follow_in_terminal
from cli.options import Group, config_options

if TYPE_CHECKING:
    from core.eval.compare import Comparison
    from core.workspace import Workspace

app = typer.Typer(help="Compare candidates on the same questions: run, show, rate blind, report, list.",
                  no_args_is_help=True)

_KEYS = {"1": "left", "2": "right", "t": "tie", "b": "both_bad"}


def _run_options() -> tuple[Group, ...]:
    from core.eval.compare import CompareJob

    fields = ("data", "split", "task", "labels", "chat_format", "limit", "max_tokens", "n_ctx")
    return (Group("settings", CompareJob, fields, flags={"data": ("-d",)}),)


# `hearth compare run` and `hearth compare judge` take their options from the jobs' declarations (cli.options),
# except the repeated -c; cli.main adds them to this group.
@config_options(_run_options)
def compare_run(
    name: Annotated[str, typer.Argument(help="The comparison: a new name, or one made before (new candidates are "
                                        "added, the others kept).")],
    settings: dict[str, Any],
    candidate: Annotated[list[str], typer.Option("-c", "--candidate", help="NAME=MODEL or NAME=MODEL@ADAPTER[:SCALE]; "
                                                 "repeat for each.")],
) -> None:
    """Answer the questions greedily with each candidate not answered yet, score them, keep everything."""
    from core.eval.compare import CompareJob, get_comparison
    from core.jobs import start_job
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        code = follow_in_terminal(start_job(ws, CompareJob(name=name, candidates=tuple(candidate), **settings)))
        if code == 0:
            _show(ws, get_comparison(ws, name))
    raise typer.Exit(code)


@app.command("show")
def compare_show(
    name: Annotated[str, typer.Argument(help="The comparison's name or id.")],
    against: Annotated[str | None, typer.Option(help="A candidate (a teacher, say) whose answers the others are "
                                                "also scored against: how closely each says what it said.")] = None,
) -> None:
    """The candidates' metrics, and what the blind votes say (people's and a judge model's, apart)."""
    from core.eval.compare import agreement, get_comparison
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        comparison = get_comparison(ws, name)
        _show(ws, comparison)
        if against:
            table = Table("candidate", "exact match", "ROUGE-L", "chrF", box=None,
                          title=f"agreement with {against}'s answers (not the expected ones)")
            for other, m in agreement(ws, comparison, against).items():
                table.add_row(other, f"{m['exact_match']:.1f}", f"{m['rouge_l']:.1f}", f"{m['chrf']:.1f}")
            console.print(table)


@app.command("report")
def compare_report(
    name: Annotated[str, typer.Argument(help="The comparison's name or id.")],
    out: Annotated[str | None, typer.Option("-o", "--out", help="The HTML file to write (NAME.html here when "
                                            "omitted).")] = None,
    against: Annotated[str | None, typer.Option(help="A candidate (a teacher, say) whose answers the others are "
                                                "also scored against: the report adds how closely each says what "
                                                "it said.")] = None,
) -> None:
    """Write the comparison as one self-contained HTML file: metrics, votes, loss curves, answers side by side."""
    from core.eval.compare import get_comparison
    from core.eval.report import write_report
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        comparison = get_comparison(ws, name)
        path = write_report(ws, comparison, out or f"{comparison.name}.html", against=against)
    console.print(f"wrote {path} (open it in any browser; it needs no network)")


@app.command("export")
def compare_export(
    name: Annotated[str, typer.Argument(help="The comparison's name or id.")],
    out: Annotated[str | None, typer.Option("-o", "--out", help="The file to write (NAME.json here when "
                                            "omitted, or NAME.csv with --format csv).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="csv or json; read from the file's suffix when "
                                            "omitted.")] = None,
) -> None:
    """Write every answer and its scores: JSON (the whole comparison, votes included) or CSV (one row per question
    and candidate)."""
    from core.eval.compare import get_comparison
    from core.eval.export import export_comparison
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        comparison = get_comparison(ws, name)
        path = export_comparison(ws, comparison, out or f"{comparison.name}.{fmt or 'json'}", fmt)
    console.print(f"wrote {path}")


def _judge_options() -> tuple[Group, ...]:
    from core.eval.judge import JudgeJob

    return (Group("settings", JudgeJob, ("judge", "method", "limit", "seed", "n_ctx"), flags={"judge": ("-j",)},
                  required=("judge",)),)


@config_options(_judge_options)
def compare_judge(
    name: Annotated[str, typer.Argument(help="The comparison's name or id.")],
    settings: dict[str, Any],
    candidate: Annotated[list[str] | None, typer.Option("-c", "--candidate", help="A candidate to judge, by name; "
                                                        "repeat for each (every answered one when omitted).")] = None,
) -> None:
    """Let a local model judge the answers pairwise, each matchup in both orders (a tie unless both agree).

    Its votes are kept as the judge's, shown apart from people's and never counted with them; running it again
    judges only the matchups it has not judged yet.
    """
    from core.eval.compare import get_comparison
    from core.eval.judge import JudgeJob
    from core.jobs import start_job
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        job = JudgeJob(name=name, candidates=tuple(candidate or ()), **settings)
        code = follow_in_terminal(start_job(ws, job))
        if code == 0:
            _show(ws, get_comparison(ws, name))
    raise typer.Exit(code)


@app.command("list")
def compare_list() -> None:
    """The comparisons kept in the workspace."""
    from core.eval.compare import list_comparisons
    from core.workspace import Workspace

    with friendly_errors():
        comparisons = list_comparisons(Workspace())
    table = Table("name", "questions", "candidates", "data", "made", box=None)
    for c in comparisons:
        table.add_row(c.name, str(len(c.questions)), ", ".join(x["name"] for x in c.candidates), c.data,
                      c.created_at[:19])
    console.print(table if comparisons else "no comparisons yet: hearth compare run NAME -c ... -d DATA")


@app.command("rate")
def compare_rate(
    name: Annotated[str, typer.Argument(help="The comparison's name or id.")],
    seed: Annotated[int, typer.Option(help="Orders the matchups (the sides are balanced whatever the seed).")] = 0,
) -> None:
    """Rate answers blind: a question and two answers, names hidden until the vote.

    Keys (then Enter): 1 left better, 2 right better, t tie, b both bad, s skip, u undo, q quit.
    """
    from core.eval.compare import BlindRating, get_comparison
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        session = BlindRating(ws, get_comparison(ws, name), seed)
        while not session.done:
            shown = session.showing()
            passed, total = session.progress
            console.print(Text.assemble("\n", (f"{passed + 1}/{total}", "bold"), "  ", shown.question))
            console.print(Text.assemble(("left", "cyan"), ":  ", shown.left_answer))
            console.print(Text.assemble(("right", "magenta"), ": ", shown.right_answer))
            key = _read_key()
            if key in ("q", None):
                break
            if key == "s":
                session.skip()
            elif key == "u":
                if session.undo():
                    console.print("undone: that matchup again")
            elif key in _KEYS:
                vote = session.vote(_KEYS[key])
                console.print(Text.assemble("left was ", (vote.matchup.left, "bold"), ", right ",
                                            (vote.matchup.right, "bold")))
            else:
                err_console.print("keys: 1 left, 2 right, t tie, b both bad, s skip, u undo, q quit")
        _show(ws, get_comparison(ws, name))


def _read_key() -> str | None:
    try:
        return input("1/2/t/b/s/u/q> ").strip().lower()[:1]
    except EOFError:
        return None


def _show(ws: Workspace, comparison: Comparison) -> None:
    from core.eval.compare import vote_summaries

    table = Table("candidate", "exact match", "ROUGE-L", "chrF", "BLEU", "answer perplexity", "answering s",
                  title=f"{comparison.name}: {len(comparison.questions)} questions of {comparison.data}", box=None)
    for c in comparison.answered:
        m = c["metrics"]
        ppl = f"{m['perplexity']:.2f}" if m.get("perplexity") is not None else "-"
        table.add_row(c["name"], f"{m['exact_match']:.1f}", f"{m['rouge_l']:.1f}", f"{m['chrf']:.1f}",
                      f"{m['bleu']:.1f}", ppl, f"{m.get('answer_s', c['seconds']):.0f}")
    console.print(table)
    if comparison.task == "classification":
        _show_classification(comparison)
    for summary in vote_summaries(ws, comparison):
        pairs = Table("pair", "wins", "losses", "ties", "both bad", "win rate (95% Wilson)",
                      title=f"{summary.votes} blind votes, {summary.who}", box=None)
        for r in summary.rates:
            pairs.add_row(f"{r.first} vs {r.second}", str(r.wins), str(r.losses), str(r.ties), str(r.both_bad), r.text)
        console.print(pairs)
        strengths = Table("candidate", "Bradley-Terry strength (95% bootstrap)", box=None)
        for name, strength, (low, high) in summary.ranked():
            strengths.add_row(name, f"{strength:+.2f} ({low:+.2f} to {high:+.2f})")
        console.print(strengths)


def _show_classification(comparison: Comparison) -> None:
    """Accuracy and macro-F1 per candidate, then each candidate's confusion matrix (rows expected, columns
    answered; "(other)" is an answer that gave no label)."""
    from rich.markup import escape

    answered = [c for c in comparison.answered if "confusion" in c["metrics"]]
    scores = Table("candidate", "accuracy", "macro-F1", box=None,
                   title=f"classification into {len(comparison.labels or [])} labels")
    for c in answered:
        scores.add_row(c["name"], f"{c['metrics']['accuracy']:.1f}", f"{c['metrics']['macro_f1']:.1f}")
    console.print(scores)
    for c in answered:
        confusion = c["metrics"]["confusion"]
        columns = list(next(iter(confusion.values()), {}))
        matrix = Table("expected \\ answered", *map(escape, columns), box=None,
                       title=f"{escape(c['name'])}: confusion matrix")
        for truth, counts in confusion.items():  # the diagonal (right answers) in bold
            matrix.add_row(Text(truth), *(Text(str(counts[col]), style="bold" if col == truth else "")
                                          for col in columns))
        console.print(matrix)
