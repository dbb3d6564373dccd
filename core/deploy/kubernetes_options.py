"""Kubernetes' rules for the settings of ``hearth deploy --target kubernetes``: names and quantities a cluster
takes, checked when the job is made (before any file is written), apart from :mod:`.kubernetes` so that the job's
own checks can call them without importing the target.
"""

from __future__ import annotations

import re
from typing import Any

from core.errors import ConfigError

__all__ = ["check_options", "object_name"]

_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")  # a DNS label (RFC 1123): a namespace's name
_STORAGE_CLASS = re.compile(r"[a-z0-9]([-.a-z0-9]*[a-z0-9])?")  # a DNS subdomain
_CPU = re.compile(r"(\d+(\.\d+)?|\.\d+)m?")
_MEMORY = re.compile(r"(\d+(\.\d+)?|\.\d+)([kMGTPE]i?)?")


def check_options(job: Any) -> None:
    """Refuse the Kubernetes settings of ``job`` (a :class:`~core.deploy.run.DeployJob`) that no cluster would
    take; the job's own checks call it, so a bad value is refused before any work.

    Raises:
        ConfigError: naming the setting and its value.
    """
    if len(job.namespace) > 63 or not _LABEL.fullmatch(job.namespace):
        raise ConfigError(f"DeployJob.namespace is {job.namespace!r}; a namespace is lower-case letters, digits "
                          "and '-', up to 63", "for example llm-serving")
    if job.max_replicas < job.replicas:
        raise ConfigError(f"DeployJob.max_replicas is {job.max_replicas}, fewer than --replicas {job.replicas}",
                          f"give --max-replicas {job.replicas} or more")
    if job.cpu and not _CPU.fullmatch(job.cpu):
        raise ConfigError(f"DeployJob.cpu is {job.cpu!r}; it must be a CPU quantity", "for example 4, 2.5 or 500m")
    if job.memory and not _MEMORY.fullmatch(job.memory):
        raise ConfigError(f"DeployJob.memory is {job.memory!r}; it must be a memory quantity", "for example 16Gi")
    if job.storage_class and (len(job.storage_class) > 253 or not _STORAGE_CLASS.fullmatch(job.storage_class)):
        raise ConfigError(f"DeployJob.storage_class is {job.storage_class!r}; it must be a StorageClass' name",
                          "kubectl get storageclass lists them")
    if any(c.isspace() for c in job.image):
        raise ConfigError(f"DeployJob.image is {job.image!r}; an image reference has no spaces",
                          "for example registry.example:5000/llama.cpp:server-b11312")
    if job.engine == "vllm" and job.gpus == 0:
        raise ConfigError("DeployJob.gpus is 0, but vLLM's image runs on NVIDIA GPUs only",
                          "give --gpus 1 (or more), or serve the GGUF with --engine llama-server on CPUs")


def object_name(alias: str) -> str:
    """The Kubernetes name of the objects for a model served as ``alias`` (a DNS label: the Service's name)."""
    text = re.sub(r"[^a-z0-9]+", "-", alias.lower()).strip("-")
    if not text[:1].isalpha():
        text = f"model-{text}"
    return text[:40].rstrip("-")  # (room for the suffixes: -model-checksums, -model-loader)
