"""A form built from a frozen config dataclass's field metadata.

Each field of the dataclass (declared with :func:`core.config.option`) becomes
an editor chosen by its type: a check box, a spin box bounded by the field's
``min``/``max``, a combo box of its ``choices``, a line for text and lists, a
group box for a nested config. The field's help text is the editor's tooltip.
:meth:`ConfigForm.value` builds the dataclass, so its own validation decides
what is accepted, exactly as on the command line and in saved JSON.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.config import FieldHelp, describe, from_dict

__all__ = ["ChoiceEditor", "ConfigForm", "Editor", "field_label", "raw_label"]

_INT_LIMIT = 2**31 - 1
# Words a plain "replace _ by space" would spell wrong.
_WORDS = {"lr": "learning rate", "lora": "LoRA", "dora": "DoRA", "rslora": "rsLoRA", "n": "", "ctx": "context",
          "gpu": "GPU", "pii": "personal data", "eval": "evaluate", "seq": "sequence", "len": "length",
          "num": "number of", "grad": "gradient", "p": "p", "k": "k", "r": "rank", "dedup": "drop duplicates:"}


def raw_label(name: str) -> str:
    """A readable English label for a field name (``lora_r`` -> ``LoRA rank``)."""
    words = [_WORDS.get(w, w) for w in name.split("_")]
    text = " ".join(w for w in words if w).strip()
    return text[:1].upper() + text[1:]


def field_label(name: str) -> str:
    """The label of a field name, translated."""
    return QCoreApplication.translate("fields", raw_label(name))


def _unwrap_optional(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0], True
    return tp, False


class Editor(QObject):
    """One field's editor: a widget, a getter and a setter."""

    changed = Signal()

    def __init__(self, widget: QWidget, get: Callable[[], Any], set_: Callable[[Any], None],
                 signal: Any = None) -> None:
        super().__init__(widget)
        self.widget, self._get, self._set = widget, get, set_
        if signal is not None:
            signal.connect(lambda *_: self.changed.emit())

    def get(self) -> Any:
        return self._get()

    def set(self, value: Any) -> None:
        self._set(value)


