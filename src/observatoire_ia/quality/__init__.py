"""Quality gates shared by the build (CSP, link hygiene, lazy search index) and the checks.

`pages.py` names every page type the gates visit; `plugin.py` is the MkDocs plugin
`observatoire/quality` that post-processes the built site.
"""
