"""The Evaluate page: candidates side by side on the same questions, metrics, answers, and blind rating.

A comparison is :mod:`core.eval.compare`'s job (``compare``): this page fills it from a form (a name, the
held-out data, and the candidates: a catalog model, optionally with an adapter export at a scale), follows its
progress, and shows the selected comparison: a metrics table with a bar chart per metric (and, with a candidate
chosen as the reference, each other one's agreement with its answers), every question's
answers side by side with what differs from the expected answer highlighted, the rate mode (:class:`RatePanel`:
two answers, names hidden until the vote, keys for every choice) and what the votes say (win rates with 95%
Wilson intervals, Bradley-Terry strengths with bootstrap intervals; a judge model's votes apart from people's).
"""

from __future__ import annotations

import difflib
import html
from pathlib import Path
from typing import Any

import regex
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.config import from_dict
from core.data.versions import list_datasets
from core.errors import HearthError
from core.eval.compare import (
    BlindRating,
    Candidate,
    CompareJob,
    Comparison,
    agreement,
    candidate_answers,
    get_comparison,
    judges_of,
    list_comparisons,
    votes_of,
)
from core.eval.metrics import normalise
from core.export.store import list_exports
from core.jobs import Done, Failed, Progress
from core.models.catalog import list_models
from core.workspace import Workspace
from desktop.dialogs import error_text, show_error
from desktop.forms import ChoiceEditor, ConfigForm
from desktop.jobs import JobTracker
from desktop.plots import MetricBars
from desktop.widgets import ProgressLine, Table, title
from desktop.workers import JobWatcher, run_in_thread

__all__ = ["EvaluatePage", "RatePanel", "diff_html"]

# Pieces compared when highlighting: a CJK character alone, a run of letters/digits, a run of spaces, any other mark.
_PIECES = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"
                        r"|[[\p{L}\p{M}\p{N}]--[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]]+|\s+|.", regex.V1)
# The rate mode's keys.
_KEYS = {Qt.Key.Key_1: "left", Qt.Key.Key_Left: "left", Qt.Key.Key_2: "right", Qt.Key.Key_Right: "right",
         Qt.Key.Key_T: "tie", Qt.Key.Key_B: "both_bad", Qt.Key.Key_S: "skip", Qt.Key.Key_U: "undo",
         Qt.Key.Key_Backspace: "undo"}
_MARK = '<span style="background-color: rgba(217, 105, 31, 0.35)">{0}</span>'
_GONE = '<s style="color: #8a8a8a">{0}</s>'


