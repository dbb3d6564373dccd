"""``hearth deploy``: a run's exports (or a catalog model) handed to llama-server as a folder complete on its own.

The runs and exports are recorded as a finished training and export leave them (rows, folders, chat_format.json),
their GGUFs the tiny random Llama of ``converters.synthetic``: deploying reads files and writes files, and what
it writes is checked against what Hearth itself does with the same model (the prompt its chat renders).
"""

from __future__ import annotations

import configparser
import hashlib
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from core.errors import HearthError, ModelError
from core.export.store import add_export
from core.inference.templates import PlainFormat, chat_format_named, render_template
from core.models import add_gguf_record, inspect_gguf, set_template_override, sha256_file
from core.workspace import utc_now

CONVERSATIONS = [
    [{"role": "user", "content": "What is the boiling point of water?"}],
    [{"role": "system", "content": "Answer briefly."}, {"role": "user", "content": "  Name a colour. "},
     {"role": "assistant", "content": "Blue."}, {"role": "user", "content": "Another one?"}],
    [{"role": "user", "content": "Line one\nline two"}, {"role": "assistant", "content": "Noted: 'two' \"lines\"."},
     {"role": "user", "content": "Ünïcödé and {{ braces }} {% too %}?"}],
]
# A ChatML template as a tokenizer_config.json carries it (the "template" kind of chat_format.json).
CHATML = ("{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + "
          "'<|im_end|>' + '\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")


@pytest.fixture(scope="module")
def ggufs(tmp_path_factory) -> dict[str, Path]:
    """Three different tiny GGUFs: a base, a merged fine-tune, and a file standing in for a LoRA-GGUF."""
    from converters.synthetic import write_tiny_llama

    folder = tmp_path_factory.mktemp("deploy-ggufs")
    return {role: write_tiny_llama(folder / f"{role}.gguf", seed=seed, quant="F32", context=4096)
            for seed, role in enumerate(("base", "merged", "adapter"), start=1)}


def _run(ws, run_id: str, chat_format: dict, template: str | None = None) -> Path:
    """A finished LoRA run's row and folder, with the chat format it trained with."""
    folder = ws.folder("runs") / run_id
    (folder / "adapter").mkdir(parents=True)
    (folder / "summary.json").write_text(json.dumps({"method": "lora", "base": "tiny-base", "source_gguf": None,
                                                     "config": {"dataset": "qa", "train": {"method": "lora"}}}))
    (folder / "adapter" / "chat_format.json").write_text(json.dumps(chat_format))
    if template is not None:
        (folder / "adapter" / "chat_template.jinja").write_text(template)
    with ws.db() as conn:
        conn.execute("INSERT INTO runs (id, model, dataset, method, state, folder, created_at, updated_at) "
                     "VALUES (?, 'tiny-base', 'qa', 'lora', 'done', ?, ?, ?)", (run_id, str(folder), utc_now(),
                                                                                 utc_now()))
    return folder


def _base(ws, ggufs):
    """The base model in the catalog (its own copy: a test may damage it)."""
    path = ws.folder("models") / "base.gguf"
    shutil.copyfile(ggufs["base"], path)
    return add_gguf_record(ws, inspect_gguf(path), sha256_file(path), name="tiny-base", source="test")


def _export(ws, run_id: str, name: str, kind: str, gguf: Path, *, when: str, verification: str = "passed",
            plain: bool = False, base=None):
    """An export as core.export.run leaves it: its folder (GGUF, card), its row, and for a merged one its model."""
    folder = ws.folder("exports") / name
    folder.mkdir()
    path = folder / f"{name}.gguf"
    shutil.copyfile(gguf, path)
    (folder / "README.md").write_text(f"# {name}\n\nA card.\n\n## Training\n\n```json\n# not a heading\n```\n")
    sha = sha256_file(path)
    model = name
    if kind == "merged":
        add_gguf_record(ws, inspect_gguf(path), sha, name=name, source=f"export:{run_id}")
        if plain:
            set_template_override(ws, name, "plain")
    else:
        model = base.name
    record = add_export(ws, name=name, kind=kind, run_id=run_id, folder=folder, path=path,
                        quantization="F32", model=model, base_path=base.path if base else None,
                        size_bytes=path.stat().st_size, sha256=sha, verification=verification)
    with ws.db() as conn:  # (the order of "newest" without waiting for the clock)
        conn.execute("UPDATE exports SET created_at = ? WHERE id = ?", (when, record.id))
    return record


