"""Datasets: load any common format with validation, clean, split, describe, render for training."""