def diff_html(reference: str, answer: str) -> str:
    """``answer`` as HTML with what differs from ``reference`` marked: its own pieces highlighted, the expected
    pieces it left out struck through (words, CJK characters and marks compared as
    :func:`~core.eval.metrics.normalise` reads them; any run of spaces equals any other)."""
    ref, ans = _PIECES.findall(reference), _PIECES.findall(answer)
    matcher = difflib.SequenceMatcher(None, [normalise(p) for p in ref], [normalise(p) for p in ans], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left_out = "".join(ref[i1:i2])
        if tag != "equal" and left_out.strip():
            out.append(_GONE.format(html.escape(left_out)))
        text = html.escape("".join(ans[j1:j2]))
        if text:
            out.append(text if tag == "equal" else _MARK.format(text))
    return "".join(out).replace("\n", "<br>")


class RatePanel(QWidget):
    """Blind rating: a question and two candidates' answers, left and right, the names hidden until the vote.

    Keys: 1 or ← left is better, 2 or → right is better, T tie, B both bad, S skip, U or Backspace undo. Each vote
    is stored as it is cast (an undo takes it back out); ``voted`` is emitted after every vote and undo.
    """

    voted = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.comparison: Comparison | None = None
        self.rating: BlindRating | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        self.progress = QLabel()
        self.progress.setObjectName("rateProgress")
        self.question = QLabel()
        self.question.setTextFormat(Qt.TextFormat.PlainText)  # a question about <div> shows its tags
        self.question.setObjectName("rateQuestion")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sides = QHBoxLayout()
        self.left, self.right = QTextBrowser(), QTextBrowser()
        for box, label, name in ((self.left, self.tr("Left"), "rateLeft"), (self.right, self.tr("Right"),
                                                                             "rateRight")):
            box.setObjectName(name)
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{label}</b>"))
            column.addWidget(box, 1)
            sides.addLayout(column, 1)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (("left", self.tr("← Left is better (1)")), ("right", self.tr("Right is better (2) →")),
                          ("tie", self.tr("Tie (T)")), ("both_bad", self.tr("Both bad (B)")),
                          ("skip", self.tr("Skip (S)")), ("undo", self.tr("Undo (U)"))):
            button = QPushButton(text)
            button.setObjectName(f"rate_{key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            buttons.addWidget(button)
            self.buttons[key] = button
        self.reveal = QLabel()
        self.reveal.setTextFormat(Qt.TextFormat.PlainText)
        self.reveal.setObjectName("rateReveal")
        self.reveal.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.question)
        layout.addLayout(sides, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.reveal)
        self._show()

    def open(self, comparison: Comparison, seed: int = 0) -> None:
        """Rate ``comparison``: every pair of its answered candidates on every question not yet voted on."""
        self.comparison = comparison
        self.reveal.clear()
        try:
            self.rating = BlindRating(self.ws, comparison, seed)
        except HearthError as exc:
            self.rating = None
            message, hint, _details = error_text(exc)
            self.reveal.setText(f"{message}. {hint}" if hint else message)
        self._show()
        self.setFocus()

    def close_rating(self) -> None:
        """Leave the rating (the votes cast stay stored); nothing is on show until :meth:`open`."""
        self.comparison, self.rating = None, None
        self.reveal.clear()
        self._show()

    def press(self, key: str) -> None:
        """What a key or button does: a vote (left, right, tie, both_bad), skip or undo."""
        rating = self.rating
        if rating is None:
            return
        if key == "undo":
            if rating.undo():
                self.reveal.setText(self.tr("Undone: that matchup again."))
                self.voted.emit()
        elif rating.done:
            return
        elif key == "skip":
            rating.skip()
            self.reveal.setText(self.tr("Skipped."))
        else:
            vote = rating.vote(key)
            self.reveal.setText(self.tr("That was: left {0}, right {1}.").format(vote.matchup.left,
                                                                                vote.matchup.right))
            self.voted.emit()
        self._show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = _KEYS.get(Qt.Key(event.key()))
        if key is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        self.press(key)

    def _show(self) -> None:
        session = self.rating
        active = session is not None and not session.done
        for key, button in self.buttons.items():
            button.setEnabled(session is not None and session.can_undo if key == "undo" else active)
        if session is None:
            self.progress.setText(self.tr("Choose a comparison with two or more answered candidates."))
            self.question.clear()
            self.left.clear()
            self.right.clear()
            return
        passed, total = session.progress
        if session.done:
            self.progress.setText(self.tr("All {0} matchups rated or skipped; the results are on the Votes tab.")
                                  .format(total) if total else
                                  self.tr("Nothing left to rate: every matchup has a vote."))
            self.question.clear()
            self.left.clear()
            self.right.clear()
            return
        shown = session.showing()
        self.progress.setText(self.tr("Matchup {0} of {1}").format(passed + 1, total))
        self.question.setText(shown.question)
        self.left.setPlainText(shown.left_answer)
        self.right.setPlainText(shown.right_answer)


class EvaluatePage(QWidget):
    """Make and grow comparisons, look at their metrics and answers, rate them blind, write their reports.

    ``compareEnded`` and ``judgeEnded`` carry a comparison's or a judge's final job event; ``strengthsReady``
    says the Votes tab's Bradley-Terry strengths (computed on a thread) are shown.
    """

    compareEnded = Signal(object)
    judgeEnded = Signal(object)
    strengthsReady = Signal()

    def __init__(self, ws: Workspace, jobs: JobTracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.jobs = ws, jobs
        self.watcher: JobWatcher | None = None
        self.judge_watcher: JobWatcher | None = None
        self.comparison: Comparison | None = None
        self._pending: list[Candidate] = []
        self._adapter_models: dict[str, tuple[str, str | None]] = {}
        self._metric_keys: list[str] = []
        self._answer_cache: dict[str, list[dict[str, Any]]] = {}
        self._asked: Any = None
        self._form_of: str | None = None  # the comparison the form was last filled from
        self._summary_call: Any = None
        self._against: dict[str, str | None] = {}  # the reference candidate chosen per comparison (by id), this session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(title(self.tr("Evaluate")))
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QSplitter()
        top.addWidget(self._comparisons_box())
        form = QScrollArea()  # the form scrolls, so the results below get the room
        form.setWidget(self._form_box())
        form.setWidgetResizable(True)
        form.setFrameShape(QFrame.Shape.NoFrame)
        top.addWidget(form)
        top.setSizes([420, 600])
        splitter.addWidget(top)
        splitter.addWidget(self._results_box())
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([320, 640])
        layout.addWidget(splitter, 1)
        self.refresh()

    # -- layout -----------------------------------------------------------------------
    def _comparisons_box(self) -> QWidget:
        box = QGroupBox(self.tr("Comparisons"))
        layout = QVBoxLayout(box)
        self.comparisons = Table([self.tr("Comparison"), self.tr("Questions"), self.tr("Candidates"),
                                  self.tr("Data")])
        self.comparisons.itemSelectionChanged.connect(self._comparison_selected)
        row = QHBoxLayout()
        self.report_button = QPushButton(self.tr("Write &report…"))
        self.report_button.setToolTip(self.tr("One HTML file with everything, viewable without a network"))
        self.report_button.clicked.connect(self._ask_report)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("Every answer and its scores as CSV (a spreadsheet) or JSON (all of "
                                              "it, votes included)"))
        self.export_button.clicked.connect(self._ask_export)
        row.addWidget(self.report_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addWidget(self.comparisons, 1)
        layout.addLayout(row)
        return box

    def _form_box(self) -> QWidget:
        box = QGroupBox(self.tr("New comparison, or more candidates for the selected one"))
        layout = QVBoxLayout(box)
        self.data = ChoiceEditor(editable=True)
        self.data.combo.setToolTip(self.tr("A dataset version (its split below) or the path of a dataset file"))
        self.form = ConfigForm(CompareJob, exclude=("candidates",), editors={"data": self.data})
        layout.addWidget(self.form)
        editor = QFormLayout()
        self.candidate_name = QLineEdit()
        self.candidate_name.setObjectName("candidateName")
        self.candidate_name.setPlaceholderText(self.tr("e.g. tuned"))
        self.model = ChoiceEditor(editable=True)
        self.model.combo.setObjectName("candidateModel")
        self.adapter = ChoiceEditor()
        self.adapter.combo.setObjectName("candidateAdapter")
        self.adapter.changed.connect(self._adapter_chosen)
        self.scale = QDoubleSpinBox()
        self.scale.setRange(0.0, 4.0)
        self.scale.setSingleStep(0.1)
        self.scale.setValue(1.0)
        add = QPushButton(self.tr("&Add candidate"))
        add.clicked.connect(self.add_candidate)
        editor.addRow(self.tr("Candidate name"), self.candidate_name)
        editor.addRow(self.tr("Model"), self.model.widget)
        editor.addRow(self.tr("Adapter"), self.adapter.widget)
        editor.addRow(self.tr("Adapter scale"), self.scale)
        editor.addRow("", add)
        layout.addLayout(editor)
        self.to_run = Table([self.tr("Candidate"), self.tr("Model"), self.tr("Adapter"), self.tr("Scale")])
        self.to_run.setMaximumHeight(120)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_pending)
        self.run_button = QPushButton(self.tr("&Compare"))
        self.run_button.setObjectName("startCompare")
        self.run_button.clicked.connect(self.start)
        buttons = QHBoxLayout()
        buttons.addWidget(remove)
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        self.progress = ProgressLine()
        self.progress.cancelAsked.connect(self.cancel)
        layout.addWidget(self.to_run)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        return box

    def _results_box(self) -> QWidget:
        self.tabs = QTabWidget()
        metrics = QWidget()
        column = QVBoxLayout(metrics)
        self.metrics = Table([self.tr("Candidate")])
        self.metric_choice = QComboBox()
        self.metric_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.metric_choice.currentIndexChanged.connect(self._draw_metric)
        self.bars = MetricBars()
        self.against = QComboBox()
        self.against.setObjectName("agreementWith")
        self.against.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.against.setToolTip(self.tr("A candidate (a teacher, say) whose answers the others are also scored "
                                        "against: how closely each says what it said"))
        self.against.currentIndexChanged.connect(self._against_chosen)
        self.agreement_box = QGroupBox()
        self.agreement = Table([self.tr("Candidate"), self.tr("Exact match"), "ROUGE-L", "chrF"])
        self.agreement.setObjectName("agreement")
        QVBoxLayout(self.agreement_box).addWidget(self.agreement)
        tables = QHBoxLayout()
        tables.addWidget(self.metrics, 3)
        tables.addWidget(self.agreement_box, 2)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Chart")))
        row.addWidget(self.metric_choice)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Agreement with")))
        row.addWidget(self.against)
        column.addLayout(tables, 1)
        column.addLayout(row)
        charts = QHBoxLayout()
        charts.addWidget(self.bars, 3)
        self.confusion_box = QGroupBox(self.tr("Confusion matrix (rows: expected, columns: answered)"))
        box = QVBoxLayout(self.confusion_box)
        self.confusion_of = QComboBox()
        self.confusion_of.currentIndexChanged.connect(self._fill_confusion)
        self.confusion = Table([])
        box.addWidget(self.confusion_of)
        box.addWidget(self.confusion, 1)
        charts.addWidget(self.confusion_box, 2)
        column.addLayout(charts, 1)
        self.tabs.addTab(metrics, self.tr("Metrics"))

        answers = QSplitter()
        self.questions = Table([self.tr("#"), self.tr("Question")])
        self.questions.itemSelectionChanged.connect(self._question_selected)
        self.answers = QTextBrowser()
        self.answers.setObjectName("answersSideBySide")
        answers.addWidget(self.questions)
        answers.addWidget(self.answers)
        answers.setSizes([350, 650])
        self.tabs.addTab(answers, self.tr("Answers"))

        self.rate = RatePanel(self.ws)
        self.rate.voted.connect(self._summarise)
        self.tabs.addTab(self.rate, self.tr("Rate"))

        votes = QWidget()
        column = QVBoxLayout(votes)
        self.voters = QComboBox()
        self.voters.currentIndexChanged.connect(self._summarise)
        self.vote_note = QLabel()
        self.vote_note.setWordWrap(True)
        self.win_rates = Table([self.tr("Pair"), self.tr("Wins"), self.tr("Losses"), self.tr("Ties"),
                                self.tr("Both bad"), self.tr("Win rate (95% Wilson)")])
        self.strengths = Table([self.tr("Candidate"), self.tr("Bradley-Terry strength (95% bootstrap)")])
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Votes of")))
        row.addWidget(self.voters)
        row.addStretch(1)
        self.judge_model = ChoiceEditor(editable=True)
        self.judge_model.combo.setObjectName("judgeModel")
        self.judge_model.combo.setToolTip(self.tr("A local GGUF model that judges each pair of answers in both "
                                                  "orders (a tie when the two orders disagree)"))
        self.judge_button = QPushButton(self.tr("Let a model &judge"))
        self.judge_button.clicked.connect(self.start_judge)
        row.addWidget(QLabel(self.tr("Judge")))
        row.addWidget(self.judge_model.widget)
        row.addWidget(self.judge_button)
        column.addLayout(row)
        self.judge_progress = ProgressLine()
        self.judge_progress.cancelAsked.connect(self._cancel_judge)
        column.addWidget(self.judge_progress)
        column.addWidget(self.vote_note)
        column.addWidget(self.win_rates, 1)
        column.addWidget(self.strengths, 1)
        self.tabs.addTab(votes, self.tr("Votes"))
        self.tabs.currentChanged.connect(self._tab_changed)
        return self.tabs

    # -- lists ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the comparisons, datasets, models and exports again."""
        comparisons = list_comparisons(self.ws)
        selected = self.comparisons.current_key()
        self.comparisons.blockSignals(True)  # one selection change below, not one for the emptied table
        self.comparisons.fill([(c.name, len(c.questions), ", ".join(x["name"] for x in c.candidates), c.data)
                               for c in comparisons], keys=[c.name for c in comparisons])
        if selected:
            self.comparisons.select_key(selected)
        self.comparisons.blockSignals(False)
        self.data.set_items([(v.label, v.label) for v in list_datasets(self.ws)])
        models = [(m.name, m.name) for m in list_models(self.ws, format="gguf")]
        self.model.set_items(models)
        self.judge_model.set_items(models)
        adapters = [e for e in list_exports(self.ws) if e.kind == "adapter"]
        self.adapter.set_items([(self.tr("(none)"), None)] + [(e.name, str(e.path)) for e in adapters])
        self._adapter_models = {str(e.path): (e.name, e.model) for e in adapters}
        self._comparison_selected()

    def _adapter_chosen(self) -> None:
        chosen = self._adapter_models.get(self.adapter.get() or "")
        if chosen is None:
            return
        name, base = chosen
        if base:
            self.model.set(base)
        if not self.candidate_name.text().strip():
            self.candidate_name.setText(name)

    def add_candidate(self) -> None:
        """Add the candidate the editor describes to the ones the next run answers."""
        model = (self.model.get() or "").strip()
        name = self.candidate_name.text().strip() or model
        adapter = self.adapter.get()
        try:
            candidate = Candidate.parse(Candidate(name, model, adapter, self.scale.value()).spec)  # parse checks it
            taken = [c.name for c in self._pending]
            if self.comparison is not None and self.form.raw().get("name") == self.comparison.name:
                taken += [c["name"] for c in self.comparison.answered]
            if candidate.name in taken:
                raise HearthError(f"there is a candidate {candidate.name!r} already",
                                  "give this one another name")
        except HearthError as exc:
            show_error(self, exc, title=self.tr("Candidate"))
            return
        self._pending.append(candidate)
        self._fill_pending()
        self.candidate_name.clear()

    def pending(self) -> list[str]:
        """The candidates (NAME=MODEL[@ADAPTER:SCALE]) the next run adds."""
        return [c.spec for c in self._pending]

    def _remove_pending(self) -> None:
        row = self.to_run.currentRow()
        if 0 <= row < len(self._pending):
            del self._pending[row]
            self._fill_pending()

    def _fill_pending(self) -> None:
        self.to_run.fill([(c.name, c.model, Path(c.adapter).name if c.adapter else "",
                           f"{c.adapter_scale:g}" if c.adapter else "") for c in self._pending])

    # -- the selected comparison ------------------------------------------------------
    def _comparison_selected(self) -> None:
        name = self.comparisons.current_key()
        self.comparison = get_comparison(self.ws, name) if name else None
        self.report_button.setEnabled(self.comparison is not None)
        self.export_button.setEnabled(self.comparison is not None)
        self.run_button.setEnabled(not self.running)
        comparison = self.comparison
        if comparison is not None and comparison.id != self._form_of:  # a refresh keeps what is being typed
            self.form.set_values(name=comparison.name, data=comparison.data, split=comparison.split,
                                 max_tokens=comparison.max_tokens, task=comparison.task,
                                 labels=",".join(comparison.labels or []))
        self._form_of = comparison.id if comparison is not None else None
        self._fill_metrics()
        self._fill_questions()
        # A rating goes on while its comparison and candidates stay the same (a refresh must not reset it).
        rated = self.rate.comparison
        same = rated is not None and comparison is not None and rated.id == comparison.id and \
            [c["name"] for c in rated.answered] == [c["name"] for c in comparison.answered]
        if not same:
            self.rate.close_rating()
            if self.tabs.currentWidget() is self.rate and comparison is not None:
                self.rate.open(comparison)
        self._fill_voters()

    def _answered(self) -> list[dict[str, Any]]:
        return self.comparison.answered if self.comparison else []

    def _fill_metrics(self) -> None:
        candidates = self._answered()
        keys: list[str] = []
        for c in candidates:
            keys += [k for k, v in c["metrics"].items() if isinstance(v, (int, float)) and k != "count"
                     and k not in keys]
        self._metric_keys = keys
        labels = [self._label(k) for k in keys]
        self.metrics.setColumnCount(len(keys) + 2)
        self.metrics.setHorizontalHeaderLabels([self.tr("Candidate"), *labels, self.tr("Seconds")])
        self.metrics.fill([(c["name"], *(_number(c["metrics"].get(k)) for k in keys), f"{c['seconds'] or 0:.0f}")
                           for c in candidates], keys=[c["name"] for c in candidates])
        current = self.metric_choice.currentData()
        self.metric_choice.blockSignals(True)
        self.metric_choice.clear()
        for key, label in zip(keys, labels, strict=True):
            self.metric_choice.addItem(label, key)
        self.metric_choice.setCurrentIndex(max(0, self.metric_choice.findData(current)))
        self.metric_choice.blockSignals(False)
        self._draw_metric()
        classified = [c["name"] for c in candidates if isinstance(c["metrics"].get("confusion"), dict)]
        self.confusion_box.setVisible(bool(classified))
        self.confusion_of.blockSignals(True)
        self.confusion_of.clear()
        self.confusion_of.addItems(classified)
        self.confusion_of.blockSignals(False)
        self._fill_confusion()
        self._fill_against()

    def _fill_against(self) -> None:
        """Offer the answered candidates as the reference, keeping the one chosen for this comparison."""
        names = [c["name"] for c in self._answered()]
        chosen = self._against.get(self.comparison.id) if self.comparison else None
        self.against.blockSignals(True)
        self.against.clear()
        self.against.addItem(self.tr("(none)"), None)
        for name in names:
            self.against.addItem(name, name)
        self.against.setCurrentIndex(max(0, self.against.findData(chosen)))  # a name gone: (none)
        self.against.blockSignals(False)
        self._fill_agreement()

    def _against_chosen(self) -> None:
        if self.comparison is not None:
            self._against[self.comparison.id] = self.against.currentData()
        self._fill_agreement()

    def _fill_agreement(self) -> None:
        """Each other candidate's agreement with the chosen reference's answers (hidden when none is chosen)."""
        reference = self.against.currentData()
        found = agreement(self.ws, self.comparison, reference) if self.comparison and reference else {}
        self.agreement_box.setVisible(bool(reference))
        self.agreement_box.setTitle(self.tr("Agreement with {0}'s answers").format(reference or ""))
        self.agreement.fill([(name, *(_number(m[k]) for k in ("exact_match", "rouge_l", "chrf")))
                             for name, m in found.items()], keys=list(found))

    def _fill_confusion(self) -> None:
        chosen = next((c for c in self._answered() if c["name"] == self.confusion_of.currentText()), None)
        matrix = chosen["metrics"].get("confusion") if chosen else None
        if not isinstance(matrix, dict) or not matrix:
            self.confusion.setColumnCount(0)
            self.confusion.fill([])
            return
        answered = list(next(iter(matrix.values())))
        self.confusion.setColumnCount(len(answered) + 1)
        self.confusion.setHorizontalHeaderLabels(["", *answered])
        self.confusion.fill([(truth, *(row.get(a, 0) for a in answered)) for truth, row in matrix.items()])

    def _label(self, key: str) -> str:
        return {"exact_match": self.tr("Exact match"), "rouge_l": "ROUGE-L", "chrf": "chrF", "bleu": "BLEU",
                "perplexity": self.tr("Answer perplexity (lower is better)"), "accuracy": self.tr("Accuracy"),
                "macro_f1": self.tr("Macro-F1"), "label": self.tr("read as"), "correct": self.tr("correct"),
                "load_s": self.tr("Loading (s)"), "answer_s": self.tr("Answering (s)"),
                "perplexity_s": self.tr("Perplexity pass (s)"), "seconds": self.tr("seconds"),
                "ttft_s": self.tr("first token (s)"), "tokens": self.tr("tokens")}.get(key, key)

    def _draw_metric(self) -> None:
        key = self.metric_choice.currentData()
        if key is None:
            self.bars.show_values("", [])
            return
        self.bars.show_values(self._label(key), [(c["name"], c["metrics"].get(key)) for c in self._answered()])

    def _fill_questions(self) -> None:
        questions = self.comparison.questions if self.comparison else []
        self.questions.fill([(i + 1, q.question.replace("\n", " ")[:200]) for i, q in enumerate(questions)],
                            keys=list(range(len(questions))))
        self._answer_cache = {c["name"]: candidate_answers(self.ws, self.comparison, c["name"])
                              for c in self._answered()} if self.comparison else {}
        if questions:
            self.questions.selectRow(0)
        else:
            self.answers.clear()

    def _question_selected(self) -> None:
        index = self.questions.current_key()
        if self.comparison is None or index is None:
            self.answers.clear()
            return
        q = self.comparison.questions[index]
        question, expected = html.escape(self.tr("Question")), html.escape(self.tr("Expected"))
        # One column per answer, beside the expected one: read across to compare.
        heads = [f"<th>{expected}</th>"]
        cells = [f"<td>{html.escape(q.reference)}</td>"]
        rating = self.rate.rating
        blind = rating is not None and not rating.done and self.rate.comparison is not None and \
            self.rate.comparison.id == self.comparison.id  # no peeking at whose answer is whose mid-rating
        for number, (name, answers) in enumerate(self._answer_cache.items(), 1):
            if blind:
                name = self.tr("answer {0} (names hidden while you rate)").format(number)
            if index >= len(answers):
                continue
            scores = answers[index]["scores"]
            figures = " · ".join(f"{self._label(k)} {_number(v)}" for k, v in scores.items())
            heads.append(f"<th>{html.escape(name)}</th>")
            cells.append(f"<td>{diff_html(q.reference, answers[index]['answer'])}"
                         f"<br><small style='color: #777'>{html.escape(figures)}</small></td>")
        width = 100 // len(heads)
        heads = [h.replace("<th>", f"<th width='{width}%' align='left'>") for h in heads]
        note = html.escape(self.tr("Highlighted: what an answer says that the expected one does not; struck "
                                   "through: what it leaves out."))
        self.answers.setHtml(f"<p><b>{question}</b><br>{html.escape(q.question)}</p>"
                             "<table cellpadding='6' cellspacing='0' border='1' style='border-color: #ccc' "
                             f"width='100%'><tr>{''.join(heads)}</tr><tr valign='top'>{''.join(cells)}</tr></table>"
                             f"<p><small>{note}</small></p>")

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.rate and self.comparison is not None and self.rate.comparison is None:
            self.rate.open(self.comparison)
        elif self.tabs.currentIndex() == 1:
            self._question_selected()  # names hidden or shown as the rating stands
        elif self.tabs.currentIndex() == 3:
            self._summarise()  # votes may have come from elsewhere (the terminal, a judge)

    # -- what the votes say -------------------------------------------------------------
    def _fill_voters(self) -> None:
        self.voters.blockSignals(True)
        self.voters.clear()
        self.voters.addItem(self.tr("people"), None)
        for judge in judges_of(self.ws, self.comparison) if self.comparison else []:
            self.voters.addItem(self.tr("the model {0} (judged, not people)").format(judge), judge)
        self.voters.blockSignals(False)
        self._summarise()

    def _summarise(self) -> None:
        """Fill the Votes tab: the win rates at once, the Bradley-Terry intervals (a bootstrap) on a thread."""
        from core.eval.rating import win_rates

        comparison = self.comparison
        names = [c["name"] for c in self._answered()]
        votes = votes_of(self.ws, comparison, self.voters.currentData()) if comparison else []
        self.vote_note.setText(self.tr("{0} votes").format(len(votes)) if votes else
                               self.tr("No votes yet: rate on the Rate tab."))
        self.win_rates.fill([(f"{r.first} vs {r.second}", r.wins, r.losses, r.ties, r.both_bad, r.text)
                             for r in (win_rates(votes, names) if len(names) > 1 else [])])
        self.strengths.fill([])
        self._asked = (votes, names) if votes and len(names) > 1 else None
        if self._asked is not None and self._summary_call is None:
            self._strengths()

    def _strengths(self) -> None:
        """Fit the strengths the last summary asked for, one fit at a time (votes cast meanwhile ask again)."""
        from core.eval.rating import summarise

        asked = self._asked
        votes, names = asked

        def work(_call: Any) -> list[tuple[str, str]]:
            return [(name, f"{strength:+.2f} ({low:+.2f} to {high:+.2f})")
                    for name, strength, (low, high) in summarise(votes, names).ranked()]

        def ended(result: Any) -> None:
            self._summary_call = None
            if asked is not self._asked:  # votes came or went meanwhile: fit those instead
                if self._asked is not None:
                    self._strengths()
            elif isinstance(result, list):
                self.strengths.fill(result)
                self.strengthsReady.emit()

        self._summary_call = run_in_thread(work, name="bradley-terry", done=ended, failed=ended)

    # -- running ----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.watcher is not None and self.watcher.running

    def start(self) -> None:
        """Run the comparison the form describes with the candidates added."""
        if self.running:
            return
        try:
            job = from_dict(CompareJob, {**self.form.raw(), "candidates": tuple(self.pending())})
            if not job.candidates:
                raise HearthError("no candidates to answer", "add one or more with Add candidate")
        except HearthError as exc:
            show_error(self, exc, title=self.tr("Compare"))
            return
        self.progress.start(self.tr("Comparing on {0}…").format(job.name))
        self.watcher = self.jobs.start(job, event=self._event, ended=self._ended)
        self.run_button.setEnabled(False)

    def _event(self, event: Any) -> None:
        if isinstance(event, Progress):
            self.progress.update_progress(event.done, event.total, event.message)

    def _ended(self, final: Any) -> None:
        self.run_button.setEnabled(True)
        if isinstance(final, Done):
            self.progress.finish(self.tr("Answered: {0}").format(", ".join(final.result.get("answered", []))
                                                                 or self.tr("nothing new")))
            self._pending.clear()
            self._fill_pending()
            self.refresh()
            self.comparisons.select_key(final.result.get("comparison"))
        elif isinstance(final, Failed):
            self.progress.finish(self.tr("Failed: {0}").format(error_text(final)[0]))
            self.refresh()  # the candidates answered in full before the failure are kept
            show_error(self, final, title=self.tr("The comparison failed"), retry=self.start)
        else:
            self.progress.finish(self.tr("Cancelled; the candidates answered in full are kept"))
            self.refresh()
        self.compareEnded.emit(final)

    def cancel(self) -> None:
        if self.running:
            self.watcher.cancel()

    def start_judge(self) -> None:
        """Let the chosen model judge the selected comparison's matchups it has not judged yet."""
        from core.eval.judge import JudgeJob

        if self.comparison is None or (self.judge_watcher is not None and self.judge_watcher.running):
            return
        try:
            job = JudgeJob(name=self.comparison.name, judge=(self.judge_model.get() or "").strip())
        except HearthError as exc:
            show_error(self, exc, title=self.tr("Judge"))
            return
        self.judge_progress.start(self.tr("{0} judging…").format(job.judge))
        self.judge_button.setEnabled(False)
        self.judge_watcher = self.jobs.start(job, event=self._judge_event, ended=self._judged)

    def _judge_event(self, event: Any) -> None:
        if isinstance(event, Progress):
            self.judge_progress.update_progress(event.done, event.total, event.message)

    def _cancel_judge(self) -> None:
        if self.judge_watcher is not None and self.judge_watcher.running:
            self.judge_watcher.cancel()

    def _judged(self, final: Any) -> None:
        self.judge_button.setEnabled(True)
        if isinstance(final, Done):
            self.judge_progress.finish(self.tr("{0} judged {1} matchups").format(final.result.get("judge", ""),
                                                                                final.result.get("voted", 0)))
            self._fill_voters()
            self.voters.setCurrentIndex(max(0, self.voters.findData(final.result.get("judge"))))
        elif isinstance(final, Failed):
            self.judge_progress.finish(self.tr("Failed: {0}").format(error_text(final)[0]))
            show_error(self, final, title=self.tr("Judging failed"), retry=self.start_judge)
        else:
            self.judge_progress.finish(self.tr("Stopped; the votes given so far are kept"))
            self._fill_voters()
        self.judgeEnded.emit(final)

    # -- the report -------------------------------------------------------------------
    def _ask_report(self) -> None:
        if self.comparison is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write the report"),
                                              str(self.ws.root / f"{self.comparison.name}.html"),
                                              self.tr("HTML (*.html)"))
        if path:
            self.write_report(Path(path), open_it=True)

    def _ask_export(self) -> None:
        if self.comparison is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the comparison"),
                                              str(self.ws.root / f"{self.comparison.name}.csv"),
                                              self.tr("CSV (*.csv);;JSON (*.json)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Path | None:
        """Write the selected comparison to ``path``: CSV or JSON by its suffix."""
        from core.eval.export import export_comparison

        try:
            return export_comparison(self.ws, self.comparison, path)
        except (HearthError, OSError) as exc:
            show_error(self, exc, title=self.tr("Export"))
            return None

    def write_report(self, path: Path, open_it: bool = False) -> Path | None:
        """Write the selected comparison's HTML report to ``path`` (and open it in the browser), with the
        agreement with the reference candidate chosen, if any."""
        from core.eval.report import write_report

        try:
            written = write_report(self.ws, self.comparison, path, against=self.against.currentData())
        except (HearthError, OSError) as exc:
            show_error(self, exc, title=self.tr("Report"))
            return None
        if open_it:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
        return written


def _number(value: Any) -> str:
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, (int, float)):
        return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    return "" if value is None else str(value)