def _deploy(ws, **options):
    from core.deploy.run import DeployJob, run_deploy
    from core.jobs.runner import Control
    from core.jobs.steps import drain

    class Flag:
        def is_set(self):
            return False

    folder = ws.folder("jobs") / "deploy-test"
    folder.mkdir(exist_ok=True)
    events = []
    result = drain(run_deploy(DeployJob(**options), Control("deploy-test", folder, ws, Flag())), events.append)
    return result, events


def _launch(out: Path) -> list[str]:
    """The arguments run.sh hands to llama-server, parsed back as the shell would."""
    script = (out / "run.sh").read_text()
    block = re.search(r"^args=\(\n(.*?)^\)$", script, re.S | re.M).group(1)
    return shlex.split(block)


def _option(args: list[str], name: str) -> list[str]:
    return [args[i + 1] for i, a in enumerate(args) if a == name]


def _checksums_in_readme(out: Path) -> dict[str, str]:
    rows = re.findall(r"^\| `([^`]+)` \| [^|]+ \| [^|]+ \| `([0-9a-f]{64})` \|$", (out / "README.md").read_text(),
                      re.M)
    return dict(rows)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_run_deploys_its_newest_verified_merged_export_as_a_complete_folder(workspace, ggufs, tmp_path):
    base = _base(workspace, ggufs)
    _run(workspace, "run-20261207-aaaa", {"kind": "plain", "name": "plain", **vars(PlainFormat())})
    merged = _export(workspace, "run-20261207-aaaa", "tiny-q8", "merged", ggufs["merged"], when="2026-12-07T01",
                     plain=True)
    _export(workspace, "run-20261207-aaaa", "tiny-unverified", "merged", ggufs["merged"], when="2026-12-07T03",
            verification="skipped")
    _export(workspace, "run-20261207-aaaa", "tiny-lora", "adapter", ggufs["adapter"], when="2026-12-07T02", base=base)
    out = tmp_path / "served"

    result, _ = _deploy(workspace, source="run-20261207", out=str(out))  # (a prefix of the run's id)

    # the newest *verified* export, merged (the run has one), next to everything that serves it
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "api-key.txt", "chat_template.jinja", "deploy.json",
                                                     "hearth-llama-server.service", "run.sh", "tiny-q8.gguf"]
    assert not out.with_name("served.partial").exists() and result["start"] == str(out / "run.sh")
    gguf = out / "tiny-q8.gguf"
    assert not gguf.is_symlink() and os.path.samefile(gguf, merged.path)  # a hard link: one filesystem here
    assert stat.S_IMODE(gguf.stat().st_mode) & 0o004  # the service's user can read it
    assert stat.S_IMODE((out / "api-key.txt").stat().st_mode) == 0o600
    assert all(stat.S_IMODE((out / f).stat().st_mode) & 0o044 == 0o044 for f in ("README.md", "deploy.json"))
    assert os.access(out / "run.sh", os.X_OK)
    key = (out / "api-key.txt").read_text().strip()
    assert len(key) >= 32 and all(key not in (out / f).read_text() for f in ("README.md", "deploy.json", "run.sh"))

    manifest = json.loads((out / "deploy.json").read_text())
    listed = {f["name"]: f["sha256"] for f in manifest["files"]}
    assert set(listed) == {"tiny-q8.gguf", "chat_template.jinja", "run.sh", "hearth-llama-server.service"}
    assert listed == {name: _sha(out / name) for name in listed}
    assert listed["tiny-q8.gguf"] == merged.sha256
    readme = _checksums_in_readme(out)
    assert readme == {name: _sha(out / name) for name in [*listed, "deploy.json"]}
    assert manifest["source"]["run"] == "run-20261207-aaaa" and manifest["source"]["export"]["id"] == merged.id
    assert manifest["target"] == "llama-server" and manifest["variant"] == "merged"

    args = _launch(out)
    assert args == manifest["launch"]["arguments"]
    assert _option(args, "--model") == ["tiny-q8.gguf"] and "--lora" not in args and "--threads" not in args
    assert args.index("--jinja") < args.index("--chat-template-file")  # (else only built-in templates are taken)
    assert _option(args, "--chat-template-file") == ["chat_template.jinja"]
    assert _option(args, "--api-key-file") == ["api-key.txt"] and "--metrics" in args
    assert _option(args, "--flash-attn") == ["off"]  # Hearth's engine reads the model without it
    # each prompt read whole, as Hearth's engine reads it (no cache, no context checkpoints)
    assert "--no-cache-prompt" in args and _option(args, "--ctx-checkpoints") == ["0"]
    assert _option(args, "--host") == ["127.0.0.1"] and _option(args, "--port") == ["8080"]
    assert _option(args, "--parallel") == ["4"] and _option(args, "--ctx-size") == ["4096"]  # the GGUF's context
    assert _option(args, "--alias") == ["tiny-q8"]
    assert _option(args, "--reverse-prompt") == ["\n\nUser:", "</s>"]  # the plain format's next turn, the EOS
    assert subprocess.run(["bash", "-n", str(out / "run.sh")], capture_output=True).returncode == 0

    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read_string((out / "hearth-llama-server.service").read_text())
    service = unit["Service"]
    assert service["ExecStart"] == str(out / "run.sh") and service["WorkingDirectory"] == str(out)
    assert service["Restart"] == "on-failure" and service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict" and "PrivateDevices" not in service  # (a GPU needs /dev)
    in_tmp = out.is_relative_to("/tmp") or out.is_relative_to("/var/tmp")
    assert ("PrivateTmp" in service) is not in_tmp  # (a private /tmp would hide a folder in /tmp)
    assert unit["Install"]["WantedBy"] == "multi-user.target"

    text = (out / "README.md").read_text()
    assert "\n## Model card\n" in text and "\n### tiny-q8\n" in text and "\n#### Training\n" in text
    assert "\n# not a heading\n" in text  # (code blocks left as they are)
    assert "llama_server.sh" in text and "systemctl enable --now hearth-llama-server" in text


