"""The Kubernetes target: manifests that run llama-server or vLLM in a cluster, the model delivered on a volume.

The folder holds:

- ``volume/``: what goes onto the model's volume: the GGUF files and ``chat_template.jinja`` (llama-server), or
  the Hugging Face folders :mod:`.vllm` writes (``model/``; or ``base/`` and ``adapter/``).
- ``kubernetes/``: what ``kubectl apply -f kubernetes/`` applies: the Namespace, the model's
  PersistentVolumeClaim, a ConfigMap of the volume's sha256 sums, the Deployment, its Service and its
  HorizontalPodAutoscaler. ``kubernetes/loader/``: a pod that mounts the volume for writing, to copy
  ``volume/`` onto it. ``kubernetes/monitoring/``: a ServiceMonitor (Prometheus Operator's CRD) and a Grafana
  dashboard (a ConfigMap for Grafana's dashboard sidecar), apart because a cluster may have neither.
- ``install.sh`` (the README's commands in order) and ``api-key.txt``.

The settings (``--namespace``, ``--replicas``, ``--gpus``, ...) are checked when the job is made
(:mod:`.kubernetes_options`). The pods listen on every address of the pod (``--host`` is for the other targets):
the Service is what clients reach.

The choices, and why:

- The weights are never in a manifest or an image: a volume holds them, loaded once by ``kubectl exec`` + tar
  into the loader pod (no server, no URL: an offline site has its files, not a download mirror). Every pod's init
  container checks each file's sha256 against the ConfigMap before the engine starts, so a pod never serves a
  half-copied or different model.
- The API key is a Secret made by ``kubectl create secret`` from ``api-key.txt``, never written into a
  manifest: a Secret manifest holds the key in base64 (in clear), and manifests get committed and shared.
  Made without the file's line end, so the same Secret serves every reader: llama-server's ``--api-key-file``
  (a file), vLLM's ``VLLM_API_KEY`` (an environment variable, taken as it is) and Prometheus' bearer token.
- The images are the engines' official ones at the versions Hearth was checked with: llama.cpp's server image
  of build b11312 (commit 0c1e57098, the llama.cpp that llama-cpp-python 0.3.36 vendors: its CHANGELOG), and
  vLLM's (:data:`.vllm.IMAGE`). The loader and the init container run the same image (it has tar and
  sha256sum): one image to copy into an offline site's registry (``--image``).
- Pods run as a user other than root, with no privileges (Pod Security "restricted"): llama.cpp's image works
  as any user; vLLM's as its own ``vllm`` user (2000, group 0, its documented non-root use).
- Health: both engines answer ``/health`` without the key (llama-server 503 while it loads, vLLM only once
  loaded): a startup probe gives the load its time, then readiness and liveness take over. llama-server guards
  ``/metrics`` with the key (so the ServiceMonitor sends it); vLLM 0.34.0 guards ``/v1`` only
  (vllm/entrypoints/serve/middleware/authenticate.py), so its metrics are scraped without it.
- The dashboard's queries use only the metric names the engines export: for llama-server read off a live
  server of that build (``tests/assets/llama_server_metrics.txt``), for vLLM read from its source
  (``tests/assets/vllm_metrics.txt``); a test holds every query to those lists.
"""

from __future__ import annotations

import json
import math
import shlex
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import __version__
from core.deploy.bundle import KEY_FILE, ensure_api_key, file_entry, place_file
from core.deploy.kubernetes_options import object_name
from core.deploy.llama_server import DEFAULT_CONTEXT, TEMPLATE_FILE, Built, launch_args, launch_options
from core.deploy.source import Deployable
from core.errors import HearthError
from core.jobs.events import Event, Log
from core.jobs.runner import Control

if TYPE_CHECKING:
    from core.deploy.run import DeployJob

__all__ = ["LLAMA_CPP_BUILD", "LLAMA_IMAGE", "LLAMA_IMAGE_CUDA", "MANIFEST_DIR", "SCRIPT", "VOLUME_DIR", "build",
           "dashboard"]

LLAMA_CPP_BUILD = "b11312"  # llama.cpp's release of commit 0c1e57098, vendored by llama-cpp-python 0.3.36
LLAMA_IMAGE = f"ghcr.io/ggml-org/llama.cpp:server-{LLAMA_CPP_BUILD}"
LLAMA_IMAGE_CUDA = f"ghcr.io/ggml-org/llama.cpp:server-cuda-{LLAMA_CPP_BUILD}"
LLAMA_PORT = 8080
VOLUME_DIR = "volume"
MANIFEST_DIR = "kubernetes"
SCRIPT = "install.sh"
MODELS, SECRETS, CHECKSUMS = "/models", "/secrets", "/checksums"  # where the pods mount them
SUMS = "SHA256SUMS"
SECRET_KEY = "api-key"  # the key's name in the Secret
_USERS = {"llama-server": (10001, 10001, 10001), "vllm": (2000, 0, 2000)}  # uid, gid, fsGroup
_STARTUP = {"llama-server": 90, "vllm": 180}  # startup probe tries, 10 s apart: the longest a load may take


@dataclass(frozen=True)
class _Plan:
    """What the manifests say, worked out once."""

    engine: str
    name: str
    namespace: str
    alias: str
    image: str
    port: int
    gpus: int
    cpu: str
    memory: str
    args: list[str]  # after the image's own entrypoint (llama-server; vllm serve)
    env: list[dict[str, Any]]
    volume_bytes: int
    sums: str
    metrics_need_key: bool
    parallel: int
    stops: tuple[str, ...]  # (vLLM: what a client sends as "stop")

    @property
    def secret(self) -> str:
        return f"{self.name}-api-key"

    @property
    def labels(self) -> dict[str, str]:
        return {"app.kubernetes.io/name": self.name, "app.kubernetes.io/component": "model-server",
                "app.kubernetes.io/part-of": "hearth", "app.kubernetes.io/managed-by": "hearth-deploy"}

    @property
    def selector(self) -> dict[str, str]:
        return {"app.kubernetes.io/name": self.name, "app.kubernetes.io/component": "model-server"}