class ChoiceEditor(Editor):
    """A combo box of (label, value) pairs; for fields whose values come from elsewhere (models, datasets)."""

    def __init__(self, items: Sequence[tuple[str, Any]] = (), editable: bool = False) -> None:
        self.combo = QComboBox()
        self.combo.setEditable(editable)
        super().__init__(self.combo, self._value, self._choose, self.combo.currentIndexChanged)
        if editable:
            self.combo.editTextChanged.connect(lambda *_: self.changed.emit())
        self.set_items(items)

    def set_items(self, items: Sequence[tuple[str, Any]]) -> None:
        current = self._value() if self.combo.count() else None
        self.combo.blockSignals(True)
        self.combo.clear()
        for label, value in items:
            self.combo.addItem(label, value)
        self.combo.blockSignals(False)
        if current is not None:
            self._choose(current)
        self.changed.emit()

    def _value(self) -> Any:
        index = self.combo.currentIndex()
        if self.combo.isEditable() and (index < 0 or self.combo.currentText() != self.combo.itemText(index)):
            return self.combo.currentText() or None
        return self.combo.itemData(index) if index >= 0 else None

    def _choose(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        elif self.combo.isEditable() and value is not None:
            self.combo.setEditText(str(value))


def _bool_editor(info: FieldHelp) -> Editor:
    box = QCheckBox()
    return Editor(box, box.isChecked, lambda v: box.setChecked(bool(v)), box.toggled)


def _int_editor(info: FieldHelp) -> Editor:
    spin = QSpinBox()
    spin.setRange(int(info.min) if info.min is not None else -_INT_LIMIT,
                  int(min(info.max, _INT_LIMIT)) if info.max is not None else _INT_LIMIT)
    spin.setAccelerated(True)
    return Editor(spin, spin.value, lambda v: spin.setValue(int(v)), spin.valueChanged)


def _float_editor(info: FieldHelp) -> Editor:
    spin = QDoubleSpinBox()
    small = isinstance(info.default, float) and 0 < abs(info.default) < 0.01
    spin.setDecimals(6 if small else 3)
    spin.setRange(info.min if info.min is not None else -1e12, info.max if info.max is not None else 1e12)
    spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
    return Editor(spin, spin.value, lambda v: spin.setValue(float(v)), spin.valueChanged)


def _choice_editor(info: FieldHelp) -> Editor:
    editor = ChoiceEditor([(QCoreApplication.translate("forms", "(none)") if c is None else str(c), c)
                           for c in info.choices or ()])
    return editor


def _text_editor(info: FieldHelp, optional: bool) -> Editor:
    """A line; for an optional number (``int | None``), the number typed, None when empty."""
    line = QLineEdit()
    if optional:
        line.setPlaceholderText(QCoreApplication.translate("forms", "(none)"))
    tp, _ = _unwrap_optional(info.type)

    def get() -> Any:
        text = line.text().strip()
        if optional and not text:
            return None
        return _number(text, tp) if tp in (int, float) else line.text()

    return Editor(line, get, lambda v: line.setText("" if v is None else str(v)), line.textChanged)


def _list_editor(info: FieldHelp, optional: bool) -> Editor:
    """Tuples and lists as comma-separated values; numbers are parsed."""
    tp, _ = _unwrap_optional(info.type)
    item = (typing.get_args(tp) or (str,))[0]
    line = QLineEdit()
    line.setPlaceholderText(QCoreApplication.translate("forms", "comma-separated"))

    def get() -> Any:
        parts = [p.strip() for p in line.text().split(",") if p.strip()]
        if optional and not parts:
            return None
        return [_number(p, item) for p in parts]

    def set_(value: Any) -> None:
        line.setText(", ".join(str(v) for v in value or ()))

    return Editor(line, get, set_, line.textChanged)


def _number(text: str, item: Any) -> Any:
    try:
        return int(text) if item is int else float(text) if item is float else text
    except ValueError:
        return text  # the config's own check names the bad value


def _dict_editor(info: FieldHelp, optional: bool) -> Editor:
    line = QLineEdit()
    line.setPlaceholderText('{"field": "column"}')

    def get() -> Any:
        text = line.text().strip()
        if not text:
            return None if optional else {}
        try:
            return json.loads(text)
        except ValueError:
            return text

    return Editor(line, get, lambda v: line.setText(json.dumps(v) if v else ""), line.textChanged)


def _editor_for(info: FieldHelp) -> Editor | None:
    tp, optional = _unwrap_optional(info.type)
    origin = typing.get_origin(tp)
    if info.choices:
        return _choice_editor(info)
    if tp is bool:
        return _bool_editor(info)
    if tp is int and not optional:
        return _int_editor(info)
    if tp is float and not optional:
        return _float_editor(info)
    if origin in (tuple, list):
        return _list_editor(info, optional)
    if origin is dict:
        return _dict_editor(info, optional)
    if dataclasses.is_dataclass(tp):
        return None  # a nested form
    return _text_editor(info, optional)


class ConfigForm(QWidget):
    """A form for config dataclass ``cls``.

    Args:
        cls: a frozen dataclass whose fields are declared with ``option()``.
        value: the values to show first; the defaults when omitted.
        exclude: fields not shown (their value comes from ``value`` or the default).
        editors: custom editors by field name (e.g. a combo box of catalog models).
        only: show only these fields (in this order), if given.

    ``changed`` is emitted whenever any editor changes.
    """

    changed = Signal()

    def __init__(self, cls: type, value: Any = None, *, exclude: Sequence[str] = (),
                 editors: dict[str, Editor] | None = None, only: Sequence[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cls = cls
        self._base = value
        self.editors: dict[str, Editor] = {}
        self.subforms: dict[str, ConfigForm] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields = {f.name: f for f in describe(cls)}
        names = [n for n in (only or fields) if n not in exclude]
        for name in names:
            self._add(layout, fields[name], (editors or {}).get(name))
        if value is not None:
            self.set_value(value)

    def _add(self, layout: QFormLayout, info: FieldHelp, custom: Editor | None) -> None:
        tip = QCoreApplication.translate("help", info.help)
        editor = custom or _editor_for(info)
        if editor is None:  # a nested config
            sub = ConfigForm(_unwrap_optional(info.type)[0], info.default)
            heading = tip[:1].upper() + tip[1:] if tip else field_label(info.name)
            box = QGroupBox(heading)
            box.setToolTip(tip)
            QVBoxLayout(box).addWidget(sub)
            sub.changed.connect(self.changed)
            self.subforms[info.name] = sub
            layout.addRow(box)
            return
        if custom is None:
            editor.set(info.default)
        editor.widget.setToolTip(tip)
        editor.widget.setAccessibleName(field_label(info.name))
        editor.widget.setObjectName(f"field_{info.name}")
        editor.changed.connect(self.changed)
        self.editors[info.name] = editor
        layout.addRow(field_label(info.name), editor.widget)

    def raw(self) -> dict[str, Any]:
        """The values as the editors hold them (not yet validated)."""
        values = dataclasses.asdict(self._base) if self._base is not None else {}
        values = {k: v for k, v in values.items() if k not in self.subforms}
        values.update({name: editor.get() for name, editor in self.editors.items()})
        return values

    def value(self) -> Any:
        """The config the form describes.

        Raises:
            ConfigError: a value is out of range or of the wrong kind (the message names it).
        """
        values = self.raw()
        values.update({name: sub.value() for name, sub in self.subforms.items()})
        return from_dict(self.cls, values)

    def set_value(self, value: Any) -> None:
        """Show ``value`` (an instance of the form's class) without emitting ``changed`` per field."""
        self._base = value
        self.blockSignals(True)
        try:
            for name, editor in self.editors.items():
                editor.set(getattr(value, name))
            for name, sub in self.subforms.items():
                sub.set_value(getattr(value, name))
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def set_values(self, **values: Any) -> None:
        """Set some fields by name (nested ones as ``train={"lr": ...}``), then emit ``changed`` once."""
        self.blockSignals(True)
        try:
            for name, v in values.items():
                if name in self.subforms and isinstance(v, dict):
                    self.subforms[name].set_values(**v)
                elif name in self.editors:
                    self.editors[name].set(v)
        finally:
            self.blockSignals(False)
        self.changed.emit()
