"""The llama-server target: llama.cpp's own multi-user server, with the model exactly as Hearth trained it.

The folder holds the GGUF (and the LoRA-GGUF adapter with its base), ``chat_template.jinja`` (the template
the model trained with; Hearth's plain turn format written as the Jinja template that renders it exactly),
``run.sh`` that starts llama-server on them, ``api-key.txt`` (0600), and a systemd unit that runs
``run.sh``. Every flag was checked against llama.cpp's argument parser (common/arg.cpp) of the version
Hearth's engine vendors (llama-cpp-python 0.3.36): long names throughout, so the script reads on its own.

Notes on llama-server's behaviour that the choices here follow:

- ``--jinja`` comes before ``--chat-template-file``: without it only llama.cpp's built-in templates are
  accepted.
- ``--reverse-prompt`` (``-r``) sets the stop strings a request gets when it sends none of its own (a
  request's ``stop`` replaces them); the model's end-of-generation tokens stop it in any case.
- ``--api-key-file`` guards every endpoint but ``/health`` (``/metrics`` included).
- ``--ctx-size`` is the KV cache of all the slots together: with ``--parallel N`` each slot gets 1/N of it.
"""

from __future__ import annotations

import getpass
import shlex
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import __version__
from core.deploy.bundle import KEY_FILE, Placed, ensure_api_key, file_entry, place_file
from core.deploy.source import Deployable
from core.errors import HearthError
from core.jobs.events import Event, Log
from core.jobs.runner import Control

if TYPE_CHECKING:
    from core.deploy.run import DeployJob

__all__ = ["LOOPBACK", "PORT", "SCRIPT", "TEMPLATE_FILE", "UNIT_FILE", "Built", "build", "launch_args",
           "launch_options", "run_script", "systemd_unit", "url_host"]

TEMPLATE_FILE = "chat_template.jinja"
SCRIPT = "run.sh"
UNIT_FILE = "hearth-llama-server.service"
DEFAULT_CONTEXT = 4096
PORT = 8080  # llama-server's own default
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Built:
    """What a target wrote into the folder: the files (as the manifest lists them), how the engine is launched,
    and the target's part of README.md."""

    files: list[dict[str, Any]]
    launch: dict[str, Any]
    readme: list[str]


def launch_options(deployable: Deployable, names: dict[str, str], *, ctx: int, parallel: int, threads: int,
                   host: str, port: int, alias: str, prompt_cache: bool = False) -> list[tuple[str, ...]]:
    """llama-server's options, each with its value, paths relative to the folder (``names``: role -> file)."""
    options = [("--model", names["model"] if deployable.variant == "merged" else names["base"])]
    if deployable.variant == "adapter":
        options.append(("--lora", names["adapter"]))
    # Flash attention off, as in Hearth's engine: llama-server's "auto" turns it on where the build has it, and
    # its other rounding changed 20 of 96 greedy answers of the quickstart's model (none with it off).
    options += [("--jinja",), ("--chat-template-file", TEMPLATE_FILE), ("--ctx-size", str(ctx)),
                ("--parallel", str(parallel)), ("--flash-attn", "off")]
    if not prompt_cache:
        # Each prompt read whole, as Hearth's engine reads it. With its cache, llama-server starts a prompt where a
        # cached one left off, and for a sliding-window model (Gemma 3) it reads the last 4 tokens of every prompt
        # as a batch of their own to save a context checkpoint: other batches, other rounding, and near-tied greedy
        # tokens flip (the quickstart's base + adapter: 75 of 96 answers as Hearth's; 96 of 96 without both).
        options += [("--no-cache-prompt",), ("--ctx-checkpoints", "0")]
    if threads:
        options.append(("--threads", str(threads)))
    options += [("--host", host), ("--port", str(port)), ("--api-key-file", KEY_FILE), ("--metrics",),
                ("--alias", alias)]
    options += [("--reverse-prompt", stop) for stop in deployable.stop_strings]
    return options


def launch_args(options: list[tuple[str, ...]]) -> list[str]:
    """The options as one argument list."""
    return [part for option in options for part in option]


