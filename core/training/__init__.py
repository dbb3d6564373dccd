"""Training: recipes, memory pre-flight and the parts they share."""
