"""Evaluation: generation metrics (exact match, ROUGE-L, chrF) of a model's greedy answers on held-out data."""
