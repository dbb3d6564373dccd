"""A comparison as one self-contained HTML file: candidates, metrics, votes, the runs' loss curves, answers.

Nothing in the file reaches the network: the charts are inline SVG drawn here (bars, strengths with their
intervals, loss curves), the page is rendered with Jinja2 (autoescaped) and written atomically. A
classification comparison adds accuracy and macro-F1 to the metrics and each candidate's confusion matrix as a
table. Given a reference candidate (a teacher, say), the metrics are followed by each other candidate's agreement
with its answers (:func:`core.eval.compare.agreement`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core.errors import HearthError
from core.eval.compare import Comparison, agreement, candidate_answers, vote_summaries
from core.workspace import Workspace

__all__ = ["loss_curves", "write_report"]

_METRICS = (("exact_match", "exact match", "higher is better"), ("rouge_l", "ROUGE-L", "higher is better"),
            ("chrf", "chrF", "higher is better"), ("bleu", "BLEU", "higher is better"),
            ("perplexity", "answer perplexity", "lower is better"))
_AGREEMENT = _METRICS[:3]  # exact match, ROUGE-L and chrF: what agreement() scores
_CLASSIFICATION = (("accuracy", "accuracy", "higher is better"), ("macro_f1", "macro-F1", "higher is better"))
_SAMPLES = 8
_COLOURS = ("#d9691f", "#2f6db5", "#3c9a5f", "#8e44ad", "#b03a2e", "#7f8c8d")

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ c.name }}: comparison</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 0.8em 0; } th, td { border-bottom: 1px solid #ddd; padding: 4px 10px;
text-align: left; vertical-align: top; } th { background: #f4f1ec; } .num { text-align: right; }
.charts { display: flex; flex-wrap: wrap; gap: 18px; } .note { color: #666; }
td.answer { white-space: pre-wrap; overflow-wrap: anywhere; }
td.hit { background: #e3f1e6; font-weight: bold; } .matrices { display: flex; flex-wrap: wrap; gap: 28px; }
</style></head><body>
<h1>{{ c.name }}</h1>
<p>{{ c.questions|length }} questions of <code>{{ c.data }}</code> ({{ c.split }}), greedy answers of up to
{{ c.max_tokens }} tokens in each candidate's own chat format. Made {{ c.created_at[:19] }} with Hearth.</p>
<h2>Candidates</h2>
<table><tr><th>candidate</th><th>model</th><th>adapter (scale)</th><th>seconds</th></tr>
{% for x in candidates %}<tr><td>{{ x.name }}</td><td>{{ x.model }}</td>
<td>{{ x.adapter or "-" }}{% if x.adapter %} ({{ x.adapter_scale }}){% endif %}</td>
<td class="num">{{ "%.0f"|format(x.seconds or 0) }}</td></tr>{% endfor %}</table>
<h2>Metrics</h2>
<table><tr><th>candidate</th>{% for _k, label, _h in metrics %}<th>{{ label }}</th>{% endfor %}</tr>
{% for x in candidates %}<tr><td>{{ x.name }}</td>{% for key, _l, _h in metrics %}
<td class="num">{{ fmt(x.metrics.get(key)) }}</td>{% endfor %}</tr>{% endfor %}</table>
<div class="charts">{% for chart in metric_charts %}{{ chart|safe }}{% endfor %}</div>
{% if against %}<h2 id="agreement">Agreement with {{ against }}'s answers</h2>
<p>How closely each other candidate says what {{ against }} said: its answers scored against {{ against }}'s, not
against the expected ones, with the same metrics (an exact match of 100: every answer word for word).</p>
{% if not agreement %}<p class="note">No other candidate is answered yet.</p>{% else %}
<table><tr><th>candidate</th>{% for _k, label, _h in agreement_metrics %}<th>{{ label }}</th>{% endfor %}</tr>
{% for name, m in agreement.items() %}<tr><td>{{ name }}</td>{% for key, _l, _h in agreement_metrics %}
<td class="num">{{ fmt(m.get(key)) }}</td>{% endfor %}</tr>{% endfor %}</table>
<div class="charts">{% for chart in agreement_charts %}{{ chart|safe }}{% endfor %}</div>{% endif %}{% endif %}
{% if matrices %}<h2>Classification</h2>
<p>Labels: {% for label in c.labels %}<code>{{ label }}</code>{% if not loop.last %}, {% endif %}{% endfor %}.
Each answer is read as a label from its first line: the label alone (case, width, spaces, punctuation and symbols
around it aside), or a line that starts with one label and names no other. Anything else counts as
<code>(other)</code> and is wrong. Accuracy is the share of right answers, macro-F1 the mean of the labels' F1.
Rows are the expected label, columns the label answered; the diagonal is right.</p>
<div class="matrices">{% for m in matrices %}<div><h3>{{ m.name }}: accuracy {{ fmt(m.accuracy) }}, macro-F1
{{ fmt(m.macro_f1) }}</h3>
<table><tr><th>expected / answered</th>{% for col in m.columns %}<th>{{ col }}</th>{% endfor %}</tr>
{% for row in m.rows %}<tr><th>{{ row.label }}</th>{% for cell in row.cells %}
<td class="num{% if cell.hit %} hit{% endif %}">{{ cell.count }}</td>{% endfor %}</tr>{% endfor %}</table></div>
{% endfor %}</div>{% endif %}
{% for block in vote_blocks %}<h2>Blind votes: {{ block.who }}</h2>
<p>{{ block.count }} votes. Win rate: the share of decisive votes (ties and both-bad apart) the first candidate
won, with its 95% Wilson interval. Bradley-Terry: one strength per candidate from all votes (a tie is half a
win each way), 95% bootstrap intervals; exp(a - b) is how much likelier a beats b.</p>
<table><tr><th>pair</th><th>wins</th><th>losses</th><th>ties</th><th>both bad</th><th>win rate</th></tr>
{% for r in block.rates %}<tr><td>{{ r.first }} vs {{ r.second }}</td><td class="num">{{ r.wins }}</td>
<td class="num">{{ r.losses }}</td><td class="num">{{ r.ties }}</td><td class="num">{{ r.both_bad }}</td>
<td>{{ r.text }}</td></tr>{% endfor %}</table>
{{ block.chart|safe }}{% endfor %}
{% if not vote_blocks %}<h2>Blind votes</h2><p class="note">None yet: hearth compare rate {{ c.name }}</p>{% endif %}
{% if curves %}<h2>Training loss of the runs involved</h2><div class="charts">{% for chart in curves %}
{{ chart|safe }}{% endfor %}</div>{% endif %}
<h2>Answers side by side (the first {{ samples|length }})</h2>
<table><tr><th>question</th><th>expected</th>{% for x in candidates %}<th>{{ x.name }}</th>{% endfor %}</tr>
{% for s in samples %}<tr><td class="answer">{{ s.question }}</td><td class="answer">{{ s.reference }}</td>
{% for a in s.answers %}<td class="answer">{{ a }}</td>{% endfor %}</tr>{% endfor %}</table>
</body></html>
"""


