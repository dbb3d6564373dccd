"""The ``hearth`` command.

Heavy libraries (torch, transformers, llama_cpp, Qt) are imported inside the
commands that need them, so ``hearth --help`` answers at once. Hearth's errors
are turned into a message, a hint and an exit code here, and nowhere below.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from core import __version__

if TYPE_CHECKING:
    from core.jobs.events import Event

app = typer.Typer(
    name="hearth",
    help="Hearth: fine-tune small language models on your own machine, export them to GGUF, and chat.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
jobs_app = typer.Typer(help="List, follow, replay and cancel jobs.", no_args_is_help=True)
app.add_typer(jobs_app, name="jobs")
models_app = typer.Typer(help="The model catalog: list, import, show, remove, download.", no_args_is_help=True)
app.add_typer(models_app, name="models")
data_app = typer.Typer(help="Datasets: import (validate, clean, split), list, show, stats, remove.",
                       no_args_is_help=True)
app.add_typer(data_app, name="data")
runs_app = typer.Typer(help="Training runs: list, show, cancel, resume.", no_args_is_help=True)
app.add_typer(runs_app, name="runs")
console = Console()
err_console = Console(stderr=True)


@contextlib.contextmanager
def _friendly_errors() -> Iterator[None]:
    from core.errors import HearthError

    try:
        yield
    except HearthError as exc:
        err_console.print(f"[bold red]error:[/] {escape(exc.message)}", highlight=False)
        if exc.hint:
            err_console.print(f"[yellow]hint:[/] {escape(exc.hint)}", highlight=False)
        raise typer.Exit(exc.exit_code) from None


def _version(value: bool) -> None:
    if value:
        console.print(f"hearth {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Hearth: fine-tune small language models on your own machine, export them to GGUF, and chat."""


@app.command()
def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    engine_only: Annotated[bool, typer.Option("--engine-only", help="Only check the llama.cpp engine.")] = False,
) -> None:
    """Report what this machine can do: CPU instructions that run, memory, GPUs, libraries, engine."""
    from core import doctor as doc

    with _friendly_errors():
        if engine_only:
            report = {"engine": doc.engine_report()}
            report["problems"] = [p for p in doc.problems(report) if "engine" in p["problem"]]
        else:
            with console.status("examining this machine (engine, torch, CPU probes)..."):
                report = doc.collect()
    if as_json:
        console.print_json(json.dumps(report))
    else:
        from core.doctor_view import render

        render(report, console)
    if report["problems"]:
        raise typer.Exit(1)


