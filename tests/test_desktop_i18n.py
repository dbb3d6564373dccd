"""The Simplified Chinese translation: every interface string translated, and it loads."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.i18n import FOLDER, install_translator

pytestmark = pytest.mark.desktop


def test_every_string_is_translated():
    messages = list(ET.parse(FOLDER / "hearth_zh_CN.ts").iter("message"))
    untranslated = [m.find("source").text for m in messages
                    if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                    or not (m.find("translation").text or "").strip()]
    assert len(messages) > 300 and untranslated == []


def test_the_translation_loads_for_pages_forms_and_help(qapp):
    translators = install_translator(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("MainWindow", "Chat") == "对话"
        assert QCoreApplication.translate("fields", "Learning rate") == "学习率"
        assert QCoreApplication.translate("help", "the training settings") == "训练设置"
        assert QCoreApplication.translate("chat", "{0} tokens/s").format(3) == "3 token/秒"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "Chat") == "Chat"