def write_report(ws: Workspace, comparison: Comparison, out: Path | str, against: str | None = None) -> Path:
    """Write the comparison's report to ``out`` (an .html file) and return its path.

    Args:
        ws: the workspace that keeps the comparison.
        comparison: the comparison to report.
        out: the HTML file to write.
        against: an answered candidate (a teacher, say): the report adds how closely each other candidate agrees
            with its answers (exact match, ROUGE-L, chrF), beside the metrics against the expected answers.

    Raises:
        HearthError: no candidate has been answered yet, or ``against`` is not an answered candidate.
    """
    import jinja2

    from core.workspace import atomic_write_text

    candidates = comparison.answered
    if not candidates:
        raise HearthError(f"the comparison {comparison.name!r} has no answered candidate yet",
                          f"hearth compare run {comparison.name} -c NAME=MODEL")
    names = [c["name"] for c in candidates]
    answers = {n: candidate_answers(ws, comparison, n) for n in names}
    samples = [{"question": q.question, "reference": q.reference,
                "answers": [answers[n][i]["answer"] if i < len(answers[n]) else "" for n in names]}
               for i, q in enumerate(comparison.questions[:_SAMPLES])]
    metrics = (*_CLASSIFICATION, *_METRICS) if comparison.task == "classification" else _METRICS
    metric_charts = [_bars(label, hint, [(c["name"], c["metrics"].get(key)) for c in candidates])
                     for key, label, hint in metrics]
    agreed = agreement(ws, comparison, against) if against else {}
    agreement_charts = [_bars(label, f"agreement with {str(against)[:16]}", [(n, m[key]) for n, m in agreed.items()])
                        for key, label, _hint in _AGREEMENT]
    vote_blocks = [{"who": s.who, "count": s.votes, "rates": [{**vars(r), "text": r.text} for r in s.rates],
                    "chart": _strengths(s.strengths, s.intervals)} for s in vote_summaries(ws, comparison)]
    curves = [_curve(label, points) for label, points in loss_curves(ws, candidates).items()]
    page = jinja2.Environment(autoescape=True).from_string(_PAGE).render(
        c=comparison, candidates=candidates, metrics=metrics, metric_charts=metric_charts, against=against,
        agreement=agreed, agreement_metrics=_AGREEMENT, agreement_charts=agreement_charts,
        matrices=[_matrix(c) for c in candidates if "confusion" in c["metrics"]],
        vote_blocks=vote_blocks, curves=curves, samples=samples, fmt=_fmt)
    out = Path(out)
    atomic_write_text(out, page)
    return out