@app.command()
def chat(
    model: Annotated[str | None, typer.Option("-m", "--model", help="A catalog model or a .gguf file; the default "
                                              "model (Gemma 3 270M) when omitted.")] = None,
    adapter: Annotated[list[str] | None, typer.Option("--adapter", help="A LoRA-GGUF adapter, FILE or FILE:SCALE; "
                                                      "repeat for several.")] = None,
    system: Annotated[str | None, typer.Option("--system", help="The system prompt.")] = None,
    prompt: Annotated[str | None, typer.Option("-p", "--prompt", help="Print one reply to this and exit.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="With -p: print the reply and its metrics as JSON.")] = False,
    conversation: Annotated[str | None, typer.Option("-c", "--conversation",
                                                     help="Continue this conversation (id or prefix).")] = None,
    temperature: Annotated[float, typer.Option(help="Randomness; 0 is greedy.")] = 0.7,
    top_p: Annotated[float, typer.Option(help="Nucleus sampling threshold.")] = 0.95,
    top_k: Annotated[int, typer.Option(help="Keep the k most likely tokens; 0 keeps all.")] = 40,
    min_p: Annotated[float, typer.Option(help="Drop tokens below this share of the top one.")] = 0.05,
    repeat_penalty: Annotated[float, typer.Option(help="Discourage repeats; 1 is off.")] = 1.1,
    seed: Annotated[int, typer.Option(help="Random seed; -1 for a new one each reply.")] = -1,
    max_tokens: Annotated[int, typer.Option(help="The longest reply in tokens.")] = 512,
    ctx: Annotated[int, typer.Option(help="Context size in tokens.")] = 4096,
    threads: Annotated[int, typer.Option(help="CPU threads; 0 for the physical cores.")] = 0,
    gpu_layers: Annotated[int, typer.Option(help="Layers offloaded to the GPU; -1 for all.")] = 0,
) -> None:
    """Chat with a model in the terminal, or print one reply with -p (scriptable)."""
    from core import chat_cli
    from core.inference import Engine, LoadOptions, SamplingOptions
    from core.workspace import Workspace

    with _friendly_errors():
        sampling = SamplingOptions(temperature=temperature, top_p=top_p, top_k=top_k, min_p=min_p,
                                   repeat_penalty=repeat_penalty, seed=seed, max_tokens=max_tokens)
        load = LoadOptions(n_ctx=ctx, n_threads=threads, n_gpu_layers=gpu_layers)
        ws = Workspace()
        with Engine(ws.folder("logs") / "engine.log") as engine:
            session = chat_cli.open_session(ws, engine, model=model, adapters=adapter or [], system=system,
                                            conversation=conversation, sampling=sampling, load=load,
                                            console=err_console)
            if prompt is not None:
                chat_cli.reply_once(session, prompt, as_json=as_json, console=console, err=err_console)
            else:
                chat_cli.repl(session, console)


@app.command()
def gui(
    model: Annotated[str | None, typer.Option("-m", "--model", help="A catalog model or a .gguf file to load "
                                              "first; the default model (Gemma 3 270M) when omitted.")] = None,
) -> None:
    """Open the desktop window (chat, models, data, training, export, settings)."""
    with _friendly_errors():
        try:
            from desktop.app import main as desktop_main
        except ImportError as exc:
            from core.errors import HearthError

            raise HearthError(f"the desktop cannot start: {exc}",
                              "install the desktop's libraries: pip install PySide6-Essentials pyqtgraph") from exc
        code = desktop_main(model)
    raise typer.Exit(code)


def _size(n: int | None) -> str:
    if not n:
        return ""
    return f"{n / 2**30:.2f} GB" if n >= 2**30 else f"{n / 2**20:.0f} MB"


@models_app.command("list")
def models_list() -> None:
    """The models of the catalog (the default model is added on first use)."""
    from rich.table import Table

    from core.models import list_models
    from core.workspace import Workspace

    with _friendly_errors():
        records = list_models(Workspace())
    table = Table("name", "format", "architecture", "parameters", "quantization", "context", "size", "license",
                  box=None)
    for r in records:
        params = f"{r.parameters / 1e6:.0f}M" if r.parameters else ""
        table.add_row(r.name, r.format, r.architecture or "", params, r.quantization or "",
                      str(r.context_length or ""), _size(r.size_bytes), r.license or "")
    console.print(table if records else "no models yet: hearth models import FILE, or hearth chat for the default")


@models_app.command("import")
def models_import(
    path: Annotated[str, typer.Argument(help="A .gguf file or a Hugging Face model folder (safetensors).")],
    name: Annotated[str | None, typer.Option(help="The name in the catalog; from the file name when omitted.")] = None,
    link: Annotated[bool, typer.Option("--link", help="Register a GGUF where it is instead of copying it.")] = False,
) -> None:
    """Check a model and add it to the catalog."""
    from pathlib import Path

    from core.models import import_gguf, import_hf
    from core.workspace import Workspace

    with _friendly_errors():
        ws = Workspace()
        with console.status(f"checking and importing {path}..."):
            record = import_hf(ws, path, name) if Path(path).is_dir() else import_gguf(ws, path, name, copy=not link)
    console.print(f"imported [bold]{record.name}[/] ({record.architecture}, {record.quantization or record.format})")


@models_app.command("show")
def models_show(name: Annotated[str, typer.Argument(help="The model's name or id.")]) -> None:
    """Everything the catalog knows about a model."""
    from core.models import get_model
    from core.workspace import Workspace

    with _friendly_errors():
        record = get_model(Workspace(), name)
    data = record.to_dict()
    data.pop("metadata", None)
    template = data.pop("chat_template", None)
    for key, value in data.items():
        console.print(f"[bold]{key}[/]: {value}", highlight=False)
    console.print(f"[bold]chat_template[/]: {'(none: a plain turn format is used)' if not template else ''}")
    if template:
        console.print(template, highlight=False, markup=False)


@models_app.command("remove")
def models_remove(
    name: Annotated[str, typer.Argument(help="The model's name or id.")],
    keep_files: Annotated[bool, typer.Option("--keep-files", help="Leave the files on disk.")] = False,
) -> None:
    """Take a model out of the catalog (and delete its files in the workspace)."""
    from core.models import remove_model
    from core.workspace import Workspace

    with _friendly_errors():
        record = remove_model(Workspace(), name, delete_files=not keep_files)
    console.print(f"removed {record.name}")


@models_app.command("template")
def models_template(
    name: Annotated[str, typer.Argument(help="The model's name or id.")],
    template_file: Annotated[str | None, typer.Argument(help="A Jinja chat template file; 'plain' for the plain "
                                                        "turn format; omit to go back to the model's own.")] = None,
) -> None:
    """Override a model's chat template."""
    from pathlib import Path

    from core.models import set_template_override
    from core.workspace import Workspace

    with _friendly_errors():
        text = template_file if template_file in (None, "plain") else Path(template_file).read_text(encoding="utf-8")
        record = set_template_override(Workspace(), name, text)
    console.print(f"{record.name}: " + ("its own template" if record.template_override is None
                                        else "plain turn format" if text == "plain" else f"template {template_file}"))


@models_app.command("download")
def models_download(
    repo: Annotated[str, typer.Argument(help="A Hugging Face repository, e.g. org/model-GGUF.")],
    filename: Annotated[str | None, typer.Option(help="Which .gguf file of the repository.")] = None,
    name: Annotated[str | None, typer.Option(help="The name in the catalog.")] = None,
) -> None:
    """Download a model from the Hugging Face hub (needs a network; resumes; Ctrl+C cancels)."""
    from core.models import start_download
    from core.workspace import Workspace

    with _friendly_errors():
        handle = start_download(Workspace(), repo, filename, name=name)
        code = follow_in_terminal(handle)
    raise typer.Exit(code)


@data_app.command("import")
def data_import(
    path: Annotated[str, typer.Argument(help="A .jsonl, .json, .csv, .tsv, .txt or .parquet file.")],
    format: Annotated[str, typer.Option("--format", help="alpaca, sharegpt, openai, prompt_completion, text; "
                                        "auto detects it.")] = "auto",
    split: Annotated[str, typer.Option(help="train,validation,test as ratios (0.9,0.05,0.05) or counts "
                                       "(-1,50,50; -1 is the rest).")] = "0.9,0.05,0.05",
    dedup: Annotated[str, typer.Option(help="none, exact or near (near also removes exact copies).")] = "near",
    near_threshold: Annotated[float, typer.Option(help="Similarity from which records are near duplicates.")] = 0.85,
    model: Annotated[str | None, typer.Option(help="The model whose tokenizer measures lengths "
                                              "(default: the default model).")] = None,
    name: Annotated[str | None, typer.Option(help="The dataset's name (default: the file name).")] = None,
    columns: Annotated[str | None, typer.Option(help="Field=column pairs for tables, e.g. "
                                                "instruction=question,output=answer.")] = None,
    max_tokens: Annotated[int, typer.Option(help="Reject records longer than this many tokens; 0 for no limit.")] = 0,
    scrub_pii: Annotated[bool, typer.Option("--scrub-pii", help="Replace e-mail addresses, phone numbers, "
                                            "IP addresses and card numbers.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on the first item that cannot be used.")] = False,
    seed: Annotated[int, typer.Option(help="Seed of the split.")] = 0,
    seq_len: Annotated[int, typer.Option(help="Training sequence length, for the share that would be cut.")] = 2048,
) -> None:
    """Import a dataset: validate every item, clean, split, and save it as a new version."""
    from core.data import cli_support
    from core.jobs import start_job
    from core.workspace import Workspace

    with _friendly_errors():
        job = cli_support.import_job(path, format=format, split=split, dedup=dedup, near_threshold=near_threshold,
                                     model=model, name=name, columns=columns, max_tokens=max_tokens,
                                     scrub_pii=scrub_pii, strict=strict, seed=seed, seq_len=seq_len)
        handle = start_job(Workspace(), "data-import", "core.data.versions:run_import", job)
        code = follow_in_terminal(handle)
        if code == 0:
            result = handle.final.result
            if result["recognised"]:
                console.print(f"already imported as {result['dataset']} (the same file with the same options)")
            cli_support.print_version(Workspace(), result["dataset"], console)
    raise typer.Exit(code)


@data_app.command("list")
def data_list() -> None:
    """The dataset versions in the workspace."""
    from rich.table import Table

    from core.data.versions import list_datasets
    from core.workspace import Workspace

    with _friendly_errors():
        versions = list_datasets(Workspace())
    table = Table("dataset", "format", "records", "train", "validation", "test", "rejected", "created", box=None)
    for v in versions:
        table.add_row(v.label, v.format, str(v.records), *(str(v.splits.get(s, 0)) for s in
                                                            ("train", "validation", "test")),
                      str(v.rejected), v.created_at[:19])
    console.print(table if versions else "no datasets yet: hearth data import FILE")


@data_app.command("show")
def data_show(ref: Annotated[str, typer.Argument(help="NAME or NAME:vN.")],
              rejects: Annotated[int, typer.Option(help="How many rejects to list.")] = 20) -> None:
    """A version's source, options, counts, and its rejects with their reasons."""
    from core.data import cli_support
    from core.workspace import Workspace

    with _friendly_errors():
        cli_support.print_version(Workspace(), ref, console, rejects=rejects)


@data_app.command("stats")
def data_stats(ref: Annotated[str, typer.Argument(help="NAME or NAME:vN.")]) -> None:
    """Token lengths per split, the longest examples, the share that would be cut."""
    from core.data.stats import format_stats
    from core.data.versions import get_dataset
    from core.workspace import Workspace

    with _friendly_errors():
        version = get_dataset(Workspace(), ref)
    console.print(format_stats(version.stats()), highlight=False, markup=False)


@data_app.command("remove")
def data_remove(ref: Annotated[str, typer.Argument(help="NAME:vN, or NAME for its newest version.")]) -> None:
    """Remove a dataset version and its files."""
    from core.data.versions import remove_dataset
    from core.workspace import Workspace

    with _friendly_errors():
        version = remove_dataset(Workspace(), ref)
    console.print(f"removed {version.label}")


@app.command()
def train(
    dataset: Annotated[str, typer.Option("-d", "--dataset", help="The dataset version: NAME or NAME:vN.")],
    model: Annotated[str | None, typer.Option("-m", "--model", help="The base model; the default model "
                                              "(Gemma 3 270M) when omitted.")] = None,
    preset: Annotated[str, typer.Option(help="quick-cpu, balanced, quality, or auto (quick-cpu on a CPU, "
                                        "balanced on a GPU); the options below override it.")] = "auto",
    method: Annotated[str | None, typer.Option(help="qlora, lora, full, prompt or prefix.")] = None,
    epochs: Annotated[float | None, typer.Option(help="Passes over the training split.")] = None,
    max_steps: Annotated[int | None, typer.Option(help="Stop after this many steps.")] = None,
    lr: Annotated[float | None, typer.Option(help="Peak learning rate (default by method).")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Examples per micro-batch (default: the preset's, "
                                                   "halved until it fits in memory).")] = None,
    grad_accum: Annotated[int | None, typer.Option(help="Micro-batches per step.")] = None,
    seq_len: Annotated[int | None, typer.Option(help="Tokens per example; longer ones are dropped and "
                                                "counted.")] = None,
    lora_r: Annotated[int | None, typer.Option(help="LoRA rank.")] = None,
    save_every: Annotated[int | None, typer.Option(help="Checkpoint every N steps.")] = None,
    gradient_checkpointing: Annotated[bool | None, typer.Option(help="Recompute activations to save "
                                                                "memory.")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed for order, initialisation and dropout.")] = None,
    device: Annotated[str, typer.Option(help="cpu, cuda or auto.")] = "auto",
) -> None:
    """Fine-tune a model on a dataset version; Ctrl+C stops at the next step (resume with hearth runs resume)."""
    from core.jobs import start_job
    from core.training.presets import resolve
    from core.training.run import TrainJob
    from core.workspace import Workspace

    with _friendly_errors():
        overrides = {"method": method, "epochs": epochs, "max_steps": max_steps, "lr": lr, "batch_size": batch_size,
                     "grad_accum": grad_accum, "seq_len": seq_len, "lora_r": lora_r, "save_every": save_every,
                     "gradient_checkpointing": gradient_checkpointing, "seed": seed}
        config, length = resolve(preset, overrides, device=_torch_device(device))
        job = TrainJob(dataset=dataset, model=model, train=config, seq_len=length, device=device,
                       fit_batch=batch_size is None)
        code = follow_in_terminal(start_job(Workspace(), "train", "core.training.run:run_training", job))
    raise typer.Exit(code)


def _torch_device(device: str) -> str:
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


@runs_app.command("list")
def runs_list() -> None:
    """Training runs, newest first."""
    from rich.table import Table

    from core.training.run import list_runs
    from core.workspace import Workspace

    with _friendly_errors():
        runs = list_runs(Workspace())
    table = Table("run", "model", "dataset", "method", "state", "step", "created", box=None)
    for r in runs:
        table.add_row(r.id, r.model, r.dataset, r.method, r.state, f"{r.step}/{r.total_steps}", r.created_at[:19])
    console.print(table if runs else "no runs yet: hearth train -d DATASET")


@runs_app.command("show")
def runs_show(run: Annotated[str, typer.Argument(help="The run id (a unique prefix is enough).")]) -> None:
    """A run's settings, progress and outputs."""
    from core.training.run import get_run
    from core.workspace import Workspace

    with _friendly_errors():
        record = get_run(Workspace(), run)
    for key, value in record.__dict__.items():
        console.print(f"[bold]{key}[/]: {escape(str(value))}", highlight=False)


@runs_app.command("resume")
def runs_resume(run: Annotated[str, typer.Argument(help="The run id (a unique prefix is enough).")]) -> None:
    """Continue a stopped, cancelled or killed run from its last checkpoint."""
    from core.jobs import start_job
    from core.training.run import TrainJob, get_run
    from core.workspace import Workspace

    with _friendly_errors():
        ws = Workspace()
        record = get_run(ws, run)
        job = TrainJob(resume=record.id)
        code = follow_in_terminal(start_job(ws, "train", "core.training.run:run_training", job))
    raise typer.Exit(code)


@runs_app.command("cancel")
def runs_cancel(run: Annotated[str, typer.Argument(help="The run id (a unique prefix is enough).")]) -> None:
    """Stop a running training run at its next step (it keeps its last checkpoint)."""
    from core.jobs import get_job, request_cancel
    from core.training.run import get_run
    from core.workspace import Workspace

    with _friendly_errors():
        ws = Workspace()
        record = get_run(ws, run)
        if record.state != "running" or not record.job_id:
            console.print(f"run {record.id} is not running (it is {record.state})")
            return
        request_cancel(get_job(ws, record.job_id).folder)
    console.print(f"asked run {record.id} to stop")


@app.command()
def export(
    run: Annotated[str, typer.Argument(help="The run to export (its id; a unique prefix is enough).")],
    quant: Annotated[str, typer.Option(help="q4_k_m, q4_0, q5_k_m, q6_k, q8_0, f16 or f32.")] = "q4_k_m",
    adapter_only: Annotated[bool, typer.Option("--adapter-only", help="Export the LoRA as a LoRA-GGUF applied on "
                                               "the base at load, instead of merging it.")] = False,
    no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip the comparison with the torch "
                                            "model.")] = False,
    name: Annotated[str | None, typer.Option(help="The export's name (folder and catalog); from the run when "
                                             "omitted.")] = None,
) -> None:
    """Export a run to GGUF: merge, convert, quantise, verify, and add it to the catalog (Ctrl+C cancels)."""
    from core.export.quantize import check_quant
    from core.export.run import ExportJob
    from core.jobs import start_job
    from core.workspace import Workspace

    with _friendly_errors():
        job = ExportJob(run=run, quant=check_quant(quant), adapter_only=adapter_only, verify=not no_verify, name=name)
        handle = start_job(Workspace(), "export", "core.export.run:run_export", job)
        code = follow_in_terminal(handle)
        if code == 0:
            console.print(f"chat with it: [bold]{escape(handle.final.result['chat'])}[/]", highlight=False)
    raise typer.Exit(code)


@app.command()
def convert(
    folder: Annotated[str, typer.Argument(help="A Hugging Face model folder (config.json and safetensors).")],
    quant: Annotated[str, typer.Option(help="q4_k_m, q4_0, q5_k_m, q6_k, q8_0, f16 or f32.")] = "q4_k_m",
    no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip the comparison with the torch "
                                            "model.")] = False,
    name: Annotated[str | None, typer.Option(help="The name in the catalog; from the folder when omitted.")] = None,
) -> None:
    """Convert a Hugging Face model to GGUF, quantise, verify, and add it to the catalog (Ctrl+C cancels)."""
    from core.export.quantize import check_quant
    from core.export.run import ConvertJob
    from core.jobs import start_job
    from core.workspace import Workspace

    with _friendly_errors():
        job = ConvertJob(folder=folder, quant=check_quant(quant), verify=not no_verify, name=name)
        handle = start_job(Workspace(), "convert", "core.export.run:run_convert", job)
        code = follow_in_terminal(handle)
        if code == 0:
            console.print(f"chat with it: [bold]{escape(handle.final.result['chat'])}[/]", highlight=False)
    raise typer.Exit(code)


