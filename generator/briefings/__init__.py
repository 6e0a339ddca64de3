"""Briefings: news articles in, structured briefing pages out, as a MkDocs site.

The subpackages are the pipeline, read top to bottom:

* :mod:`briefings.cli` and :mod:`briefings.mkdocs_plugin`: the shells;
* :mod:`briefings.build`: every seed read, extracted (in parallel, cached by
  content) and written;
* :mod:`briefings.site`: pages computed from :class:`~briefings.model.Briefing`
  values alone (the cross-article ones too: actors, the merged timeline,
  stories), and rendered;
* :mod:`briefings.extract`: one article's briefing, stage by stage;
* :mod:`briefings.nlp`: the one spaCy parse and the syntax helpers stages share;
* :mod:`briefings.ingest`: seed files and the articles added from the web;
* :mod:`briefings.lexicon`: word lists, each defined once;
* :mod:`briefings.model` and :mod:`briefings.errors`: the document and its failures.

:mod:`briefings.quality` (evaluation and tuning) is never imported at run time.
"""