def loss_curves(ws: Workspace, candidates: Sequence[dict[str, Any]]) -> dict[str, dict[str, list[tuple[int, float]]]]:
    """The training and validation loss of each run a candidate came from (an export, or an adapter export's
    file), by run: {"run ID (candidate)": {"loss": [(step, value)], "val_loss": [...]}}."""
    from core.export.store import list_exports
    from core.jobs.events import Metric
    from core.jobs.store import EVENTS_FILE, get_job, read_events
    from core.training.store import get_run

    exports = list_exports(ws)
    out: dict[str, dict[str, list[tuple[int, float]]]] = {}
    for candidate in candidates:
        adapter = str(Path(candidate["adapter"]).resolve()) if candidate.get("adapter") else None
        export = next((e for e in exports if e.name == candidate["model"] or (adapter and str(e.path) == adapter)),
                      None)
        if export is None or not export.run_id:
            continue
        try:
            run = get_run(ws, export.run_id)
            events = read_events(get_job(ws, run.job_id).folder / EVENTS_FILE) if run.job_id else []
        except (HearthError, OSError):
            continue
        series: dict[str, list[tuple[int, float]]] = {"loss": [], "val_loss": []}
        for event in events:
            if isinstance(event, Metric) and event.name in series and event.step is not None:
                series[event.name].append((int(event.step), float(event.value)))
        if series["loss"]:
            out[f"run {run.id} ({candidate['name']})"] = series
    return out


