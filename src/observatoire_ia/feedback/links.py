"""New-issue links of GitHub and GitLab, prefilled (no API, no script of theirs).

GitHub issue forms take each field's value from the query parameter named after the field's
`id` (.github/ISSUE_TEMPLATE/*.yml); GitLab takes a title and a description, and the name of
the description template (.gitlab/issue_templates/*.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from ..i18n import text as ui

# Placeholders the page's script (feedback.js) replaces with the claim's id, address and text.
CLAIM, URL, TEXT = "__CLAIM__", "__URL__", "__TEXT__"
TEXT_LIMIT = 1500  # characters of claim text in a link (URLs stay well under 8 KB)
# A form field's heading in a GitLab description (i18n keys).
FIELD_HEADINGS = {
    "claim": "feedback.claim",
    "url": "feedback.address",
    "text": "feedback.text",
    "problem": "feedback.problem",
    "source": "feedback.source",
    "document": "feedback.document",
    "organisation": "feedback.organisation",
    "date": "feedback.date",
}


def guess_forge(repo_url: str) -> str | None:
    host = (urlsplit(repo_url).hostname or "").lower()
    if "github" in host:
        return "github"
    if "gitlab" in host or "framagit" in host:
        return "gitlab"
    return None


@dataclass(frozen=True)
class Tracker:
    repo_url: str
    forge: str  # "github" | "gitlab"
    error_template: str
    propose_template: str

    def _new_issue(self, template: str, title: str, fields: dict[str, str], lang: str) -> str:
        base = self.repo_url.rstrip("/")
        if self.forge == "github":
            query = {"template": f"{template}.yml", "title": title, **fields}
            return f"{base}/issues/new?{urlencode(query, quote_via=quote)}"
        body = "\n\n".join(
            f"**{ui(lang, FIELD_HEADINGS[name])}**\n\n{value}" for name, value in fields.items()
        )
        query = {"issuable_template": template, "issue[title]": title}
        if fields:
            query["issue[description]"] = body
        return f"{base}/-/issues/new?{urlencode(query, quote_via=quote)}"

    def report_url(self, claim_id: str, url: str, text: str, lang: str) -> str:
        """The new-issue form for a wrong claim, with its id, address and text."""
        fields = {"claim": claim_id, "url": url, "text": text[:TEXT_LIMIT]}
        title = ui(lang, "feedback.report_title").format(claim=claim_id)
        if self.forge == "gitlab":  # the template's other headings, to fill in
            fields |= {"problem": "", "source": ""}
        return self._new_issue(self.error_template, title, fields, lang)

    def report_template(self, lang: str) -> str:
        """report_url with placeholders, for the page's script."""
        return self.report_url(CLAIM, URL, TEXT, lang)

    def propose_url(self, lang: str) -> str:
        fields = {} if self.forge == "github" else {"document": "", "organisation": "", "date": ""}
        return self._new_issue(
            self.propose_template, ui(lang, "feedback.propose_title"), fields, lang
        )
