"""Configuration of the `observatoire/feedback` plugin (mkdocs.yml).

The repository is MkDocs' own `repo_url`; without it the plugin renders nothing.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class FeedbackPluginConfig(Config):
    # github or gitlab; guessed from repo_url's host (github.com, gitlab.com, gitlab.*…).
    forge = c.Optional(c.Choice(("github", "gitlab")))
    # Issue forms: .github/ISSUE_TEMPLATE/<name>.yml and .gitlab/issue_templates/<name>.md.
    error_template = c.Type(str, default="signaler-une-erreur")
    propose_template = c.Type(str, default="proposer-un-texte")
    # Where « Proposer un texte » goes (a docs path, in every language), and the guide it names.
    propose_page = c.Type(str, default="sources/index.md")
    guide_page = c.Type(str, default="a-propos/ajouter-un-texte.md")