@jobs_app.command("list")
def jobs_list(limit: Annotated[int, typer.Option(help="How many of the newest jobs.")] = 20) -> None:
    """The newest jobs and how each ended."""
    from rich.table import Table

    from core.jobs import list_jobs
    from core.workspace import Workspace

    with _friendly_errors():
        records = list_jobs(Workspace(), limit)
    table = Table("id", "kind", "state", "started", "ended", "message", box=None)
    for rec in records:
        table.add_row(rec.id, rec.kind, rec.state, rec.started_at or "", rec.ended_at or "", rec.message or "")
    console.print(table if records else "no jobs yet")


@jobs_app.command("show")
def jobs_show(job_id: Annotated[str, typer.Argument(help="The job id (a unique prefix is enough).")]) -> None:
    """Replay a job from its events.jsonl; follows it live while it runs."""
    from core.jobs import follow_events
    from core.workspace import Workspace

    with _friendly_errors():
        code = show_events(follow_events(Workspace(), job_id))
    raise typer.Exit(code)


@jobs_app.command("cancel")
def jobs_cancel(job_id: Annotated[str, typer.Argument(help="The job id (a unique prefix is enough).")]) -> None:
    """Ask a running job to stop (then SIGTERM, then SIGKILL if it does not)."""
    from core.jobs import get_job, request_cancel
    from core.jobs.store import ACTIVE_STATES
    from core.workspace import Workspace

    with _friendly_errors():
        rec = get_job(Workspace(), job_id)
        if rec.state not in ACTIVE_STATES:
            console.print(f"job {rec.id} is not running (it is {rec.state})")
            return
        request_cancel(rec.folder)
    console.print(f"asked job {rec.id} to stop")