def build(job: DeployJob, deployable: Deployable, stage: Path, out: Path,
          control: Control | None) -> Generator[Event, None, Built]:
    """Write the Kubernetes folder into ``stage`` (to become ``out``)."""
    volume = stage / VOLUME_DIR
    volume.mkdir()
    if job.engine == "vllm":
        from core.deploy import vllm

        entries = yield from vllm.place_model(job, deployable, volume, control)
    else:
        entries = yield from _place_gguf(deployable, volume, control)
    plan = _plan(job, deployable, entries)
    yield Log(f"{job.engine} in Kubernetes: {plan.name} in namespace {plan.namespace}, image {plan.image}, "
              f"{plan.gpus} GPU(s) and {plan.cpu} CPUs a pod", "INFO", __name__)
    ensure_api_key(stage, out)
    written = []
    for relative, objects in _manifests(plan, job).items():
        path = stage / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_yaml(objects, relative), encoding="utf-8")
        written.append(relative)
    script = stage / SCRIPT
    script.write_text(_install_script(plan), encoding="utf-8")
    script.chmod(0o755)
    files = [{**e, "name": f"{VOLUME_DIR}/{e['name']}"} for e in entries]
    files += [{**file_entry(stage / r, _role(r)), "name": r} for r in written]
    files.append(file_entry(script, "install script"))
    service = f"http://{plan.name}.{plan.namespace}.svc:{plan.port}"
    launch = {"program": job.engine, "image": plan.image, "arguments": plan.args,
              "script": SCRIPT, "namespace": plan.namespace, "deployment": plan.name, "service": plan.name,
              "secret": plan.secret, "api_key_file": KEY_FILE, "url": f"{service}/v1", "health": f"{service}/health",
              "metrics": f"{service}/metrics", "port": plan.port, "served_model_name": plan.alias,
              "replicas": job.replicas, "max_replicas": job.max_replicas, "gpus": plan.gpus, "cpu": plan.cpu,
              "memory": plan.memory, "volume": f"{plan.name}-model", "manifests": written}
    return Built(files, launch, _readme(plan, job))


def _role(relative: str) -> str:
    if "/loader/" in relative:
        return "loader pod"
    return "monitoring" if "/monitoring/" in relative else "manifest"


# -- the model's files ---------------------------------------------------------------------------------------------


def _place_gguf(deployable: Deployable, volume: Path,
                control: Control | None) -> Generator[Event, None, list[dict[str, Any]]]:
    """The GGUF files and the chat template into ``volume``; their entries, named relative to it."""
    entries = []
    for model_file in deployable.files:
        dest = volume / Path(model_file.path).name
        if dest.exists() or dest.name == TEMPLATE_FILE:
            raise HearthError(f"two files of {deployable.name} are both named {dest.name}",
                              "rename one of them (export again under another --name)")
        placed = yield from place_file(model_file.role, model_file.path, dest, model_file.sha256, control)
        yield Log(f"{placed.name}: {placed.how} ({placed.bytes:,} bytes, sha256 {placed.sha256})", "INFO", __name__)
        entries.append(file_entry(dest, placed.role, placed.sha256, placed.how))
    (volume / TEMPLATE_FILE).write_text(deployable.chat_template, encoding="utf-8")
    (volume / TEMPLATE_FILE).chmod(0o644)
    entries.append(file_entry(volume / TEMPLATE_FILE, "chat template"))
    return entries


# -- what the pods run ---------------------------------------------------------------------------------------------


def _plan(job: DeployJob, deployable: Deployable, entries: list[dict[str, Any]]) -> _Plan:
    engine, alias = job.engine, job.name or deployable.name
    name = object_name(alias)
    secret = f"{name}-api-key"
    gpus = job.gpus if job.gpus is not None else (1 if engine == "vllm" else 0)
    weights = sum(int(e["bytes"]) for e in entries)
    cpu = job.cpu or ("2" if gpus and engine == "llama-server" else "4")
    # A first guess for the memory: the weights (read into memory, or through it on their way to the GPU), the
    # KV cache and the engine's own; `kubectl top pod` says what it really takes.
    memory = job.memory or f"{math.ceil(weights * 1.25 / 2**30) + (4 if engine == 'vllm' else 1)}Gi"
    sums = "".join(f"{e['sha256']}  {e['name']}\n" for e in entries)
    if engine == "vllm":
        from core.deploy import vllm

        port = job.port or vllm.PORT
        args = _vllm_args(job, deployable, entries, port, alias, gpus)
        env = [{"name": "VLLM_API_KEY", "valueFrom": {"secretKeyRef": {"name": secret, "key": SECRET_KEY}}},
               {"name": "HOME", "value": "/home/vllm"}, {"name": "HF_HUB_OFFLINE", "value": "1"},
               {"name": "VLLM_NO_USAGE_STATS", "value": "1"}, {"name": "DO_NOT_TRACK", "value": "1"}]
        image = job.image or vllm.IMAGE
    else:
        port = job.port or LLAMA_PORT
        args = _llama_args(job, deployable, entries, port, alias, gpus, cpu)
        env = [{"name": "HOME", "value": "/tmp"}]
        if gpus:
            env.append({"name": "CUDA_CACHE_PATH", "value": "/tmp/cuda-cache"})
        image = job.image or (LLAMA_IMAGE_CUDA if gpus else LLAMA_IMAGE)
    return _Plan(engine=engine, name=name, namespace=job.namespace, alias=alias, image=image, port=port, gpus=gpus,
                 cpu=cpu, memory=memory, args=args, env=env, volume_bytes=weights, sums=sums,
                 metrics_need_key=engine == "llama-server", parallel=job.parallel, stops=deployable.stop_strings)


