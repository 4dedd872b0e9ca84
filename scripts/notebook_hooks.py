"""MkDocs hooks for the notebook pages of 动手实验 (docs/labs/*.py, rendered by mkdocs-jupyter).

Placeholder: the notebook pipeline fixes (heading ids, inline CSS, math) are added here.
"""