def test_the_systemd_unit_quotes_odd_paths_and_grants_only_a_low_port():
    from core.deploy.llama_server import systemd_unit

    def service(out: str, port: int) -> configparser.SectionProxy:
        unit = configparser.ConfigParser(strict=False, interpolation=None)
        unit.optionxform = str
        unit.read_string(systemd_unit("m", Path(out), port))
        return unit["Service"]

    plain = service("/srv/llm/served", 8080)
    assert plain["ExecStart"] == "/srv/llm/served/run.sh" and plain["PrivateTmp"] == "yes"
    assert plain["CapabilityBoundingSet"] == "" and "AmbientCapabilities" not in plain
    odd = service("/srv/my models/100%", 80)
    assert odd["ExecStart"] == '"/srv/my models/100%%/run.sh"'  # (systemd's quoting; % doubled)
    assert odd["WorkingDirectory"] == "/srv/my models/100%%"
    assert odd["AmbientCapabilities"] == odd["CapabilityBoundingSet"] == "CAP_NET_BIND_SERVICE"


def test_the_template_renders_the_plain_format_exactly_as_hearths_chat_prompts_the_model(workspace, ggufs, tmp_path):
    from core.chat.session import ChatModel, chat_format_for
    from core.models import get_model

    _base(workspace, ggufs)
    _run(workspace, "run-1", {"kind": "plain", "name": "plain", **vars(PlainFormat())})
    _export(workspace, "run-1", "tiny-q8", "merged", ggufs["merged"], when="2026-12-07T01", plain=True)
    out = tmp_path / "served"
    _deploy(workspace, source="tiny-q8", out=str(out))  # (the export's name, as its catalog model's)

    template = (out / "chat_template.jinja").read_text()
    record = get_model(workspace, "tiny-q8")
    info = inspect_gguf(out / "tiny-q8.gguf")
    engine = SimpleNamespace(info=SimpleNamespace(chat_template=info.chat_template, bos_token=info.bos_token,
                                                  eos_token=info.eos_token))
    hearth = chat_format_for(ChatModel(record.name, str(record.path), record.template_override), engine)
    for messages in CONVERSATIONS:
        prompt = render_template(template, messages, bos_token="<s>", eos_token="</s>")
        assert prompt == hearth.render(messages)
        assert prompt.endswith("\n\nAssistant:")
    assert render_template(template, CONVERSATIONS[0], eos_token="</s>") == \
        "User: What is the boiling point of water?\n\nAssistant:"