def _threads(cpu: str) -> int:
    """The whole CPUs of a quantity, at least one (llama-server would take every CPU of the node otherwise)."""
    return max(1, int(float(cpu[:-1]) / 1000 if cpu.endswith("m") else float(cpu)))


def _llama_args(job: DeployJob, deployable: Deployable, entries: list[dict[str, Any]], port: int, alias: str,
                gpus: int, cpu: str) -> list[str]:
    names = {e["role"]: f"{MODELS}/{e['name']}" for e in entries}
    ctx = job.ctx or deployable.context_length or DEFAULT_CONTEXT
    threads = job.threads or (0 if gpus else _threads(cpu))
    options = launch_options(deployable, names, ctx=ctx, parallel=job.parallel, threads=threads, host="0.0.0.0",
                             port=port, alias=alias, prompt_cache=job.prompt_cache)
    paths = {TEMPLATE_FILE: f"{MODELS}/{TEMPLATE_FILE}", KEY_FILE: f"{SECRETS}/{SECRET_KEY}"}
    options = [(o[0], paths.get(o[1], o[1])) if o[0] in ("--chat-template-file", "--api-key-file") else o
               for o in options]
    if gpus:
        options.append(("--n-gpu-layers", "all"))  # (the GPU is the pod's own: every layer on it)
    return launch_args(options)


def _vllm_args(job: DeployJob, deployable: Deployable, entries: list[dict[str, Any]], port: int, alias: str,
               gpus: int) -> list[str]:
    from core.deploy import vllm

    tops = {e["name"].split("/", 1)[0] for e in entries}
    adapter = f"{MODELS}/{vllm.ADAPTER_DIR}" if vllm.ADAPTER_DIR in tops else None
    model = f"{MODELS}/{vllm.BASE_DIR if adapter else vllm.MODEL_DIR}"
    options = vllm.serve_options(job, deployable, model, adapter, host="0.0.0.0", port=port, alias=alias)
    if gpus > 1:
        options.append(("--tensor-parallel-size", str(gpus)))
    return [model, *launch_args(options)]  # (after the image's entrypoint: vllm serve)


# -- the manifests -------------------------------------------------------------------------------------------------


def _manifests(plan: _Plan, job: DeployJob) -> dict[str, list[dict[str, Any]]]:
    """Each manifest file (relative to the folder) and the objects it holds."""
    files: dict[str, list[dict[str, Any]]] = {}
    if plan.namespace != "default":
        files[f"{MANIFEST_DIR}/00-namespace.yaml"] = [_namespace(plan)]
    files[f"{MANIFEST_DIR}/10-model-volume.yaml"] = [_volume_claim(plan, job)]
    files[f"{MANIFEST_DIR}/11-model-checksums.yaml"] = [_checksums(plan)]
    files[f"{MANIFEST_DIR}/20-deployment.yaml"] = [_deployment(plan, job)]
    files[f"{MANIFEST_DIR}/21-service.yaml"] = [_service(plan)]
    if job.max_replicas > job.replicas:
        files[f"{MANIFEST_DIR}/22-autoscaler.yaml"] = [_autoscaler(plan, job)]
    files[f"{MANIFEST_DIR}/loader/model-loader.yaml"] = [_loader(plan)]
    files[f"{MANIFEST_DIR}/monitoring/servicemonitor.yaml"] = [_service_monitor(plan)]
    files[f"{MANIFEST_DIR}/monitoring/grafana-dashboard.yaml"] = [_dashboard_map(plan)]
    return files


def _meta(plan: _Plan, name: str, **labels: str) -> dict[str, Any]:
    return {"name": name, "namespace": plan.namespace, "labels": {**plan.labels, **labels}}


def _namespace(plan: _Plan) -> dict[str, Any]:
    # "warn": kubectl says so if a pod here breaks the restricted profile (these do not); nothing is refused.
    return {"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": plan.namespace, "labels": {"pod-security.kubernetes.io/warn": "restricted"}}}


def _volume_claim(plan: _Plan, job: DeployJob) -> dict[str, Any]:
    size = math.ceil(plan.volume_bytes * 1.1 / 2**30) + 1  # (room for the filesystem's own)
    spec: dict[str, Any] = {"accessModes": [job.access_mode], "resources": {"requests": {"storage": f"{size}Gi"}}}
    if job.storage_class:
        spec["storageClassName"] = job.storage_class
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": _meta(plan, f"{plan.name}-model"),
            "spec": spec}


def _checksums(plan: _Plan) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": _meta(plan, f"{plan.name}-model-checksums"),
            "data": {SUMS: plan.sums}}


def _security(plan: _Plan) -> tuple[dict[str, Any], dict[str, Any]]:
    """The pod's and the containers' security contexts: a user other than root, no privileges."""
    uid, gid, group = _USERS[plan.engine]
    pod = {"runAsNonRoot": True, "runAsUser": uid, "runAsGroup": gid, "fsGroup": group,
           "fsGroupChangePolicy": "OnRootMismatch", "seccompProfile": {"type": "RuntimeDefault"}}
    # vLLM writes its caches (compiled kernels) under its home: its root filesystem stays writable.
    container = {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]},
                 "readOnlyRootFilesystem": plan.engine == "llama-server"}
    return pod, container


