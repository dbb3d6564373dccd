"""Plots with pyqtgraph: a run's training and validation loss, a dataset's token lengths."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["LossPlot", "MetricBars", "TokenHistogram", "themed"]

_ACCENT = "#d9691f"
_SECOND = "#2f7fc1"


def themed(plot: pg.PlotWidget) -> None:
    """The plot in the window's theme: background, axes and grid."""
    app = QApplication.instance()
    dark = bool(app.property("hearth_dark")) if app is not None else False
    plot.setBackground("#1b1d21" if dark else "#ffffff")
    color = "#c8c8c8" if dark else "#404040"
    for axis in ("left", "bottom"):
        plot.getAxis(axis).setPen(color)
        plot.getAxis(axis).setTextPen(color)
    plot.showGrid(x=True, y=True, alpha=0.2)


class LossPlot(pg.PlotWidget):
    """Training loss per step and validation loss at each evaluation, drawn as points arrive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        themed(self)
        self.setMinimumHeight(180)
        self.setLabel("bottom", self.tr("step"))
        self.setLabel("left", self.tr("loss"))
        self.addLegend(offset=(-10, 10))
        self.train = self.plot([], [], pen=pg.mkPen(_ACCENT, width=2), name=self.tr("train"))
        self.validation = self.plot([], [], pen=pg.mkPen(_SECOND, width=2), symbol="o", symbolSize=6,
                                    symbolBrush=_SECOND, name=self.tr("validation"))
        self.points: dict[str, list[tuple[float, float]]] = {"loss": [], "val_loss": []}

    def clear_points(self) -> None:
        for series in self.points.values():
            series.clear()
        self._redraw()

    def add_point(self, name: str, step: float, value: float) -> None:
        """Add one point of ``loss`` or ``val_loss`` (other metrics are ignored)."""
        if name not in self.points:
            return
        self.points[name].append((step, value))
        self._redraw()

    def set_points(self, points: Iterable[tuple[str, float, float]]) -> None:
        """Show only ``points`` (name, step, value), redrawn once; names other than loss and val_loss are ignored."""
        for series in self.points.values():
            series.clear()
        for name, step, value in points:
            if name in self.points:
                self.points[name].append((step, value))
        self._redraw()

    def _redraw(self) -> None:
        for name, curve in (("loss", self.train), ("val_loss", self.validation)):
            points = self.points[name]
            curve.setData([p[0] for p in points], [p[1] for p in points])


class TokenHistogram(pg.PlotWidget):
    """How many records fall in each token-length bucket (from a dataset version's stats)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        themed(self)
        self.setMinimumHeight(160)
        self.setLabel("left", self.tr("records"))
        self.setLabel("bottom", self.tr("tokens per record"))
        self.setMouseEnabled(x=False, y=False)
        self._bars: Any = None
        self.counts: list[int] = []

    def show_histogram(self, buckets: Sequence[dict[str, Any]], seq_len: int | None = None) -> None:
        """``buckets`` as in ``stats.json`` (label, count); empty buckets at either end are left out."""
        used = [i for i, b in enumerate(buckets) if b["count"]]
        shown = list(buckets[used[0]:used[-1] + 1]) if used else []
        self.counts = [b["count"] for b in shown]
        if self._bars is not None:
            self.removeItem(self._bars)
        self._bars = pg.BarGraphItem(x=list(range(len(shown))), height=self.counts, width=0.8, brush=_ACCENT)
        self.addItem(self._bars)
        self.getAxis("bottom").setTicks([[(i, b["label"]) for i, b in enumerate(shown)]])
        title = self.tr("token lengths") + (f" (seq_len {seq_len})" if seq_len else "")
        self.setTitle(title)


class MetricBars(pg.PlotWidget):
    """One metric across the candidates of a comparison, one bar each (a missing value draws no bar)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        themed(self)
        self.setMinimumHeight(160)
        self.setMouseEnabled(x=False, y=False)
        self._bars: Any = None
        self.values: list[float] = []

    def show_values(self, metric: str, values: Sequence[tuple[str, float | None]]) -> None:
        """Draw ``values`` (candidate, value) for the metric called ``metric``."""
        shown = [(name, value) for name, value in values if value is not None]
        self.values = [float(v) for _, v in shown]
        if self._bars is not None:
            self.removeItem(self._bars)
        self._bars = pg.BarGraphItem(x=list(range(len(shown))), height=self.values, width=0.6, brush=_ACCENT)
        self.addItem(self._bars)
        self.getAxis("bottom").setTicks([[(i, name) for i, (name, _) in enumerate(shown)]])
        self.setLabel("left", metric)
