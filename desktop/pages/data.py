"""The data page: dataset versions, each with its counts, token lengths and rejects; the import wizard."""

from __future__ import annotations

import json
from itertools import islice
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.data.versions import DatasetVersion, get_dataset, list_datasets, remove_dataset
from core.errors import HearthError
from core.workspace import Workspace
from desktop.dialogs import ask, show_error
from desktop.jobs import JobTracker
from desktop.pages.data_wizard import ImportWizard
from desktop.plots import TokenHistogram
from desktop.widgets import Table, title

__all__ = ["DataPage"]

_REJECTS_SHOWN = 500


class VersionView(QWidget):
    """One dataset version: where it came from, its splits, token lengths and rejects."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.histogram = TokenHistogram()
        self.rejects = Table([self.tr("Line"), self.tr("Reason code"), self.tr("Field"), self.tr("Reason")])
        layout.addWidget(self.heading)
        layout.addWidget(self.histogram, 2)
        layout.addWidget(QLabel("<b>" + self.tr("Rejected items") + "</b>"))
        layout.addWidget(self.rejects, 1)

    def show_version(self, version: DatasetVersion) -> None:
        manifest, stats = version.manifest(), version.stats()
        tokens = stats["total"]["tokens"]
        lines = [f"<h3>{version.label}</h3>",
                 self.tr("{0} records from {1} ({2})").format(version.records, manifest["source_path"],
                                                              version.format),
                 self.tr("Splits: {0}").format(", ".join(f"{k} {v}" for k, v in version.splits.items())),
                 self.tr("Tokens (by {0}): median {1}, p95 {2}, longest {3}; {4} records longer than {5}")
                 .format(manifest.get("model"), tokens.get("median"), tokens.get("p95"), tokens.get("max"),
                         stats["total"]["truncated"]["records"], stats["seq_len"])]
        if stats.get("rejected_by_code"):
            lines.append(self.tr("Rejected: {0}").format(", ".join(f"{k} {n}"
                                                                   for k, n in stats["rejected_by_code"].items())))
        self.heading.setText("<br>".join(lines))
        self.histogram.show_histogram(stats["total"]["histogram"], stats.get("seq_len"))
        with (version.folder / "rejects.jsonl").open(encoding="utf-8") as handle:
            rejects = [json.loads(line) for line in islice(handle, _REJECTS_SHOWN)]
        self.rejects.fill([(r["line"], r["code"], r["field"], r["reason"]) for r in rejects],
                          tips=[r.get("excerpt", "") for r in rejects])


class DataPage(QWidget):
    """Dataset versions and the import wizard. ``datasetsChanged`` after an import or a removal."""

    datasetsChanged = Signal()

    def __init__(self, ws: Workspace, jobs: JobTracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.jobs = ws, jobs
        self.wizard: ImportWizard | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(title(self.tr("Data")))
        splitter = QSplitter()
        splitter.addWidget(self._list_panel())
        self.stack = QStackedWidget()
        self.empty = QLabel(self.tr("Import a dataset to fine-tune on: chat records (OpenAI, ShareGPT), "
                                    "instructions (Alpaca), prompt and completion pairs, or plain text.\n\n"
                                    "The example dataset is assets/datasets/lumen_support.jsonl."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view = VersionView()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        layout.addWidget(splitter, 1)
        self.refresh()

    def _list_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.import_button = QPushButton(self.tr("&Import a dataset…"))
        self.import_button.clicked.connect(lambda: self.start_import())
        self.list = QListWidget()
        self.list.currentItemChanged.connect(self._chosen)
        remove = QPushButton(self.tr("&Remove version"))
        remove.clicked.connect(self._remove)
        row = QHBoxLayout()
        row.addWidget(remove)
        layout.addWidget(self.import_button)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        panel.setMinimumWidth(200)
        return panel

    def refresh(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for version in list_datasets(self.ws):
            item = QListWidgetItem(f"{version.label}  ·  {version.records}")
            item.setData(Qt.ItemDataRole.UserRole, version.label)
            item.setToolTip(version.source_path)
            self.list.addItem(item)
            if version.label == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if select:
            self._chosen(self.list.currentItem())

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        try:
            version = get_dataset(self.ws, item.data(Qt.ItemDataRole.UserRole))
            self.view.show_version(version)
        except (HearthError, OSError) as exc:
            show_error(self, exc, title=self.tr("Data"))
            return
        self.stack.setCurrentWidget(self.view)

    # -- the wizard -----------------------------------------------------------------
    def start_import(self, path: str | None = None, model: str | None = None) -> ImportWizard:
        """Open the import wizard (at the file step, with ``path`` filled in when given)."""
        if self.wizard is not None:
            self._close_wizard()
        self.wizard = ImportWizard(self.ws, self.jobs)
        self.wizard.imported.connect(self._imported)
        self.wizard.finished.connect(lambda _result: self._close_wizard())
        self.stack.addWidget(self.wizard)
        self.stack.setCurrentWidget(self.wizard)
        if path:
            self.wizard.set_file(path, model)
        return self.wizard

    def _imported(self, version: Any) -> None:
        self.refresh()
        self.datasetsChanged.emit()

    def _close_wizard(self) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is None:
            return
        version = wizard.version
        wizard.cancel_import()
        self.stack.removeWidget(wizard)
        wizard.deleteLater()
        if version is not None:
            self.refresh(select=version.label)
        else:
            self.stack.setCurrentWidget(self.view if self.list.currentItem() else self.empty)

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        label = item.data(Qt.ItemDataRole.UserRole)

        def answered(index: int) -> None:
            if index == 0:
                try:
                    remove_dataset(self.ws, label)
                except HearthError as exc:
                    show_error(self, exc)
                self.refresh()
                self.stack.setCurrentWidget(self.empty)
                self.datasetsChanged.emit()

        ask(self, self.tr("Remove dataset version"), self.tr("Remove {0} and its files?").format(label),
            [(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole),
             (self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)], answered)