def _check_command() -> list[str]:
    return ["sh", "-c", f"cd {MODELS} && sha256sum --check --strict --quiet {CHECKSUMS}/{SUMS} || "
            "{ echo 'the model volume does not hold the files of this deployment: load it (README.md, "
            f"{SCRIPT})' >&2; exit 1; }}"]


def _probe(path: str, period: int, timeout: int, failures: int) -> dict[str, Any]:
    return {"httpGet": {"path": path, "port": "http"}, "periodSeconds": period, "timeoutSeconds": timeout,
            "failureThreshold": failures}


def _deployment(plan: _Plan, job: DeployJob) -> dict[str, Any]:
    pod_security, security = _security(plan)
    limits: dict[str, Any] = {"memory": plan.memory}
    requests: dict[str, Any] = {"cpu": plan.cpu, "memory": plan.memory}
    if plan.gpus:
        limits["nvidia.com/gpu"] = requests["nvidia.com/gpu"] = plan.gpus
    mounts = [{"name": "model", "mountPath": MODELS, "readOnly": True},
              {"name": "tmp", "mountPath": "/tmp"}]
    volumes: list[dict[str, Any]] = [
        {"name": "model", "persistentVolumeClaim": {"claimName": f"{plan.name}-model", "readOnly": True}},
        {"name": "checksums", "configMap": {"name": f"{plan.name}-model-checksums"}},
        {"name": "tmp", "emptyDir": {}}]
    if plan.engine == "llama-server":  # the key as a file (--api-key-file); vLLM takes it from the environment
        mounts.append({"name": "api-key", "mountPath": SECRETS, "readOnly": True})
        volumes.append({"name": "api-key", "secret": {"secretName": plan.secret, "defaultMode": 0o440}})
    else:  # (vLLM's workers share tensors through /dev/shm: the container's own 64 MiB is too little)
        mounts.append({"name": "shm", "mountPath": "/dev/shm"})
        volumes.append({"name": "shm", "emptyDir": {"medium": "Memory", "sizeLimit": "2Gi"}})
    server = {
        "name": "server", "image": plan.image, "args": plan.args,
        "ports": [{"name": "http", "containerPort": plan.port, "protocol": "TCP"}],
        "env": plan.env, "resources": {"requests": requests, "limits": limits},
        # The load may take minutes (a big model from a network volume, vLLM's CUDA graphs): the startup probe
        # waits for it; then readiness takes a pod out of the Service, liveness restarts it.
        "startupProbe": _probe("/health", 10, 5, _STARTUP[plan.engine]),
        "readinessProbe": _probe("/health", 5, 3, 2),
        "livenessProbe": _probe("/health", 20, 10, 3),
        "volumeMounts": mounts, "securityContext": security}
    check = {"name": "check-model", "image": plan.image, "command": _check_command(),
             "volumeMounts": [{"name": "model", "mountPath": MODELS, "readOnly": True},
                              {"name": "checksums", "mountPath": CHECKSUMS, "readOnly": True}],
             "resources": {"requests": {"cpu": "500m", "memory": "64Mi"}, "limits": {"memory": "256Mi"}},
             "securityContext": {**security, "readOnlyRootFilesystem": True}}
    pod: dict[str, Any] = {"securityContext": pod_security, "initContainers": [check], "containers": [server],
                           "volumes": volumes, "terminationGracePeriodSeconds": 30}
    if plan.gpus:  # (GPU nodes are often tainted so that only pods asking for a GPU land on them)
        pod["tolerations"] = [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}]
    annotations = {"prometheus.io/scrape": "true", "prometheus.io/port": str(plan.port),
                   "prometheus.io/path": "/metrics"}
    # A GPU pod cannot start beside the old one without a spare GPU: replace one pod at a time instead.
    rolling = {"maxSurge": 0, "maxUnavailable": 1} if plan.gpus else {"maxSurge": 1, "maxUnavailable": 0}
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": _meta(plan, plan.name),
            "spec": {"replicas": job.replicas, "selector": {"matchLabels": plan.selector},
                     "strategy": {"type": "RollingUpdate", "rollingUpdate": rolling},
                     "progressDeadlineSeconds": _STARTUP[plan.engine] * 10 + 300,
                     "template": {"metadata": {"labels": plan.labels, "annotations": annotations}, "spec": pod}}}


def _service(plan: _Plan) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Service", "metadata": _meta(plan, plan.name),
            "spec": {"type": "ClusterIP", "selector": plan.selector,
                     "ports": [{"name": "http", "port": plan.port, "targetPort": "http", "protocol": "TCP"}]}}


def _autoscaler(plan: _Plan, job: DeployJob) -> dict[str, Any]:
    # CPU is what every cluster measures (metrics-server). Scaling on the engine's queue needs prometheus-adapter
    # (README.md). Scale-down waits: a new pod takes minutes to load its model.
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": _meta(plan, plan.name),
            "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": plan.name},
                     "minReplicas": job.replicas, "maxReplicas": job.max_replicas,
                     "metrics": [{"type": "Resource", "resource": {
                         "name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}],
                     "behavior": {"scaleDown": {"stabilizationWindowSeconds": 600}}}}


def _loader(plan: _Plan) -> dict[str, Any]:
    pod_security, security = _security(plan)
    loader = {"name": "loader", "image": plan.image, "command": ["sleep", "14400"],  # (gone after 4 hours)
              "volumeMounts": [{"name": "model", "mountPath": MODELS},
                               {"name": "checksums", "mountPath": CHECKSUMS, "readOnly": True}],
              "resources": {"requests": {"cpu": "250m", "memory": "128Mi"}, "limits": {"memory": "1Gi"}},
              "securityContext": {**security, "readOnlyRootFilesystem": True}}
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": _meta(plan, f"{plan.name}-model-loader", **{"app.kubernetes.io/component": "model-loader"}),
            "spec": {"restartPolicy": "Never", "securityContext": pod_security, "containers": [loader],
                     "volumes": [{"name": "model", "persistentVolumeClaim": {"claimName": f"{plan.name}-model"}},
                                 {"name": "checksums", "configMap": {"name": f"{plan.name}-model-checksums"}}]}}