def test_custom_plain_labels_are_served_and_stopped_as_trained(workspace, ggufs, tmp_path):
    labels = PlainFormat(user_prefix="Q: ", assistant_prefix="A: ", turn_separator="\n")
    _base(workspace, ggufs)
    _run(workspace, "run-1", {"kind": "plain", "name": "plain", **vars(labels)})
    _export(workspace, "run-1", "tiny-qa", "merged", ggufs["merged"], when="2026-12-07T01", verification="skipped")
    out = tmp_path / "served"
    _, events = _deploy(workspace, source="run-1", out=str(out), port=9000, parallel=2, ctx=2048, threads=6,
                        name="qa-bot")

    # the only export was not verified: deployed all the same, and said so
    warned = [e.message for e in events if getattr(e, "level", "") == "WARNING"]
    assert warned == ["export tiny-qa was not verified against torch (exported with --no-verify)"]
    assert f"> {warned[0]}." in (out / "README.md").read_text()

    template = (out / "chat_template.jinja").read_text()
    for messages in CONVERSATIONS:
        assert render_template(template, messages, eos_token="</s>") == labels.render(messages)
    args = _launch(out)
    assert _option(args, "--reverse-prompt") == ["\nQ:", "</s>"]
    assert _option(args, "--port") == ["9000"] and _option(args, "--parallel") == ["2"]
    assert _option(args, "--ctx-size") == ["2048"] and _option(args, "--threads") == ["6"]
    assert _option(args, "--alias") == ["qa-bot"]


def test_an_adapter_is_served_on_its_base_with_the_template_it_trained_with(workspace, ggufs, tmp_path):
    from core.export.store import trained_chat_format

    base = _base(workspace, ggufs)
    fmt = {"kind": "template", "name": "chatml", "template": CHATML, "bos_token": "<s>", "eos_token": "</s>"}
    _run(workspace, "run-1", fmt, CHATML)
    adapter = _export(workspace, "run-1", "tiny-lora", "adapter", ggufs["adapter"], when="2026-12-07T01", base=base)
    out = tmp_path / "served"
    _deploy(workspace, source="run-1", out=str(out), host="0.0.0.0")  # (auto: no merged export, so the adapter)

    args = _launch(out)
    assert _option(args, "--model") == ["base.gguf"] and _option(args, "--lora") == ["tiny-lora.gguf"]
    assert _option(args, "--host") == ["0.0.0.0"]
    assert _option(args, "--reverse-prompt") == ["<|im_end|>", "</s>"]
    manifest = json.loads((out / "deploy.json").read_text())
    roles = {f["name"]: f["role"] for f in manifest["files"]}
    assert roles["base.gguf"] == "base" and roles["tiny-lora.gguf"] == "adapter"
    assert {f["name"]: f["sha256"] for f in manifest["files"]}["base.gguf"] == base.sha256
    # Hearth prompts an adapter with its run's chat_format.json (evaluation, generation, comparison)
    hearth = chat_format_named(trained_chat_format(workspace, adapter.path), None, None)
    template = (out / "chat_template.jinja").read_text()
    for messages in CONVERSATIONS:
        assert render_template(template, messages, bos_token="<s>", eos_token="</s>") == hearth.render(messages)
    assert "reachable from the network" in (out / "README.md").read_text()

    cached = tmp_path / "cached"  # faster long chats, asked for: llama-server's own prompt cache
    _deploy(workspace, source="run-1", out=str(cached), prompt_cache=True)
    args = _launch(cached)
    assert "--no-cache-prompt" not in args and "--ctx-checkpoints" not in args


