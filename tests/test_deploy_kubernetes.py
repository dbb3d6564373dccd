"""``hearth deploy --target kubernetes``: manifests that run llama-server or vLLM in a cluster.

No cluster here: every manifest is validated offline against the Kubernetes API schemas (kubernetes-validate
ships them; strict, so a misspelt field fails), the ServiceMonitor (a CRD those schemas lack) by its fields,
the Grafana dashboard's queries against the metric names the engines export (llama-server: read off a live
server, tests/assets/llama_server_metrics.txt; vLLM: read from its source, tests/assets/vllm_metrics.txt), and
install.sh against a stand-in kubectl that copies into a folder instead of a pod. The llama-server engine
deploys the tiny GGUFs of tests/test_deploy.py; the vLLM engine's weights are written by a stand-in for
``vllm.place_model`` (writing real ones takes torch and minutes: tests/test_deploy_vllm.py does that), its
``serve_options`` are the real ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from core.errors import ConfigError
from core.inference.templates import PlainFormat
from tests.test_deploy import _base, _deploy, _export, _option, _run

ASSETS = Path(__file__).parent / "assets"
VERSIONS = ("1.33", "1.37")  # a release many clusters still run, and the newest the validator ships
_PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
                 "offset"}


@pytest.fixture(scope="module")
def ggufs(tmp_path_factory) -> dict[str, Path]:
    """Three different tiny GGUFs, as tests/test_deploy.py makes them: a base, a merged fine-tune, and a file
    standing in for a LoRA-GGUF."""
    from converters.synthetic import write_tiny_llama

    folder = tmp_path_factory.mktemp("k8s-ggufs")
    return {role: write_tiny_llama(folder / f"{role}.gguf", seed=seed, quant="F32", context=4096)
            for seed, role in enumerate(("base", "merged", "adapter"), start=1)}


def _exported(asset: str) -> set[str]:
    lines = (ASSETS / asset).read_text().splitlines()
    return {line.split()[0] for line in lines if line and not line.startswith("#")}


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression reads (not its functions, labels, strings or ranges)."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    expr = re.sub(r"\{[^}]*\}", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", expr):
        if not expr[match.end():].lstrip().startswith("(") and match.group() not in _PROMQL_WORDS:
            names.add(match.group())
    return names


def _objects(out: Path) -> dict[str, dict]:
    """Every object of the folder's manifests, as "Kind/name" -> object."""
    found = {}
    for path in sorted((out / "kubernetes").rglob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            found[f"{doc['kind']}/{doc['metadata']['name']}"] = doc
    return found


def _validate_all(out: Path) -> list[str]:
    import kubernetes_validate

    checked = []
    for key, doc in _objects(out).items():
        if doc["apiVersion"].startswith("monitoring.coreos.com/"):
            continue  # (a CRD: checked by its fields in the tests)
        for version in VERSIONS:
            kubernetes_validate.validate(doc, version, strict=True)  # (raises ValidationError, naming the field)
        checked.append(key)
    return checked


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dashboard_names(objects: dict[str, dict], name: str) -> set[str]:
    board = objects[f"ConfigMap/{name}-grafana-dashboard"]
    assert board["metadata"]["labels"]["grafana_dashboard"] == "1"
    (text,) = board["data"].values()
    exprs = [t["expr"] for panel in json.loads(text)["panels"] for t in panel["targets"]]
    assert all(f'namespace="{board["metadata"]["namespace"]}"' in e and f'pod=~"{name}-.*"' in e for e in exprs)
    return set().union(*(metric_names(e) for e in exprs))


def test_the_promql_reader_finds_metric_names_only():
    expr = ('histogram_quantile(0.95, sum by (le) (rate(vllm:ttft_bucket{pod=~"a-.*", x="rate(y)"}[5m]))) / '
            "sum without (pod) (llamacpp:busy) + on (pod) group_left count(up)")
    assert metric_names(expr) == {"vllm:ttft_bucket", "llamacpp:busy", "up"}


def test_llama_server_in_kubernetes_validates_and_wires_probes_key_volume_and_scraping(workspace, ggufs, tmp_path):
    _base(workspace, ggufs)
    _run(workspace, "run-1", {"kind": "plain", "name": "plain", **vars(PlainFormat())})
    merged = _export(workspace, "run-1", "Tiny_Q8", "merged", ggufs["merged"], when="2026-12-07T01", plain=True)
    out = tmp_path / "k8s"
    result, _ = _deploy(workspace, source="run-1", out=str(out), target="kubernetes", namespace="llm", replicas=2,
                        max_replicas=4, storage_class="fast-nfs", access_mode="ReadWriteMany", cpu="3500m")

    assert result["start"] == str(out / "install.sh") and result["name"] == "Tiny_Q8"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "README.md", "api-key.txt", "deploy.json", "install.sh",
        "kubernetes/00-namespace.yaml", "kubernetes/10-model-volume.yaml", "kubernetes/11-model-checksums.yaml",
        "kubernetes/20-deployment.yaml", "kubernetes/21-service.yaml", "kubernetes/22-autoscaler.yaml",
        "kubernetes/loader/model-loader.yaml", "kubernetes/monitoring/grafana-dashboard.yaml",
        "kubernetes/monitoring/servicemonitor.yaml", "volume/Tiny_Q8.gguf", "volume/chat_template.jinja"]
    assert os.path.samefile(out / "volume" / "Tiny_Q8.gguf", merged.path)  # (a hard link, as llama-server's)
    assert sorted(_validate_all(out)) == [
        "ConfigMap/tiny-q8-grafana-dashboard", "ConfigMap/tiny-q8-model-checksums", "Deployment/tiny-q8",
        "HorizontalPodAutoscaler/tiny-q8", "Namespace/llm", "PersistentVolumeClaim/tiny-q8-model",
        "Pod/tiny-q8-model-loader", "Service/tiny-q8"]
    objects = _objects(out)
    key = (out / "api-key.txt").read_text().strip()
    assert all(key not in p.read_text() for p in [*out.rglob("*.yaml"), out / "README.md", out / "install.sh",
                                                  out / "deploy.json"])

    deployment = objects["Deployment/tiny-q8"]
    assert deployment["metadata"]["namespace"] == "llm" and deployment["spec"]["replicas"] == 2
    pod = deployment["spec"]["template"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    (server,) = pod["spec"]["containers"]
    assert server["image"] == "ghcr.io/ggml-org/llama.cpp:server-b11312" and "command" not in server
    args = server["args"]
    assert _option(args, "--model") == ["/models/Tiny_Q8.gguf"]
    assert _option(args, "--chat-template-file") == ["/models/chat_template.jinja"]
    assert _option(args, "--api-key-file") == ["/secrets/api-key"] and "--metrics" in args
    assert _option(args, "--host") == ["0.0.0.0"] and _option(args, "--port") == ["8080"]
    assert _option(args, "--threads") == ["3"]  # (the whole CPUs of 3500m, not every CPU of the node)
    assert _option(args, "--alias") == ["Tiny_Q8"] and "--n-gpu-layers" not in args
    assert _option(args, "--reverse-prompt") == ["\n\nUser:", "</s>"]  # (through YAML as they were)
    assert server["ports"] == [{"name": "http", "containerPort": 8080, "protocol": "TCP"}]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert server[probe]["httpGet"] == {"path": "/health", "port": "http"}, probe
    assert server["startupProbe"]["periodSeconds"] * server["startupProbe"]["failureThreshold"] >= 600
    assert server["resources"]["requests"]["cpu"] == "3500m"
    assert "nvidia.com/gpu" not in server["resources"]["limits"] and "tolerations" not in pod["spec"]
    volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
    mounts = {m["name"]: m for m in server["volumeMounts"]}
    # the key: the Secret as a file, never a value in the manifest
    assert volumes["api-key"]["secret"]["secretName"] == "tiny-q8-api-key" and mounts["api-key"]["mountPath"] == \
        "/secrets" and mounts["api-key"]["readOnly"]
    assert not any("value" in e and e["name"].endswith("KEY") for e in server["env"])
    # the model: the claim, read-only, checked by the init container before the server starts
    assert volumes["model"]["persistentVolumeClaim"] == {"claimName": "tiny-q8-model", "readOnly": True}
    assert mounts["model"] == {"name": "model", "mountPath": "/models", "readOnly": True}
    (check,) = pod["spec"]["initContainers"]
    assert check["image"] == server["image"] and "sha256sum --check" in check["command"][-1]
    assert {m["mountPath"] for m in check["volumeMounts"]} == {"/models", "/checksums"}
    sums = objects["ConfigMap/tiny-q8-model-checksums"]["data"]["SHA256SUMS"]
    assert sums == "".join(f"{_sha(out / 'volume' / n)}  {n}\n" for n in ("Tiny_Q8.gguf", "chat_template.jinja"))
    assert pod["spec"]["securityContext"]["runAsNonRoot"] and server["securityContext"]["capabilities"] == \
        {"drop": ["ALL"]} and not server["securityContext"]["allowPrivilegeEscalation"]
    claim = objects["PersistentVolumeClaim/tiny-q8-model"]["spec"]
    assert claim["accessModes"] == ["ReadWriteMany"] and claim["storageClassName"] == "fast-nfs"
    assert int(claim["resources"]["requests"]["storage"].removesuffix("Gi")) * 2**30 > \
        (out / "volume" / "Tiny_Q8.gguf").stat().st_size

    # the Service, the autoscaler
    service = objects["Service/tiny-q8"]["spec"]
    assert service["selector"].items() <= pod["metadata"]["labels"].items()
    assert service["ports"] == [{"name": "http", "port": 8080, "targetPort": "http", "protocol": "TCP"}]
    hpa = objects["HorizontalPodAutoscaler/tiny-q8"]
    assert hpa["apiVersion"] == "autoscaling/v2" and hpa["spec"]["minReplicas"] == 2 and \
        hpa["spec"]["maxReplicas"] == 4
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "tiny-q8"}
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"

    # Prometheus: the annotations, the ServiceMonitor (with the key: llama-server guards /metrics), the dashboard
    assert pod["metadata"]["annotations"] == {"prometheus.io/scrape": "true", "prometheus.io/port": "8080",
                                              "prometheus.io/path": "/metrics"}
    monitor = objects["ServiceMonitor/tiny-q8"]
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1" and monitor["metadata"]["namespace"] == "llm"
    assert monitor["spec"]["selector"]["matchLabels"].items() <= objects["Service/tiny-q8"]["metadata"][
        "labels"].items()
    assert monitor["spec"]["namespaceSelector"] == {"matchNames": ["llm"]}
    assert monitor["spec"]["endpoints"] == [{"port": "http", "path": "/metrics", "interval": "15s", "authorization": {
        "type": "Bearer", "credentials": {"name": "tiny-q8-api-key", "key": "api-key"}}}]
    used = _dashboard_names(objects, "tiny-q8")
    assert len(used) >= 8 and used <= _exported("llama_server_metrics.txt"), used - _exported(
        "llama_server_metrics.txt")

    manifest = json.loads((out / "deploy.json").read_text())
    listed = {f["name"]: f["sha256"] for f in manifest["files"]}
    assert listed == {name: _sha(out / name) for name in listed} and "volume/Tiny_Q8.gguf" in listed
    assert manifest["launch"]["arguments"] == args and manifest["launch"]["secret"] == "tiny-q8-api-key"
    readme = (out / "README.md").read_text()
    assert "| `volume/Tiny_Q8.gguf` | model |" in readme and merged.sha256 in readme
    for command in ("./install.sh", "kubectl apply -f kubernetes/\n", "kubectl create secret generic tiny-q8-api-key",
                    "--from-file=api-key=/dev/stdin", "kubectl apply -f kubernetes/loader/",
                    "tar -C volume -cf - . | kubectl exec -i -n llm tiny-q8-model-loader -- tar -C /models -xf -",
                    "sha256sum --check --strict /checksums/SHA256SUMS", "kubectl rollout status -n llm",
                    "kubectl port-forward -n llm service/tiny-q8 8080:8080", "/v1/chat/completions",
                    "kubectl apply -f kubernetes/monitoring/", "prometheus-adapter", "not applied to a cluster"):
        assert command in readme, command


