"""Hearth's engine: workspace, jobs, data, training, export and inference, free of Qt."""

__version__ = "0.1.0"