def test_a_catalog_model_is_served_as_hearths_chat_prompts_it(workspace, ggufs, tmp_path):
    _base(workspace, ggufs)  # a GGUF with no template: Hearth chats with it in the plain format
    out = tmp_path / "served"
    _deploy(workspace, source="tiny-base", out=str(out))

    template = (out / "chat_template.jinja").read_text()
    for messages in CONVERSATIONS:
        assert render_template(template, messages) == PlainFormat().render(messages)
    manifest = json.loads((out / "deploy.json").read_text())
    assert manifest["source"] == {"ref": "tiny-base", "run": None, "export": None, "model": "tiny-base"}
    assert "No model card" in (out / "README.md").read_text()
    with pytest.raises(HearthError, match="no adapter"):
        _deploy(workspace, source="tiny-base", out=str(tmp_path / "other"), variant="adapter")


@pytest.mark.parametrize(("setup", "source", "options", "message", "hint"), [
    (None, "nothing-here", {}, "no run, export or catalog model named 'nothing-here'", "hearth runs list"),
    ("run", "run-1", {}, "has no export yet", "hearth export run-1"),
    ("merged", "run-1", {"variant": "adapter"}, "has no adapter export", "--adapter-only"),
])
def test_what_cannot_be_deployed_is_refused_with_what_to_do(workspace, ggufs, tmp_path, setup, source, options,
                                                             message, hint):
    if setup:
        _base(workspace, ggufs)
        _run(workspace, "run-1", {"kind": "plain", "name": "plain", **vars(PlainFormat())})
    if setup == "merged":
        _export(workspace, "run-1", "tiny-q8", "merged", ggufs["merged"], when="2026-12-07T01")
    with pytest.raises(HearthError, match=re.escape(message)) as refused:
        _deploy(workspace, source=source, out=str(tmp_path / "out"), **options)
    assert hint in refused.value.hint
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_folder_in_use_is_refused_unless_forced_and_then_replaced_whole_keeping_its_key(workspace, ggufs, tmp_path):
    _base(workspace, ggufs)
    out = tmp_path / "served"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(HearthError, match="not empty") as refused:
        _deploy(workspace, source="tiny-base", out=str(out))
    assert "--force" in refused.value.hint and (out / "notes.txt").read_text() == "mine"
    with pytest.raises(HearthError, match="holds no deployment"):  # --force deletes only what deploy wrote
        _deploy(workspace, source="tiny-base", out=str(out), force=True)
    assert (out / "notes.txt").read_text() == "mine"

    (out / "notes.txt").unlink()
    _deploy(workspace, source="tiny-base", out=str(out))  # (an empty folder is fine)
    key = (out / "api-key.txt").read_text()
    _deploy(workspace, source="tiny-base", out=str(out), force=True, port=8181)
    assert (out / "api-key.txt").read_text() == key  # clients keep working after a redeploy
    assert _option(_launch(out), "--port") == ["8181"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served"]  # nothing left beside it


def test_a_failed_deploy_leaves_no_folder_and_the_old_one_untouched(workspace, ggufs, tmp_path):
    base = _base(workspace, ggufs)
    _run(workspace, "run-1", {"kind": "plain", "name": "plain", **vars(PlainFormat())})
    _export(workspace, "run-1", "tiny-lora", "adapter", ggufs["adapter"], when="2026-12-07T01", base=base)
    with open(base.path, "r+b") as handle:  # the base changed after it was imported: caught by its sha256
        handle.seek(-1, os.SEEK_END)
        last = handle.read(1)
        handle.seek(-1, os.SEEK_END)
        handle.write(bytes([last[0] ^ 1]))
    with pytest.raises(HearthError, match="not the file the workspace recorded"):
        _deploy(workspace, source="run-1", out=str(tmp_path / "new"))
    assert list(tmp_path.iterdir()) == []

    old = tmp_path / "old"
    old.mkdir()
    (old / "run.sh").write_text("the old one")
    (old / "deploy.json").write_text(json.dumps({"format": "hearth.deploy"}))
    with pytest.raises(HearthError, match="not the file the workspace recorded"):
        _deploy(workspace, source="run-1", out=str(old), force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old"] and (old / "run.sh").read_text() == "the old one"


def test_deploy_command_refuses_at_once_and_lists_its_options(hearth_home, tmp_path):
    from tests.test_cli import hearth

    proc = hearth("deploy", "nothing-here", "--out", str(tmp_path / "out"), home=hearth_home)
    assert proc.returncode != 0 and "no run, export or catalog model" in proc.stderr
    assert not (tmp_path / "out").exists()
    helped = hearth("deploy", "--help", home=hearth_home)
    for option in ("--target", "--out", "--variant", "--host", "--port", "--parallel", "--ctx", "--threads",
                   "--name", "--force"):
        assert option in helped.stdout, option


def test_llama_server_build_script_answers_from_its_cache_and_refuses_unknown_options(tmp_path):
    """The build itself takes ten minutes and is not run here: the script's arguments and its cache are."""
    import sys

    from tests.conftest import ROOT

    script = str(ROOT / "packaging" / "llama_server.sh")
    env = {**os.environ, "HEARTH_WHEEL_CACHE": str(tmp_path)}
    refused = subprocess.run(["bash", script, sys.executable, "0.3.36", "--portable"], capture_output=True,
                             text=True, env=env)
    assert refused.returncode == 2 and "--portable" in refused.stderr
    flags = subprocess.run([sys.executable, str(ROOT / "packaging" / "engine_flags.py"), "--version", "0.3.36"],
                           capture_output=True, text=True, check=True).stdout
    key = shlex.split(re.search(r"^ENGINE_KEY=(.*)$", flags, re.M).group(1))[0]
    kept = tmp_path / f"llama-server-{key}" / "llama-server"
    kept.parent.mkdir()
    kept.write_text("#!/bin/sh\n")
    kept.chmod(0o755)
    found = subprocess.run(["bash", script, sys.executable, "0.3.36"], capture_output=True, text=True, env=env)
    assert found.returncode == 0 and found.stdout.strip() == str(kept), found.stderr


def test_a_file_on_another_filesystem_is_copied_whole_and_checked(tmp_path, monkeypatch):
    import errno

    from core.deploy import bundle
    from core.jobs.steps import drain

    src = tmp_path / "weights.gguf"
    src.write_bytes(os.urandom(3 * 2**20 + 17))  # more than one chunk, and a ragged end

    def cross_device(a, b):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(bundle.os, "link", cross_device)
    placed = drain(bundle.place_file("model", src, tmp_path / "copy.gguf", _sha(src), None))
    assert placed.how == "copy" and placed.sha256 == _sha(src) == _sha(tmp_path / "copy.gguf")
    assert not (tmp_path / "copy.gguf").samefile(src)
    with pytest.raises(ModelError, match="not the file the workspace recorded"):
        drain(bundle.place_file("model", src, tmp_path / "again.gguf", "0" * 64, None))



def test_a_file_others_cannot_read_is_copied_readable_not_linked(tmp_path):
    # The workspace keeps its files 0600; a hard link would share that mode, and a service running as its own
    # user (the systemd unit's User=) could not read the model.
    from core.deploy import bundle
    from core.jobs.steps import drain

    src = tmp_path / "private.gguf"
    src.write_bytes(b"GGUF" + os.urandom(1000))
    src.chmod(0o600)
    placed = drain(bundle.place_file("model", src, tmp_path / "served.gguf", _sha(src), None))
    assert placed.how == "copy" and not (tmp_path / "served.gguf").samefile(src)
    assert stat.S_IMODE((tmp_path / "served.gguf").stat().st_mode) == 0o644
    assert stat.S_IMODE(src.stat().st_mode) == 0o600  # the workspace's file as it was
