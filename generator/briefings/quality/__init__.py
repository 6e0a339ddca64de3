"""Evaluation and tuning against gold annotations. Nothing at run time imports this package."""
