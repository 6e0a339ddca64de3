"""Extraction: one parsed article to its :class:`~briefings.model.Briefing`, stage by stage.

:mod:`briefings.extract.pipeline` runs the stages in order and says what each reads.
"""