def _matrix(candidate: dict[str, Any]) -> dict[str, Any]:
    """A candidate's confusion matrix as table rows: the expected label, then a count per answered label."""
    metrics = candidate["metrics"]
    confusion: dict[str, dict[str, int]] = metrics["confusion"]
    columns = list(next(iter(confusion.values()))) if confusion else []
    rows = [{"label": truth, "cells": [{"count": counts[col], "hit": col == truth} for col in columns]}
            for truth, counts in confusion.items()]
    return {"name": candidate["name"], "accuracy": metrics["accuracy"], "macro_f1": metrics["macro_f1"],
            "columns": columns, "rows": rows}


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def _bars(title: str, hint: str, values: Sequence[tuple[str, float | None]]) -> str:
    """A small horizontal bar chart as inline SVG."""
    shown = [(n, v) for n, v in values if v is not None]
    width, row = 320, 24
    height = 34 + row * max(len(shown), 1)
    top = max((v for _, v in shown), default=1.0) or 1.0
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">',
             f'<text x="0" y="14" font-weight="bold">{html.escape(title)}</text>'
             f'<text x="{width}" y="14" text-anchor="end" fill="#777" font-size="11">{html.escape(hint)}</text>']
    for i, (name, value) in enumerate(shown):
        y = 24 + i * row
        length = 170 * value / top
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{html.escape(name[:16])}</text>'
                     f'<rect x="110" y="{y + 3}" width="{length:.1f}" height="16" '
                     f'fill="{_COLOURS[i % len(_COLOURS)]}"/>'
                     f'<text x="{114 + length:.1f}" y="{y + 15}" font-size="12">{_fmt(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _strengths(scores: dict[str, float], intervals: dict[str, tuple[float, float]]) -> str:
    """Bradley-Terry strengths as dots with their interval as a line, on one shared axis (inline SVG)."""
    names = sorted(scores, key=scores.get, reverse=True)
    low = min([intervals[n][0] for n in names] + [-1.0])
    high = max([intervals[n][1] for n in names] + [1.0])
    width, row, left, span = 680, 26, 120, 360  # (the figures to the right of the axis)

    def x(value: float) -> float:
        return left + span * (value - low) / (high - low)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{30 + row * len(names)}" role="img">',
             f'<line x1="{x(0):.1f}" y1="4" x2="{x(0):.1f}" y2="{20 + row * len(names)}" stroke="#bbb"/>']
    for i, name in enumerate(names):
        y = 18 + i * row
        a, b = intervals[name]
        parts.append(f'<text x="0" y="{y + 4}" font-size="12">{html.escape(name[:16])}</text>'
                     f'<line x1="{x(a):.1f}" y1="{y}" x2="{x(b):.1f}" y2="{y}" stroke="#555" stroke-width="2"/>'
                     f'<circle cx="{x(scores[name]):.1f}" cy="{y}" r="5" fill="{_COLOURS[i % len(_COLOURS)]}"/>'
                     f'<text x="{left + span + 8}" y="{y + 4}" font-size="12">{scores[name]:+.2f} '
                     f'({a:+.2f} to {b:+.2f})</text>')
    parts.append("</svg>")
    return "".join(parts)


def _curve(title: str, series: dict[str, list[tuple[int, float]]]) -> str:
    """Loss against step (training and validation) as inline SVG polylines."""
    points = [p for values in series.values() for p in values]
    steps = [s for s, _ in points]
    losses = [v for _, v in points]
    width, height, pad = 420, 220, 36
    x0, x1 = min(steps), max(steps) or 1
    y0, y1 = min(losses), max(losses)
    if x1 == x0:
        x1 = x0 + 1
    if y1 == y0:
        y1 = y0 + 1

    def at(step: int, value: float) -> str:
        return (f"{pad + (width - 2 * pad) * (step - x0) / (x1 - x0):.1f},"
                f"{height - pad - (height - 2 * pad) * (value - y0) / (y1 - y0):.1f}")

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">',
             f'<text x="0" y="14" font-weight="bold">{html.escape(title)}</text>',
             f'<text x="{pad}" y="{height - 8}" font-size="11" fill="#777">step {x0} to {x1}; loss {y0:.2f} to '
             f'{y1:.2f}</text>']
    for (name, values), colour in zip(series.items(), _COLOURS, strict=False):
        if values:
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                         f'points="{" ".join(at(s, v) for s, v in values)}"><title>{name}</title></polyline>')
    parts.append("</svg>")
    return "".join(parts)