def _stand_in_kubectl(folder: Path) -> Path:
    """A kubectl that logs its calls, keeps the Secret it is given, and runs `exec` here with /models and
    /checksums in ``folder``."""
    script = folder / "kubectl"
    script.write_text(f"""#!/usr/bin/env bash
root={shlex.quote(str(folder))}
echo "$*" >> "$root/calls"
case "$1" in
  get) [ -e "$root/secret" ] && exit 0 || exit 1 ;;
  create) cat > "$root/secret" ;;
  exec)
    while [ "$1" != "--" ]; do shift; done; shift
    args=()
    for a in "$@"; do a="${{a//\\/models/$root/models}}"; args+=("${{a//\\/checksums/$root/checksums}}"); done
    exec "${{args[@]}}" ;;
esac
""")
    script.chmod(0o755)
    return script


def test_install_script_loads_the_volume_and_the_init_container_refuses_a_changed_file(workspace, ggufs, tmp_path):
    _base(workspace, ggufs)
    out = tmp_path / "k8s"
    _deploy(workspace, source="tiny-base", out=str(out), target="kubernetes")
    objects = _objects(out)
    cluster = tmp_path / "cluster"
    (cluster / "models").mkdir(parents=True)
    (cluster / "checksums").mkdir()
    (cluster / "checksums" / "SHA256SUMS").write_text(
        objects["ConfigMap/tiny-base-model-checksums"]["data"]["SHA256SUMS"])
    env = {**os.environ, "KUBECTL": str(_stand_in_kubectl(cluster))}

    done = subprocess.run(["bash", str(out / "install.sh")], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for name in ("base.gguf", "chat_template.jinja"):
        assert _sha(cluster / "models" / name) == _sha(out / "volume" / name)
    assert (cluster / "secret").read_text() == (out / "api-key.txt").read_text().strip()  # (no line end)
    calls = (cluster / "calls").read_text().splitlines()
    assert calls[0] == ("apply -f kubernetes/00-namespace.yaml -f kubernetes/10-model-volume.yaml "
                        "-f kubernetes/11-model-checksums.yaml")
    assert calls[2] == "create secret generic tiny-base-api-key -n hearth --from-file=api-key=/dev/stdin"
    assert calls[-3:] == ["delete -f kubernetes/loader/ --wait=true", "apply -f kubernetes/",
                          "rollout status -n hearth deployment/tiny-base --timeout=1200s"]
    assert sum("tar -C /models -xf -" in c for c in calls) == 1
    again = subprocess.run(["bash", str(out / "install.sh")], capture_output=True, text=True, env=env)
    assert again.returncode == 0 and "holds the model already" in again.stdout  # (not copied twice)

    # the init container's own command, on that volume: passes, then refuses a file that changed
    (check,) = objects["Deployment/tiny-base"]["spec"]["template"]["spec"]["initContainers"]
    run_check = [str(cluster / "kubectl"), "exec", "pod", "--", *check["command"]]
    assert subprocess.run(run_check, capture_output=True, env=env).returncode == 0
    with open(cluster / "models" / "base.gguf", "r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00\x01")
    refused = subprocess.run(run_check, capture_output=True, text=True, env=env)
    assert refused.returncode == 1 and "does not hold the files of this deployment" in refused.stderr


def test_llama_server_on_a_gpu_takes_the_cuda_image_and_a_whole_gpu(workspace, ggufs, tmp_path):
    _base(workspace, ggufs)
    out = tmp_path / "k8s"
    _deploy(workspace, source="tiny-base", out=str(out), target="kubernetes", gpus=1, namespace="default",
            max_replicas=1, port=9000, name="7-Up")
    assert sorted(_validate_all(out)) == ["ConfigMap/model-7-up-grafana-dashboard",
                                          "ConfigMap/model-7-up-model-checksums", "Deployment/model-7-up",
                                          "PersistentVolumeClaim/model-7-up-model", "Pod/model-7-up-model-loader",
                                          "Service/model-7-up"]  # (no Namespace "default", no autoscaler)
    pod = _objects(out)["Deployment/model-7-up"]["spec"]["template"]["spec"]
    (server,) = pod["containers"]
    assert server["image"] == "ghcr.io/ggml-org/llama.cpp:server-cuda-b11312"
    assert server["resources"]["limits"]["nvidia.com/gpu"] == 1 and server["resources"]["requests"]["cpu"] == "2"
    assert _option(server["args"], "--n-gpu-layers") == ["all"] and "--threads" not in server["args"]
    assert _option(server["args"], "--port") == ["9000"] and _option(server["args"], "--alias") == ["7-Up"]
    assert pod["tolerations"][0]["key"] == "nvidia.com/gpu"
    assert _objects(out)["Deployment/model-7-up"]["spec"]["strategy"]["rollingUpdate"] == {"maxSurge": 0,
                                                                                        "maxUnavailable": 1}


def _stand_in_weights(monkeypatch, workspace, ggufs):
    """vLLM's weights without torch: a Hugging Face folder's names with a few random bytes each."""
    from core.deploy import run, vllm
    from core.deploy.bundle import file_entry
    from core.deploy.source import resolve_source

    _base(workspace, ggufs)
    monkeypatch.setattr(run, "resolve_trained", lambda ws, ref, variant: resolve_source(ws, "tiny-base"))

    def place_model(job, deployable, dest, control):
        folders = {"merged": [vllm.MODEL_DIR], "adapter": [vllm.BASE_DIR, vllm.ADAPTER_DIR]}[job.variant]
        entries = []
        for folder in folders:
            (dest / folder).mkdir()
            for name in ("config.json", "model.safetensors"):
                (dest / folder / name).write_bytes(os.urandom(512))
                entries.append({**file_entry(dest / folder / name, "weights"), "name": f"{folder}/{name}"})
        return entries
        yield

    monkeypatch.setattr(vllm, "place_model", place_model)


@pytest.mark.parametrize("variant", ["merged", "adapter"])
def test_vllm_in_kubernetes_asks_for_gpus_takes_the_key_from_the_secret_and_graphs_its_own_metrics(
        workspace, ggufs, tmp_path, monkeypatch, variant):
    from core.deploy import vllm

    _stand_in_weights(monkeypatch, workspace, ggufs)
    out = tmp_path / "k8s"
    _deploy(workspace, source="run-1", out=str(out), target="kubernetes", engine="vllm", variant=variant, gpus=2,
            name="qa-bot")
    assert "Deployment/qa-bot" in _validate_all(out)
    objects = _objects(out)
    pod = objects["Deployment/qa-bot"]["spec"]["template"]["spec"]
    (server,) = pod["containers"]
    assert server["image"] == vllm.IMAGE and "command" not in server  # (the image's entrypoint: vllm serve)
    args = server["args"]
    options = json.loads((ASSETS / "vllm_serve_options.json").read_text())["options"]
    assert all(a in options for a in args if a.startswith("--")), [a for a in args if a.startswith("--")]
    assert _option(args, "--tensor-parallel-size") == ["2"] and _option(args, "--host") == ["0.0.0.0"]
    assert _option(args, "--port") == [str(vllm.PORT)] and "--api-key" not in args
    if variant == "merged":
        assert args[0] == "/models/model" and "--enable-lora" not in args
    else:
        assert args[0] == "/models/base" and json.loads(_option(args, "--lora-modules")[0])["path"] == \
            "/models/adapter"
    assert server["resources"]["limits"]["nvidia.com/gpu"] == server["resources"]["requests"]["nvidia.com/gpu"] == 2
    env = {e["name"]: e for e in server["env"]}
    assert env["VLLM_API_KEY"] == {"name": "VLLM_API_KEY", "valueFrom": {"secretKeyRef": {
        "name": "qa-bot-api-key", "key": "api-key"}}}
    assert env["HF_HUB_OFFLINE"]["value"] == "1"
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert server[probe]["httpGet"] == {"path": "/health", "port": "http"}, probe
    assert pod["securityContext"]["runAsUser"] == 2000 and pod["securityContext"]["runAsNonRoot"]
    assert {v["name"]: v for v in pod["volumes"]}["shm"]["emptyDir"]["medium"] == "Memory"
    # vLLM leaves /metrics open: scraped without the key
    assert objects["ServiceMonitor/qa-bot"]["spec"]["endpoints"] == [{"port": "http", "path": "/metrics",
                                                                      "interval": "15s"}]
    sums = objects["ConfigMap/qa-bot-model-checksums"]["data"]["SHA256SUMS"].splitlines()
    assert len(sums) == (2 if variant == "merged" else 4)
    assert all(_sha(out / "volume" / line.split("  ")[1]) == line.split("  ")[0] for line in sums)
    used = _dashboard_names(objects, "qa-bot")
    assert len(used) >= 10 and used <= _exported("vllm_metrics.txt") and used <= set(vllm.METRICS)
    readme = (out / "README.md").read_text()
    assert "vLLM's key guards `/v1` only" in readme and '"stop": ["\\n\\nUser:", "</s>"]' in readme


@pytest.mark.parametrize(("options", "message", "hint"), [
    ({"namespace": "LLM_Serving"}, "namespace is 'LLM_Serving'", "llm-serving"),
    ({"replicas": 3, "max_replicas": 2}, "fewer than --replicas 3", "--max-replicas 3"),
    ({"cpu": "four"}, "cpu is 'four'", "500m"),
    ({"memory": "16 GB"}, "memory is '16 GB'", "16Gi"),
    ({"storage_class": "Fast NFS"}, "storage_class is 'Fast NFS'", "kubectl get storageclass"),
    ({"image": "my registry/llama"}, "no spaces", "server-b11312"),
    ({"engine": "vllm", "gpus": 0}, "NVIDIA GPUs only", "--engine llama-server"),
])
def test_kubernetes_settings_no_cluster_would_take_are_refused(options, message, hint):
    from core.deploy.run import DeployJob

    with pytest.raises(ConfigError, match=re.escape(message)) as refused:
        DeployJob(source="m", out="/tmp/x", target="kubernetes", **options)
    assert hint in refused.value.hint
    DeployJob(source="m", out="/tmp/x", target="llama-server", cpu="2")  # (only checked for Kubernetes)


def test_object_names_are_dns_labels():
    from core.deploy.kubernetes_options import object_name

    assert object_name("Tiny_Q8.v2") == "tiny-q8-v2"
    assert object_name("7b") == "model-7b" and object_name("---") == "model"
    assert object_name("x" * 80) == "x" * 40
    assert all(re.fullmatch(r"[a-z]([-a-z0-9]*[a-z0-9])?", object_name(n)) for n in ("ÜnI-cöde", "a--b-", "Q"))


def test_deploy_command_takes_the_kubernetes_options_and_refuses_bad_ones_at_once(hearth_home, tmp_path):
    from tests.test_cli import hearth

    helped = hearth("deploy", "--help", home=hearth_home)
    for option in ("--engine", "--namespace", "--replicas", "--max-replicas", "--gpus", "--cpu", "--memory",
                   "--storage-class", "--access-mode", "--image"):
        assert option in helped.stdout, option
    refused = hearth("deploy", "anything", "--out", str(tmp_path / "out"), "--target", "kubernetes", "--replicas",
                     "3", "--max-replicas", "2", home=hearth_home)
    assert refused.returncode != 0 and "fewer than --replicas 3" in refused.stderr
    assert not (tmp_path / "out").exists()