def build(job: DeployJob, deployable: Deployable, stage: Path, out: Path,
          control: Control | None) -> Generator[Event, None, Built]:
    """Write the llama-server folder into ``stage`` (to become ``out``)."""
    placed: list[Placed] = []
    for model_file in deployable.files:
        dest = stage / Path(model_file.path).name
        if dest.exists():
            raise HearthError(f"two files of {deployable.name} are both named {dest.name}",
                              "rename one of them (export again under another --name)")
        placed.append((yield from place_file(model_file.role, model_file.path, dest, model_file.sha256, control)))
    for item in placed:
        yield Log(f"{item.name}: {item.how} ({item.bytes:,} bytes, sha256 {item.sha256})", "INFO", __name__)
    names = {item.role: item.name for item in placed}
    ctx = job.ctx or deployable.context_length or DEFAULT_CONTEXT
    alias = job.name or deployable.name
    port = job.port or PORT
    options = launch_options(deployable, names, ctx=ctx, parallel=job.parallel, threads=job.threads,
                             host=job.host, port=port, alias=alias, prompt_cache=job.prompt_cache)
    args = launch_args(options)
    if job.host not in LOOPBACK:
        yield Log(f"llama-server will listen on {job.host}, beyond this machine: the API key is its only guard, and "
                  "it speaks plain HTTP; put a TLS proxy in front of it", "WARNING", __name__)
    (stage / TEMPLATE_FILE).write_text(deployable.chat_template, encoding="utf-8")
    ensure_api_key(stage, out)
    script = stage / SCRIPT
    script.write_text(run_script(deployable, options), encoding="utf-8")
    script.chmod(0o755)
    (stage / UNIT_FILE).write_text(systemd_unit(alias, out, port), encoding="utf-8")
    files = [file_entry(stage / p.name, p.role, p.sha256, p.how) for p in placed]
    files += [file_entry(stage / TEMPLATE_FILE, "chat template"), file_entry(script, "launch script"),
              file_entry(stage / UNIT_FILE, "systemd unit")]
    url = f"http://{url_host(job.host)}:{port}"
    launch = {"program": "llama-server", "arguments": args, "script": SCRIPT, "systemd_unit": UNIT_FILE,
              "api_key_file": KEY_FILE, "url": f"{url}/v1", "health": f"{url}/health", "metrics": f"{url}/metrics",
              "host": job.host, "port": port, "served_model_name": alias, "ctx_size": ctx, "parallel": job.parallel,
              "ctx_per_slot": ctx // job.parallel}
    return Built(files, launch, _readme(deployable, launch, out))


def url_host(host: str) -> str:
    """How a client names ``host`` in a URL."""
    if host in ("0.0.0.0", "::"):  # every address: a client reaches it by this machine's name
        return "HOSTNAME"
    return f"[{host}]" if ":" in host else host


# -- run.sh --------------------------------------------------------------------------------------------------------


def run_script(deployable: Deployable, options: list[tuple[str, ...]]) -> str:
    """The launch script: llama-server with ``options`` (one a line), from the folder the script is in."""
    lines = ["  " + " ".join(shlex.quote(part) for part in option) for option in options]
    return "\n".join([
        "#!/usr/bin/env bash",
        f"# Serve {deployable.name} with llama.cpp's llama-server: an OpenAI-compatible API, many users at once.",
        f"# Written by Hearth {__version__} (hearth deploy); README.md says what each argument is for.",
        "#",
        "# LLAMA_SERVER names the llama-server program when it is not on the PATH. Arguments given to this script",
        "# go to llama-server after these (a later --port or --host wins; --reverse-prompt and --lora add up).",
        "set -euo pipefail",
        'cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"',
        'server="${LLAMA_SERVER:-llama-server}"',
        'if ! command -v "$server" >/dev/null 2>&1; then',
        '  echo "run.sh: $server not found; set LLAMA_SERVER=/path/to/llama-server, or build it (README.md)" >&2',
        "  exit 127",
        "fi",
        f"if [ ! -s {KEY_FILE} ]; then  # (written by hearth deploy; made again if it was removed)",
        f"  (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \\n' > {KEY_FILE} && echo >> {KEY_FILE})",
        f'  echo "run.sh: made a new API key in $PWD/{KEY_FILE}" >&2',
        "fi",
        "args=(",
        *lines,
        ")",
        'exec "$server" "${args[@]}" "$@"',
        "",
    ])


# -- the systemd unit ----------------------------------------------------------------------------------------------


def _systemd_path(path: Path) -> str:
    text = str(path).replace("%", "%%")  # (systemd expands % specifiers)
    if any(c.isspace() for c in text) or '"' in text:
        text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def systemd_unit(alias: str, out: Path, port: int) -> str:
    """A unit that runs ``run.sh`` from ``out`` as the user who deployed, restarted on failure, with the
    hardening that leaves llama-server working (it only reads its folder; a GPU needs its /dev nodes)."""
    privileged = port < 1024  # binding below 1024 needs this one capability, nothing else does
    caps = ["AmbientCapabilities=CAP_NET_BIND_SERVICE", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE"] \
        if privileged else ["CapabilityBoundingSet="]
    # A private /tmp would hide a folder that lies in /tmp.
    in_tmp = any(out.is_relative_to(t) for t in (Path("/tmp"), Path("/var/tmp")))
    private_tmp = ["# (no PrivateTmp=: the folder is in a temporary folder)"] if in_tmp else ["PrivateTmp=yes"]
    return "\n".join([
        f"# {UNIT_FILE}: llama-server for {alias.replace(chr(10), ' ')}, written by Hearth {__version__}.",
        "# Install it (README.md):",
        f"#   sudo cp {UNIT_FILE} /etc/systemd/system/ && sudo systemctl daemon-reload",
        "#   sudo systemctl enable --now hearth-llama-server",
        "# llama-server must be on the service's PATH (/usr/local/bin), or named by LLAMA_SERVER below.",
        "# The paths are those the folder was written to: edit them if the folder moves.",
        "[Unit]",
        f"Description=llama-server for {alias.replace('%', '%%')} (deployed by Hearth)",
        "After=network-online.target",
        "Wants=network-online.target",
        "",
        "[Service]",
        "Type=exec",
        f"User={getpass.getuser()}",
        f"WorkingDirectory={str(out).replace('%', '%%')}",
        f"ExecStart={_systemd_path(out / SCRIPT)}",
        "# Environment=LLAMA_SERVER=/usr/local/bin/llama-server",
        "Restart=on-failure",
        "RestartSec=5",
        "# llama-server only reads this folder: everything else is read-only or hidden from it.",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=read-only",
        *private_tmp,
        "ProtectKernelTunables=yes",
        "ProtectKernelModules=yes",
        "ProtectKernelLogs=yes",
        "ProtectControlGroups=yes",
        "ProtectClock=yes",
        "ProtectHostname=yes",
        "RestrictSUIDSGID=yes",
        "RestrictRealtime=yes",
        "RestrictNamespaces=yes",
        "LockPersonality=yes",
        "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
        *caps,
        "# A writable cache for the CUDA driver's compiled kernels (unused on a CPU). No PrivateDevices=: a GPU",
        "# is reached through its /dev nodes.",
        "CacheDirectory=hearth-llama-server",
        "Environment=CUDA_CACHE_PATH=%C/hearth-llama-server",
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "",
    ])


# -- README.md: the target's part ----------------------------------------------------------------------------------


def _engine_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("llama-cpp-python")
    except PackageNotFoundError:
        return None


def _readme(deployable: Deployable, launch: dict[str, Any], out: Path) -> list[str]:
    return [*_readme_start(deployable, launch, out), *_readme_build(), *_readme_service(out)]


def _readme_start(deployable: Deployable, launch: dict[str, Any], out: Path) -> list[str]:
    url, alias = launch["url"], launch["served_model_name"]
    stops = ", ".join(f"`{s!r}`" for s in deployable.stop_strings) or "none beyond the model's end tokens"
    adapter = (" The adapter is applied on the base at load (`--lora`); llama-server's `/lora-adapters` endpoint "
               "can change its scale." if deployable.variant == "adapter" else "")
    return [
        "## Start it",
        "",
        f"`./{SCRIPT}` starts llama-server on {launch['url'].removesuffix('/v1')}: an OpenAI-compatible API "
        f"(`{url}`) serving {launch['parallel']} requests at once, each with {launch['ctx_per_slot']:,} tokens of "
        f"context (`--ctx-size {launch['ctx_size']}` shared by `--parallel {launch['parallel']}` slots), the "
        f"model named `{alias}`.{adapter}",
        "",
        f"- Every request needs the key in `{KEY_FILE}` (`Authorization: Bearer KEY`), `/metrics` included; only "
        "`/health` answers without it. Keep the file private (it is mode 0600); a redeploy with `--force` keeps it.",
        f"- The prompt is rendered with `{TEMPLATE_FILE}`, the template the model was trained with"
        + (" (Hearth's plain turn format, written as Jinja)" if deployable.chat_format == "plain" else "") + ".",
        f"- Stop strings (`--reverse-prompt`): {stops}. A request that sends its own `stop` replaces them: include "
        "these.",
        f"- It listens on `{launch['host']}`: "
        + ("this machine only (`--host 0.0.0.0` for every network)." if launch["host"] in LOOPBACK
           else "reachable from the network, in plain HTTP: put a TLS proxy in front of it"
           + (" (HOSTNAME: this server's name or address)." if "HOSTNAME" in url else ".")),
        "",
        "```sh",
        f"./{SCRIPT}                      # or: LLAMA_SERVER=/path/to/llama-server ./{SCRIPT}",
        f'curl {url}/chat/completions -H "Authorization: Bearer $(cat {KEY_FILE})" \\',
        "  -H 'Content-Type: application/json' \\",
        f"  -d '{{\"model\": \"{alias}\", \"messages\": [{{\"role\": \"user\", \"content\": \"Hello\"}}]}}'",
        f'curl -H "Authorization: Bearer $(cat {KEY_FILE})" {launch["metrics"]}   # Prometheus metrics',
        "```",
        "",
        "From Python (`pip install openai`):",
        "",
        "```python",
        "from openai import OpenAI",
        f"client = OpenAI(base_url=\"{url}\", api_key=open(\"{out / KEY_FILE}\").read().strip())",
        f"reply = client.chat.completions.create(model=\"{alias}\", messages=[{{\"role\": \"user\", \"content\": "
        "\"Hello\"}])",
        "print(reply.choices[0].message.content)",
        "```",
        "",
    ]


def _readme_build() -> list[str]:
    engine = _engine_version() or "VERSION"
    return [
        "## Get llama-server",
        "",
        f"Build it from the llama.cpp source Hearth's engine is built from (llama-cpp-python {engine} vendors it), "
        "so the server reads these files as Hearth did. From a Hearth source folder (about ten minutes; the "
        "program is kept in Hearth's wheel cache, so a second run is instant):",
        "",
        "```sh",
        f"bash packaging/llama_server.sh .venv/bin/python {engine}          # add --cuda for NVIDIA GPUs",
        "sudo install -m 0755 \"$(bash packaging/llama_server.sh .venv/bin/python "
        f"{engine})\" /usr/local/bin/llama-server",
        "```",
        "",
        "Or by hand on the server, with CMake and a C++ compiler (the web UI is left out: its files would be "
        "downloaded during the build):",
        "",
        "```sh",
        f"python -m pip download --no-deps --no-binary :all: llama-cpp-python=={engine}",
        f"tar -xzf llama_cpp_python-{engine}.tar.gz",
        f"cmake -S llama_cpp_python-{engine}/vendor/llama.cpp -B build -DCMAKE_BUILD_TYPE=Release "
        "-DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF"
        "   # add -DGGML_CUDA=on for NVIDIA GPUs",
        "cmake --build build --config Release --target llama-server -j \"$(nproc)\"",
        "sudo install -m 0755 build/bin/llama-server /usr/local/bin/llama-server",
        "```",
        "",
        "That build is tuned to the CPU it is built on. Where the CPU lists AMX (`grep -o amx /proc/cpuinfo`), "
        "build as Hearth's engine is built instead: `-DGGML_NATIVE=OFF` and the extensions it has turned on "
        "(`-DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON`, `-DGGML_AVX512=ON` with avx512f), as "
        "`packaging/llama_server.sh` does; llama.cpp's AMX kernels crashed on cloud VMs.",
        "",
    ]


def _readme_service(out: Path) -> list[str]:
    return [
        "## Run it as a service",
        "",
        f"`{UNIT_FILE}` runs `{SCRIPT}` from {out} as the user who deployed, restarts it when it fails, and "
        "confines it (read-only system and home, no new privileges). Its paths are this folder's: edit "
        "`WorkingDirectory=` and `ExecStart=` if the folder moves, and `User=` to run it as another user.",
        "",
        "```sh",
        f"sudo cp {UNIT_FILE} /etc/systemd/system/",
        "sudo systemctl daemon-reload",
        "sudo systemctl enable --now hearth-llama-server",
        "journalctl -u hearth-llama-server -f",
        "```",
        "",
        "Prometheus scrapes `/metrics` with the key: `authorization: {type: Bearer, credentials_file: "
        f"{out / KEY_FILE}}}` in the scrape job (Hearth's packaging/monitoring/prometheus.yml is an example).",
        "",
    ]
