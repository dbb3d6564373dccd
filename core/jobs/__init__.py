"""Long jobs: plain generator functions run in a child process, their events recorded.

See :mod:`core.jobs.runner` for how a job runs and how its end is decided.
"""

from core.jobs.events import Artifact, Cancelled, Done, Event, Failed, Log, Metric, Progress
from core.jobs.runner import Control, JobHandle, JobSpec, new_id, request_cancel, start_function, start_job
from core.jobs.store import JobRecord, follow_events, get_job, list_jobs, read_events

__all__ = [
    "Artifact",
    "Cancelled",
    "Control",
    "Done",
    "Event",
    "Failed",
    "JobHandle",
    "JobRecord",
    "JobSpec",
    "Log",
    "Metric",
    "Progress",
    "follow_events",
    "get_job",
    "list_jobs",
    "new_id",
    "read_events",
    "request_cancel",
    "start_function",
    "start_job",
]