def _service_monitor(plan: _Plan) -> dict[str, Any]:
    endpoint: dict[str, Any] = {"port": "http", "path": "/metrics", "interval": "15s"}
    if plan.metrics_need_key:
        endpoint["authorization"] = {"type": "Bearer", "credentials": {"name": plan.secret, "key": SECRET_KEY}}
    return {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": _meta(plan, plan.name),
            "spec": {"selector": {"matchLabels": plan.selector},
                     "namespaceSelector": {"matchNames": [plan.namespace]}, "endpoints": [endpoint]}}


def _dashboard_map(plan: _Plan) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": _meta(plan, f"{plan.name}-grafana-dashboard", grafana_dashboard="1"),
            "data": {f"{plan.name}.json": json.dumps(dashboard(plan.engine, plan.namespace, plan.name), indent=2)
                     + "\n"}}


# -- the Grafana dashboard -----------------------------------------------------------------------------------------

# (title, unit, [(query, legend)]); {sel} is the pods' label selector.
_LLAMA_PANELS = [
    ("Requests being served, and waiting for a slot", "short",
     [("sum(llamacpp:requests_processing{sel})", "processing"), ("sum(llamacpp:requests_deferred{sel})",
                                                                 "waiting")]),
    ("Tokens generated per second", "short",
     [("sum(rate(llamacpp:tokens_predicted_total{sel}[5m]))", "generated")]),
    ("Prompt tokens per second", "short",
     [("sum(rate(llamacpp:prompt_tokens_total{sel}[5m]))", "evaluated"),
      ("sum(rate(llamacpp:prompt_tokens_cached_total{sel}[5m]))", "from the cache")]),
    ("Generation speed of a request (tokens/s)", "short",
     [("sum by (pod) (rate(llamacpp:tokens_predicted_total{sel}[5m])) / "
       "sum by (pod) (rate(llamacpp:tokens_predicted_seconds_total{sel}[5m]))", "{{pod}}")]),
    ("Prompt speed (tokens/s)", "short",
     [("sum by (pod) (rate(llamacpp:prompt_tokens_total{sel}[5m])) / "
       "sum by (pod) (rate(llamacpp:prompt_seconds_total{sel}[5m]))", "{{pod}}")]),
    ("Busy slots per decode (of --parallel)", "short",
     [("max by (pod) (llamacpp:n_busy_slots_per_decode{sel})", "{{pod}}")]),
    ("Decode calls per second", "short", [("sum by (pod) (rate(llamacpp:n_decode_total{sel}[5m]))", "{{pod}}")]),
    ("Longest sequence so far (prompt + reply, tokens)", "short",
     [("max by (pod) (llamacpp:n_tokens_max{sel})", "{{pod}}")]),
]
_VLLM_PANELS = [
    ("Requests running, and waiting", "short",
     [("sum(vllm:num_requests_running{sel})", "running"), ("sum(vllm:num_requests_waiting{sel})", "waiting")]),
    ("KV cache in use", "percentunit", [("max by (pod) (vllm:kv_cache_usage_perc{sel})", "{{pod}}")]),
    ("Tokens per second", "short",
     [("sum(rate(vllm:prompt_tokens_total{sel}[5m]))", "prompt"),
      ("sum(rate(vllm:generation_tokens_total{sel}[5m]))", "generated")]),
    ("Time to first token", "s",
     [(f"histogram_quantile({q}, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{{sel}}[5m])))",
       f"p{round(q * 100)}") for q in (0.5, 0.95)]),
    ("Time between tokens", "s",
     [(f"histogram_quantile({q}, sum by (le) (rate(vllm:inter_token_latency_seconds_bucket{{sel}}[5m])))",
       f"p{round(q * 100)}") for q in (0.5, 0.95)]),
    ("Request time, end to end, and in the queue (p95)", "s",
     [("histogram_quantile(0.95, sum by (le) (rate(vllm:e2e_request_latency_seconds_bucket{sel}[5m])))", "total"),
      ("histogram_quantile(0.95, sum by (le) (rate(vllm:request_queue_time_seconds_bucket{sel}[5m])))", "queue")]),
    ("Finished requests per second, by reason", "reqps",
     [("sum by (finished_reason) (rate(vllm:request_success_total{sel}[5m]))", "{{finished_reason}}")]),
    ("Prefix cache hit rate, and preemptions per second", "short",
     [("sum(rate(vllm:prefix_cache_hits_total{sel}[5m])) / sum(rate(vllm:prefix_cache_queries_total{sel}[5m]))",
       "hit rate"), ("sum(rate(vllm:num_preemptions_total{sel}[5m]))", "preemptions")]),
]