@jobs_app.command("demo")
def jobs_demo(
    steps: Annotated[int, typer.Option(help="How many steps to count.")] = 20,
    step_seconds: Annotated[float, typer.Option(help="Seconds each step takes.")] = 0.05,
) -> None:
    """Run a short counting job, to check the job runner on this machine."""
    from core.jobs import start_job
    from core.jobs.demo import DemoConfig
    from core.workspace import Workspace

    with _friendly_errors():
        handle = start_job(Workspace(), "demo", "core.jobs.demo:run", DemoConfig(steps, step_seconds))
        code = follow_in_terminal(handle)
    raise typer.Exit(code)


def follow_in_terminal(handle: Any) -> int:
    """Show a job this command started until it ends; Ctrl+C cancels it (and shows how it ended)."""
    console.print(f"job {handle.id}", highlight=False)
    try:
        return show_events(handle.follow())
    except KeyboardInterrupt:
        handle.cancel()
        return show_events(handle.follow())


def show_events(events: Iterator[Event]) -> int:
    """Show a job's events with a rich progress bar; return the exit code its end deserves."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    from core.jobs import events as ev

    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
    final: Any = None
    metrics: dict[str, float] = {}
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("starting", total=None)
        for event in events:
            if isinstance(event, ev.Progress):
                shown = " ".join(f"{k}={v:.4g}" for k, v in metrics.items())
                bar.update(task, completed=event.done, total=event.total or None,
                           description=f"{event.message} {shown}".strip())
            elif isinstance(event, ev.Metric):
                metrics[event.name] = event.value
            elif isinstance(event, ev.Log):
                bar.console.print(f"[dim]{event.level.lower()}[/] {escape(event.message)}", highlight=False)
            elif isinstance(event, ev.Artifact):
                bar.console.print(f"wrote {escape(event.path)}", highlight=False)
            else:
                final = event
    return _show_final(final)


def _show_final(final: Any) -> int:
    from core.jobs import events as ev

    if isinstance(final, ev.Done):
        console.print(f"[green]done[/] {json.dumps(final.result)}", highlight=False)
        return 0
    if isinstance(final, ev.Cancelled):
        console.print(f"[yellow]cancelled[/] ({final.how})")
        return 130
    if isinstance(final, ev.Failed):
        err_console.print(f"[bold red]{'crashed' if final.crashed else 'failed'}:[/] {escape(final.message)}",
                          highlight=False)
        if final.hint:
            err_console.print(f"[yellow]hint:[/] {escape(final.hint)}", highlight=False)
        if final.log_tail:
            err_console.print("[dim]last output:[/]\n" + escape(final.log_tail.rstrip()), highlight=False)
        return 1
    err_console.print("the job's events end before it did (it may still be running elsewhere)")
    return 1


@app.command("eval")
def eval_command(
    model: Annotated[str, typer.Option("-m", "--model", help="A catalog model or a GGUF file.")],
    data: Annotated[str, typer.Option("-d", "--data", help="A dataset version NAME[:vN] or a dataset file.")],
    split: Annotated[str, typer.Option(help="The split of a dataset version.")] = "test",
    adapter: Annotated[str | None, typer.Option(help="A LoRA-GGUF adapter to apply on the model.")] = None,
    chat_format: Annotated[str, typer.Option(help="auto, plain, or a run's chat_format.json.")] = "auto",
    limit: Annotated[int, typer.Option(help="At most this many questions (0: all).")] = 0,
    max_tokens: Annotated[int, typer.Option(help="The longest answer in tokens.")] = 128,
    output: Annotated[str | None, typer.Option("-o", "--output", help="Write the result JSON here.")] = None,
) -> None:
    """Answer held-out questions greedily and score them: exact match, ROUGE-L, chrF."""
    from core.eval.report import metrics_table, samples_table
    from core.eval.run import EvalConfig, EvalResult
    from core.jobs import events as ev
    from core.jobs import start_job
    from core.workspace import Workspace

    with _friendly_errors():
        config = EvalConfig(model=model, data=data, split=split, adapter=adapter, chat_format=chat_format,
                            limit=limit, max_tokens=max_tokens, output=output)
        handle = start_job(Workspace(), "eval", "core.eval.run:run_eval", config)
        code = follow_in_terminal(handle)
        final = handle.wait()
        if code == 0 and isinstance(final, ev.Done):
            result = EvalResult.read(final.result["output"])
            console.print(metrics_table([result]))
            console.print(samples_table([result]))
    raise typer.Exit(code)


@app.command()
def quickstart(
    resume: Annotated[bool, typer.Option("--resume", help="Continue the last quickstart where it stopped (with "
                                         "its settings; options given here change them).")] = False,
    chat_after: Annotated[bool, typer.Option("--chat", help="Chat with the tuned model at the end.")] = False,
    model: Annotated[str | None, typer.Option("-m", "--model", help="The base model; the default model when "
                                              "omitted.")] = None,
    epochs: Annotated[float | None, typer.Option(help="Passes over the example dataset (default 3).")] = None,
    max_steps: Annotated[int | None, typer.Option(help="Stop training after this many steps (0: the "
                                                  "epochs).")] = None,
    limit: Annotated[int | None, typer.Option(help="Evaluate at most this many held-out questions (0: "
                                              "all).")] = None,
    device: Annotated[str | None, typer.Option(help="cpu, cuda or auto (default).")] = None,
) -> None:
    """Fine-tune the default model on the example dataset, export it, and show base vs tuned on held-out questions."""
    from core.errors import HearthError
    from core.eval.report import metrics_table, samples_table
    from core.eval.run import EvalResult
    from core.quickstart import QuickstartConfig, saved_config
    from core.quickstart import quickstart as run_quickstart
    from core.workspace import Workspace

    with _friendly_errors():
        ws = Workspace()
        given = {"model": model, "epochs": epochs, "max_steps": max_steps, "eval_limit": limit, "device": device}
        config = saved_config(ws, **given) if resume else None
        if resume and config is None:
            raise HearthError("there is no quickstart to resume in this workspace", "start one: hearth quickstart")
        config = config or QuickstartConfig(**{k: v for k, v in given.items() if v is not None})
        result = run_quickstart(ws, config, _terminal_job_runner(ws), resume=resume,
                                say=lambda text: console.print(f"[bold]{escape(text)}[/]", highlight=False))
        evals = [EvalResult.read(result.evals[k]) for k in ("base", "adapter", "merged")]
        console.print(metrics_table(evals, title="base vs tuned on the held-out questions"))
        console.print(samples_table(evals, count=3))
        merged, adapter = result.merged, result.adapter
        console.print(f"chat with it: [bold]{escape(merged['chat'])}[/]\n"
                      f"          or: [bold]{escape(adapter['chat'])}[/]", highlight=False)
    if chat_after:
        from core import chat_cli
        from core.inference import Engine

        with _friendly_errors(), Engine(ws.folder("logs") / "engine.log") as engine:
            # By catalog name: the export's entry carries the template override it was trained with.
            session = chat_cli.open_session(ws, engine, model=merged["export"], adapters=[], system=None,
                                            conversation=None, sampling=None, load=None, console=err_console)
            chat_cli.repl(session, console)


def _terminal_job_runner(ws: Any) -> Any:
    """A quickstart ``run_job`` that follows each job in the terminal; Ctrl+C cancels it and stops there."""
    from core.errors import HearthError
    from core.jobs import events as ev
    from core.jobs import start_job

    def run_job(kind: str, target: str, config: Any, *, on_start: Any = None) -> dict[str, Any]:
        handle = start_job(ws, kind, target, config)
        if on_start is not None:
            on_start(handle.id)
        follow_in_terminal(handle)
        final = handle.wait()
        if not isinstance(final, ev.Done):
            raise HearthError(getattr(final, "message", None) or "cancelled")
        return final.result

    return run_job


def main() -> None:
    """Entry point of the ``hearth`` console script."""
    app()


if __name__ == "__main__":
    main()
