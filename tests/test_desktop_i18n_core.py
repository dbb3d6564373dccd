"""Core's messages in the Chinese interface: every template extracted from core has a translation, and real
errors, pre-flight verdicts and export reasons come out in Chinese with their values intact."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QMessageBox, QWidget

from core.errors import ConfigError, DataError, HearthError, ModelError
from desktop.dialogs import error_text, show_error
from desktop.i18n import FOLDER, install_translator
from desktop.i18n.core_messages import CONTEXT, translate_core
from desktop.i18n.core_strings import coverage, extract

pytestmark = pytest.mark.desktop

_PLACEHOLDER = re.compile(r"\{\d+\}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def extracted():
    return extract()


@pytest.fixture
def zh(qapp):
    translators = install_translator(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def _raised(call) -> HearthError:
    with pytest.raises(HearthError) as caught:
        call()
    return caught.value


def test_every_core_template_has_a_finished_translation_with_its_placeholders(extracted):
    templates, _sites = extracted
    core = [c for c in ET.parse(FOLDER / "hearth_zh_CN.ts").iter("context") if c.findtext("name") == CONTEXT]
    translations = {m.findtext("source"): m.find("translation") for c in core for m in c.iter("message")}
    missing = [t for t in templates if t not in translations]
    unfinished = [t for t in templates if t in translations and (translations[t].get("type")
                                                                 or not (translations[t].text or "").strip())]
    mismatched = [t for t in templates if t in translations and
                  Counter(_PLACEHOLDER.findall(t)) != Counter(_PLACEHOLDER.findall(translations[t].text or ""))]
    assert len(templates) > 1000
    assert missing == [], f"run python -m desktop.i18n.strings and lupdate: {missing[:5]}"
    assert unfinished == [] and mismatched == []
    from desktop.i18n.core_text import STRINGS  # the generated module lupdate reads is current

    assert set(templates) <= set(STRINGS)


def test_the_share_of_raise_sites_with_a_template(extracted):
    covered, total, left = coverage(extracted[1])
    print(f"\n{covered}/{total} HearthError raise sites in core have a template ({covered / total:.1%}); left:")
    for site in left:
        print(f"  {site.file}:{site.line}: {site.source}")
    assert total > 400 and covered / total >= 0.95


def test_a_missing_dataset_file_is_said_in_chinese_with_its_path(zh, workspace, tmp_path):
    from core.data.versions import import_dataset

    path = tmp_path / "问答 data.jsonl"
    message, hint, details = error_text(_raised(lambda: import_dataset(workspace, path)))
    assert message == f"{path}: 数据集文件 {path} 不存在"
    assert hint == "请检查路径；请给出数据集文件本身" and details == ""


def test_a_data_error_keeps_its_file_line_and_field(zh, workspace, tmp_path):
    from core.data.versions import ImportOptions, import_dataset

    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"messages": [{"role": "user", "content": "hi"},
                                             {"role": "assistant", "content": None}]}) + "\n", encoding="utf-8")
    error = _raised(lambda: import_dataset(workspace, path, ImportOptions(strict=True)))
    assert isinstance(error, DataError) and error.line == 1
    message, hint, _ = error_text(error)
    assert message == f"{path}:1 [messages[1].content]: 内容为 null；每条消息都需要文本"
    assert hint == "请修正该条目，或不使用 strict 加载，以跳过出错的条目并列出它们"
    # written by hand, with a where of its own, as a reader would
    message, _, _ = error_text(DataError("the file has no records", "choose a file with records in it",
                                         file="x.csv", line=7))
    assert message == "x.csv:7: 文件中没有记录"


def test_an_unknown_model_names_it_and_the_catalog(zh, workspace):
    from core.models import get_model

    error = _raised(lambda: get_model(workspace, "no-such-model"))
    assert isinstance(error, ModelError)
    message, hint, _ = error_text(error)
    assert message == "目录中没有名为 'no-such-model' 的模型"
    assert hint.startswith("目录中有：") or hint == "目录为空；请先导入一个模型"


def test_a_bad_config_value_keeps_the_value_and_translates_the_help_as_hint(zh):
    from core.data.split import SplitOptions
    from core.training.recipe import TrainConfig

    error = _raised(lambda: TrainConfig(lr=-1))
    assert isinstance(error, ConfigError)
    assert error_text(error)[:2] == ("TrainConfig.lr 为 -1；必须不小于 0.0",
                                     "峰值学习率（LoRA 类 1e-4 到 2e-4；全参数 1e-5 到 5e-5）")
    message, hint, _ = error_text(_raised(lambda: SplitOptions(ratios=(0.5, 0.6, 0.1))))
    assert message == "SplitOptions.ratios (0.5, 0.6, 0.1) 之和为 1.2；总和必须为 1"
    assert hint == "请给出训练、验证、测试三个比例，例如 0.9, 0.05, 0.05"


def test_a_failed_jobs_event_is_translated_too(zh):
    from core.jobs import Failed

    event = Failed(message="no dataset 'qa'", hint="import one with: hearth data import FILE")
    assert error_text(event)[:2] == ("没有数据集 'qa'", "请用以下命令导入一个：hearth data import FILE")


def test_the_memory_preflight_and_its_suggestions_leave_no_english_words(zh):
    from core.training.memory import GiB, ModelShape, TrainPlan, preflight

    shape = ModelShape.from_config({"model_type": "llama", "hidden_size": 2048, "num_hidden_layers": 16,
                                    "num_attention_heads": 16, "num_key_value_heads": 16,
                                    "intermediate_size": 8192, "vocab_size": 32000})
    verdict = preflight(shape, TrainPlan(method="full", batch_size=8, seq_len=2048, lora_dropout=0.1),
                        free=4 * GiB)
    assert verdict.status == "does_not_fit" and len(verdict.suggestions) >= 3
    lines = [translate_core(verdict.describe())] + [translate_core(s.action) for s in verdict.suggestions]
    allowed = {"cpu", "gib", "mib", "logits", "token", "qlora", "lora"}
    for line in lines:
        assert _HAN.search(line), line
        assert {w.lower() for w in re.findall(r"[A-Za-z]{3,}", line)} <= allowed, line
    numbers = re.findall(r"\d+\.\d+ GiB", verdict.describe())
    assert numbers and all(n in lines[0] for n in numbers)  # the values pass through


@pytest.mark.parametrize("method", ["prompt", "full", "dora"])
def test_export_reasons_on_the_train_page_are_translated(zh, method):
    from converters import export_verdict

    config = {"model_type": "llama", "architectures": ["LlamaForCausalLM"]}
    verdict = export_verdict(config, "lora" if method == "dora" else method, use_dora=method == "dora")
    assert verdict.reason and _HAN.search(translate_core(verdict.reason))
    unknown = export_verdict({"architectures": ["NopeForCausalLM"]}, "lora")
    said = translate_core(unknown.reason)
    assert said.startswith("结果无法导出为 GGUF：NopeForCausalLM 在 Hearth 中没有 GGUF 转换器"), said


def test_english_passes_through_unchanged(qapp, zh):
    assert translate_core("an English message nobody wrote a template for") == \
        "an English message nobody wrote a template for"
    assert translate_core("") == ""
    # a one-word template ("line {0}") takes plain values only, not a library's sentence
    assert translate_core("line 3, column 5: mapping values are not allowed here") == \
        "line 3, column 5: mapping values are not allowed here"
    assert translate_core("exact duplicate of line 3") == "与 第 3 行 完全重复"


def test_without_a_translator_every_message_is_left_as_it_is(qapp, workspace):
    from core.models import get_model

    error = _raised(lambda: get_model(workspace, "no-such-model"))
    assert error_text(error)[0] == error.message == "no model named 'no-such-model' in the catalog"
    assert translate_core("training needs about 1.00 GiB on cpu, 2.00 GiB is free (x)") == \
        "training needs about 1.00 GiB on cpu, 2.00 GiB is free (x)"


class _Faulty(QTranslator):
    """A translation that lost one placeholder and invented another."""

    def translate(self, context, source, disambiguation=None, n=-1):
        if context == CONTEXT and source == "no dataset {0}":
            return "没有数据集 {7}"
        return "" if source == "known datasets: {0}" else None  # an empty translation is none

    def isEmpty(self):
        return False


def test_a_faulty_translation_does_not_raise(qapp):
    faulty = _Faulty(qapp)
    qapp.installTranslator(faulty)
    try:
        assert translate_core("no dataset qa") == "没有数据集 {7}"
        assert translate_core("known datasets: qa") == "known datasets: qa"
    finally:
        qapp.removeTranslator(faulty)


def test_the_error_dialog_shows_core_text_in_chinese(qtbot, zh, workspace):
    from core.models import get_model

    parent = QWidget()
    qtbot.addWidget(parent)
    box = show_error(parent, _raised(lambda: get_model(workspace, "no-such-model")))
    assert isinstance(box, QMessageBox)
    assert box.text() == "目录中没有名为 'no-such-model' 的模型" and _HAN.search(box.informativeText())
    box.close()


def test_the_import_preview_gives_each_rejected_items_reason_in_chinese(qtbot, zh, workspace, tmp_path):
    from core.data.formats import approx_token_count
    from core.data.preview import preview_import
    from desktop.jobs import JobTracker
    from desktop.pages.data_wizard import ImportWizard

    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps({"messages": [{"role": "user", "content": "hi"},
                                             {"role": "assistant", "content": "hello"}]}) + "\n"
                    + json.dumps({"messages": [{"role": "user", "content": "hi"}, {"role": "bot"}]}) + "\n"
                    + "{not json\n", encoding="utf-8")
    wizard = ImportWizard(workspace, JobTracker(workspace))
    qtbot.addWidget(wizard)
    wizard.preview_page.show_preview(preview_import(path, count_tokens=approx_token_count))
    table = wizard.preview_page.table
    reasons = [table.item(row, 4).text() for row in range(table.rowCount())]
    assert reasons[0] == "" and len(reasons) == 3
    assert reasons[1] == "该消息没有 'content'（或 'value'）"
    assert reasons[2].startswith("不是有效的 JSON：") and "第 2 列处" in reasons[2], reasons[2]