def dashboard(engine: str, namespace: str, name: str) -> dict[str, Any]:
    """A Grafana dashboard of the engine's own metrics for the pods of deployment ``name``."""
    selector = f'{{namespace="{namespace}", pod=~"{name}-.*"}}'
    panels = []
    for number, (title, unit, queries) in enumerate(_LLAMA_PANELS if engine == "llama-server" else _VLLM_PANELS):
        panels.append({
            "id": number + 1, "type": "timeseries", "title": title,
            "datasource": {"type": "prometheus", "uid": "${datasource}"},
            "gridPos": {"x": 12 * (number % 2), "y": 8 * (number // 2), "w": 12, "h": 8},
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "targets": [{"refId": chr(ord("A") + i), "expr": expr.replace("{sel}", selector), "legendFormat": legend}
                        for i, (expr, legend) in enumerate(queries)]})
    return {"title": f"{name} ({engine}, {namespace})", "uid": f"hearth-{namespace}-{name}"[:40],
            "schemaVersion": 39, "version": 1, "editable": True, "time": {"from": "now-1h", "to": "now"},
            "refresh": "30s", "tags": ["hearth", engine],
            "templating": {"list": [{"name": "datasource", "type": "datasource", "query": "prometheus",
                                     "label": "Prometheus"}]},
            "panels": panels}


# -- writing them --------------------------------------------------------------------------------------------------


def _yaml(objects: list[dict[str, Any]], relative: str) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # (each object written out in full, no &anchors)

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        # Whole lines (the checksums, the dashboard) as a block, as they read; other strings quoted where needed.
        block = value.endswith("\n") and not value[:1].isspace()
        style = "|" if block else '"' if "\n" in value else None  # (a stop string "\n\nUser:" as it is written)
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    head = f"# {relative.split('/')[-1]}: written by Hearth {__version__} (hearth deploy --target kubernetes).\n"
    return head + "---\n".join(yaml.dump(o, Dumper=Dumper, sort_keys=False, width=120, allow_unicode=True)
                               for o in objects)


def _install_script(plan: _Plan) -> str:
    ns, name, q = plan.namespace, plan.name, shlex.quote
    loader = f"{name}-model-loader"
    check = f"cd {MODELS} && sha256sum --check --strict {CHECKSUMS}/{SUMS}"
    first = [f"-f {MANIFEST_DIR}/00-namespace.yaml"] if ns != "default" else []
    first += [f"-f {MANIFEST_DIR}/10-model-volume.yaml", f"-f {MANIFEST_DIR}/11-model-checksums.yaml"]
    return "\n".join([
        "#!/usr/bin/env bash",
        f"# Install {plan.alias} ({plan.engine}) into the Kubernetes cluster kubectl points at (its current",
        f"# context), namespace {ns}. Written by Hearth {__version__}; README.md says the same, step by step.",
        "# It may be run again: the Secret is kept, and the model is copied only when the volume lacks it.",
        "# KUBECTL names the kubectl program when it is not on the PATH.",
        "set -euo pipefail",
        'cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"',
        'kubectl="${KUBECTL:-kubectl}"',
        f'"$kubectl" apply {" ".join(first)}',
        f'if ! "$kubectl" get secret -n {ns} {plan.secret} >/dev/null 2>&1; then',
        f"  head -n 1 {KEY_FILE} | tr -d '\\r\\n' | \"$kubectl\" create secret generic {plan.secret} -n {ns} "
        f"--from-file={SECRET_KEY}=/dev/stdin",
        "fi",
        f'"$kubectl" apply -f {MANIFEST_DIR}/loader/',
        f'"$kubectl" wait -n {ns} --for=condition=Ready pod/{loader} --timeout=10m',
        f'if "$kubectl" exec -n {ns} {loader} -- sh -c {q(check.replace("--strict", "--status") + " 2>/dev/null")}; '
        "then",
        f'  echo "{SCRIPT}: the volume holds the model already"',
        "else",
        f'  echo "{SCRIPT}: copying {VOLUME_DIR}/ onto the volume ({plan.volume_bytes:,} bytes)"',
        f'  tar -C {VOLUME_DIR} -cf - . | "$kubectl" exec -i -n {ns} {loader} -- tar -C {MODELS} -xf - '
        "--no-same-owner",
        f'  "$kubectl" exec -n {ns} {loader} -- sh -c {q(check)}',
        "fi",
        f'"$kubectl" delete -f {MANIFEST_DIR}/loader/ --wait=true',
        f'"$kubectl" apply -f {MANIFEST_DIR}/',
        f'"$kubectl" rollout status -n {ns} deployment/{name} --timeout={_STARTUP[plan.engine] * 10 + 300}s',
        f'echo "{SCRIPT}: {name} is serving; try it: kubectl port-forward -n {ns} service/{name} '
        f'{plan.port}:{plan.port} (README.md)"',
        "",
    ])


# -- README.md: the target's part ----------------------------------------------------------------------------------


def _shown(args: list[str]) -> list[str]:
    """``args`` an option a line, as a shell would take them (a value with a line break as JSON writes it)."""
    lines: list[str] = []
    for arg in args:
        text = json.dumps(arg, ensure_ascii=False) if any(c in arg for c in "\n\r\t") else shlex.quote(arg)
        if arg.startswith("--") or not lines:
            lines.append(text)
        else:
            lines[-1] += " " + text
    return lines


def _readme(plan: _Plan, job: DeployJob) -> list[str]:
    return [*_readme_what(plan, job), *_readme_install(plan), *_readme_use(plan), *_readme_monitoring(plan),
            *_readme_scaling(plan, job), *_readme_checked(plan)]


def _readme_what(plan: _Plan, job: DeployJob) -> list[str]:
    ns, name = plan.namespace, plan.name
    gpus = f", and {plan.gpus} NVIDIA GPU{'s' if plan.gpus > 1 else ''}" if plan.gpus else " (no GPU)"
    scaler = (f", scaled by the autoscaler between {job.replicas} and {job.max_replicas} on CPU use"
              if job.max_replicas > job.replicas else " (no autoscaler: --max-replicas is --replicas)")
    return [
        "## What it is",
        "",
        f"Kubernetes manifests that serve `{plan.alias}` with {plan.engine} (image `{plan.image}`) in namespace "
        f"`{ns}`: the Deployment `{name}` ({job.replicas} pod{'s' if job.replicas > 1 else ''}{scaler}; each "
        f"asks for {plan.cpu} CPUs and {plan.memory} of memory{gpus}), the Service `{name}` on port {plan.port}, "
        "and the model on a volume of its own.",
        "",
        f"- `{VOLUME_DIR}/`: the files the model's volume must hold ({plan.volume_bytes:,} bytes). No manifest "
        "and no image holds the model: it is copied once onto the PersistentVolumeClaim "
        f"`{name}-model` ({job.access_mode}"
        + (f", StorageClass `{job.storage_class}`" if job.storage_class else ", the cluster's default StorageClass")
        + f"), and each pod's init container `check-model` checks every file's sha256 against the ConfigMap "
        f"`{name}-model-checksums` before the engine starts: a pod never serves a half-copied model.",
        f"- `{MANIFEST_DIR}/`: the Namespace, the volume's claim, the checksums, the Deployment, the Service"
        + (" and the HorizontalPodAutoscaler" if job.max_replicas > job.replicas else "")
        + f" (`kubectl apply -f {MANIFEST_DIR}/`). `{MANIFEST_DIR}/loader/`: the pod that copies the model onto "
        f"the volume. `{MANIFEST_DIR}/monitoring/`: a ServiceMonitor and a Grafana dashboard.",
        f"- `{SCRIPT}`: the commands below, in order. `{KEY_FILE}`: the API key, which goes into the cluster as a "
        "Secret.",
        "",
    ]


def _readme_install(plan: _Plan) -> list[str]:
    ns, name, loader = plan.namespace, plan.name, f"{plan.name}-model-loader"
    first = f"kubectl apply -f {MANIFEST_DIR}/00-namespace.yaml " if ns != "default" else "kubectl apply "
    return [
        "## Install it",
        "",
        f"With `kubectl` pointed at the cluster (`kubectl config current-context`), from this folder: `./{SCRIPT}`, "
        "or step by step:",
        "",
        "```sh",
        "# 1. the namespace, the model's volume and its checksums",
        f"{first}-f {MANIFEST_DIR}/10-model-volume.yaml -f {MANIFEST_DIR}/11-model-checksums.yaml",
        "# 2. the API key, as a Secret (the first line of the file, without its line end)",
        f"head -n 1 {KEY_FILE} | tr -d '\\r\\n' | kubectl create secret generic {plan.secret} -n {ns} "
        f"--from-file={SECRET_KEY}=/dev/stdin",
        "# 3. the model onto the volume: a pod that mounts it, the files through tar, then their sha256",
        f"kubectl apply -f {MANIFEST_DIR}/loader/",
        f"kubectl wait -n {ns} --for=condition=Ready pod/{loader} --timeout=10m",
        f"tar -C {VOLUME_DIR} -cf - . | kubectl exec -i -n {ns} {loader} -- tar -C {MODELS} -xf - --no-same-owner",
        f"kubectl exec -n {ns} {loader} -- sh -c 'cd {MODELS} && sha256sum --check --strict {CHECKSUMS}/{SUMS}'",
        f"kubectl delete -f {MANIFEST_DIR}/loader/",
        "# 4. the server",
        f"kubectl apply -f {MANIFEST_DIR}/",
        f"kubectl rollout status -n {ns} deployment/{name} --timeout={_STARTUP[plan.engine] * 10 + 300}s",
        "```",
        "",
        f"- The Secret is made by `kubectl create secret`, not shipped as a manifest: a Secret manifest holds the "
        "key in base64, that is in clear, and manifests get committed and shared. It is the key of "
        f"`{KEY_FILE}`, so clients of the other targets keep theirs; keep both private. A new key: `kubectl delete "
        f"secret -n {ns} {plan.secret}`, step 2 again, then `kubectl rollout restart -n {ns} deployment/{name}`.",
        f"- The loader runs the server's image (it has tar and sha256sum) as the server's user, so the files it "
        "writes are the server's to read. On a volume whose root that user cannot write (some NFS exports), give "
        "the export to that user, or fill the volume from a machine that mounts it: the files of "
        f"`{VOLUME_DIR}/` at its root, then the `sha256sum` check. A new model: redeploy into this folder "
        f"(`--force`) and run `./{SCRIPT}` again; the check copies only when the volume differs.",
        f"- `kubectl cp {VOLUME_DIR}/. {ns}/{loader}:{MODELS}` does the same as the tar line (it runs tar too).",
        "- At an offline site, copy the image into the site's registry first (for example `skopeo copy "
        f"docker://{plan.image} docker://REGISTRY/...` on a connected machine, or `docker save` / `docker load`) "
        "and deploy again with `--image REGISTRY/...`: the loader and the init container use the same image.",
        "",
    ]


def _readme_use(plan: _Plan) -> list[str]:
    ns, name, port = plan.namespace, plan.name, plan.port
    stops = json.dumps(list(plan.stops), ensure_ascii=False)
    vllm = plan.engine == "vllm"
    return [
        "## Use it",
        "",
        f"Inside the cluster the API is `http://{name}.{ns}.svc:{port}/v1` (OpenAI-compatible, model "
        f"`{plan.alias}`). From this machine:",
        "",
        "```sh",
        f"kubectl port-forward -n {ns} service/{name} {port}:{port} &",
        f"curl http://127.0.0.1:{port}/health",
        f'curl http://127.0.0.1:{port}/v1/chat/completions -H "Authorization: Bearer $(head -n 1 {KEY_FILE})" \\',
        "  -H 'Content-Type: application/json' \\",
        f"  -d '{{\"model\": \"{plan.alias}\", \"messages\": [{{\"role\": \"user\", \"content\": \"Hello\"}}]"
        + (f", \"stop\": {stops}" if vllm else "") + "}'",
        "```",
        "",
        *([f"vLLM cannot set stop strings for the whole server: a client sends the model's (`{stops}`) in `stop`, as "
           "above, so that a reply never runs into a next turn.", ""] if vllm and plan.stops else []),
        "The Service is a ClusterIP: to reach it from outside the cluster, put an Ingress (with TLS) or a "
        "LoadBalancer in front of it. The engine speaks plain HTTP; the API key is its only guard"
        + (" (vLLM's key guards `/v1` only: `/metrics` answers anyone who reaches the pod)." if vllm
           else "; `/health` answers without it, as the probes need."),
        "",
        f"The engine's arguments (`kubectl get deployment -n {ns} {name} -o yaml`), an option a line:",
        "",
        "```",
        *_shown(plan.args),
        "```",
        "",
    ]


def _readme_monitoring(plan: _Plan) -> list[str]:
    ns, name = plan.namespace, plan.name
    key = ("llama-server's `/metrics` needs the API key: the ServiceMonitor sends it from the Secret (bearer "
           "authorization). A Prometheus that scrapes by the annotations needs it too: mount the Secret into "
           f"Prometheus and add `authorization: {{type: Bearer, credentials_file: /path/to/{SECRET_KEY}}}` to its "
           "pod scrape job." if plan.metrics_need_key else
           "vLLM's `/metrics` needs no key: the ServiceMonitor and the annotations scrape it as it is.")
    return [
        "## Prometheus and Grafana",
        "",
        "The pods carry the `prometheus.io/scrape`, `prometheus.io/port` and `prometheus.io/path` annotations "
        "(for a Prometheus whose pod scrape job reads them). With the Prometheus Operator (kube-prometheus-stack), "
        f"apply the ServiceMonitor; it and the dashboard are in `{MANIFEST_DIR}/monitoring/`:",
        "",
        "```sh",
        f"kubectl apply -f {MANIFEST_DIR}/monitoring/",
        "```",
        "",
        f"- {key}",
        "- A Prometheus of kube-prometheus-stack picks only ServiceMonitors with its release's label: add it "
        f"(`kubectl label servicemonitor -n {ns} {name} release=RELEASE`), or set "
        "`serviceMonitorSelectorNilUsesHelmValues: false`.",
        f"- The dashboard is the ConfigMap `{name}-grafana-dashboard`, labelled `grafana_dashboard: \"1\"` for "
        "Grafana's dashboard sidecar (kube-prometheus-stack's looks in every namespace when "
        "`sidecar.dashboards.searchNamespace: ALL`). Its queries use only the metric names "
        f"{plan.engine} exports (" + ("`llamacpp:requests_processing`, `llamacpp:tokens_predicted_total`, ..."
                                      if plan.engine == "llama-server" else
                                      "`vllm:num_requests_waiting`, `vllm:kv_cache_usage_perc`, ...")
        + f"), for the pods `{name}-*` of namespace `{ns}`. Without the sidecar: import the JSON in the ConfigMap "
        "by hand (Dashboards > New > Import).",
        "",
    ]


def _readme_scaling(plan: _Plan, job: DeployJob) -> list[str]:
    queue = "llamacpp:requests_deferred" if plan.engine == "llama-server" else "vllm:num_requests_waiting"
    engine_note = (f"llama-server serves `--parallel {plan.parallel}` requests at once in each pod (the slots share "
                   "`--ctx-size`), and runs as many threads as the pod's whole CPUs (`--threads`): it would take "
                   "every CPU of the node otherwise." if plan.engine == "llama-server" else
                   f"vLLM batches up to `--max-num-seqs {plan.parallel}` requests in each pod; with `--gpus` above 1 "
                   "the model is split across them (`--tensor-parallel-size`).")
    return [
        "## Scaling",
        "",
        f"- {engine_note}",
        "- A pod with a GPU has it to itself: the autoscaler's most pods need as many free GPUs (pods beyond "
        "them wait, Pending). A rollout replaces GPU pods one at a time (no spare GPU is needed).",
        "- The autoscaler scales on CPU use (metrics-server). " + (
            "That follows the load of llama-server on CPUs closely." if plan.engine == "llama-server" and not plan.gpus
            else "Beside a GPU the CPUs are a weak sign of load.")
        + f" Scaling on the engine's queue (`{queue}`) needs prometheus-adapter to serve it as a pods metric; then "
        "replace the HPA's metric with `{type: Pods, pods: {metric: {name: " + queue.replace(":", "_")
        + "}, target: {type: AverageValue, averageValue: \"2\"}}}` (the name as the adapter's rule exposes it).",
        "- With `ReadWriteOnce` every pod must run on the node that has the volume attached: for pods on several "
        "nodes deploy with `--access-mode ReadWriteMany` on a StorageClass that offers it (NFS, CephFS).",
        "",
    ]


def _readme_checked(plan: _Plan) -> list[str]:
    return [
        "## What was checked",
        "",
        "Hearth's tests check manifests like these offline: each against the Kubernetes API schemas of versions "
        "1.33 and 1.37 (kubernetes-validate, strict: no unknown field), the ServiceMonitor (a CRD those schemas "
        "do not hold) by its fields, the dashboard's queries against the metric names the engine exports, and "
        f"`{SCRIPT}` against a stand-in kubectl. They were not applied to a cluster by Hearth: a first install is "
        "worth watching (`kubectl get events -n " + plan.namespace + " --watch`).",
        "",
    ]
