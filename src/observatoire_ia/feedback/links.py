"""New-issue links of GitHub and GitLab, prefilled (no API, no script of theirs).

GitHub issue forms take each field's value from the query parameter named after the field's
`id` (.github/ISSUE_TEMPLATE/*.yml); GitLab takes a title and a description, and the name of
the description template (.gitlab/issue_templates/*.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

# Placeholders the page's script (feedback.js) replaces with the claim's id, address and text.
CLAIM, URL, TEXT = "__CLAIM__", "__URL__", "__TEXT__"
TEXT_LIMIT = 1500  # characters of claim text in a link (URLs stay well under 8 KB)

STRINGS = {
    "fr": {
        "report": "Signaler une erreur",
        "report_title": "Erreur : {claim}",
        "propose": "Proposer un texte",
        "propose_title": "Texte proposé : ",
        "claim": "Affirmation",
        "address": "Adresse",
        "text": "Texte de l'affirmation",
        "problem": "Ce qui est faux",
        "source": "Ce que dit le texte syndical (passage, page)",
        "document": "Le document (lien, ou fichier joint)",
        "organisation": "Organisation",
        "date": "Date du document",
        "report_intro": "Un chiffre, une citation, une date ou un lien faux\u00a0?",
        "report_public": "Le formulaire est public\u00a0: n'y écrivez ni numéro de téléphone ni "
        "adresse électronique.",
        "propose_intro": "Un tract, une déclaration en CSE ou en CST, un compte rendu sur l'IA\u00a0: "
        "envoyez-le avec son organisation et sa date, nous l'ajouterons après vérification.",
        "guide": "Ajouter un texte soi-même",
    },
    "en": {
        "report": "Report an error",
        "report_title": "Error: {claim}",
        "propose": "Propose a text",
        "propose_title": "Proposed text: ",
        "claim": "Claim",
        "address": "Address",
        "text": "Claim text",
        "problem": "What is wrong",
        "source": "What the union text says (passage, page)",
        "document": "The document (link, or attached file)",
        "organisation": "Organisation",
        "date": "Date of the document",
        "report_intro": "A wrong figure, quotation, date or link?",
        "report_public": "The form is public: do not write any phone number or e-mail address "
        "in it.",
        "propose_intro": "A leaflet, a statement to a staff committee, a report on AI: send it "
        "with its organisation and date, and we will add it once checked.",
        "guide": "Add a text yourself",
    },
}


def t(lang: str, name: str) -> str:
    return STRINGS.get(lang, STRINGS["en"])[name]


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
        labels = {"url": "address"}  # a field's heading in the description
        body = "\n\n".join(
            f"**{t(lang, labels.get(name, name))}**\n\n{value}" for name, value in fields.items()
        )
        query = {"issuable_template": template, "issue[title]": title}
        if fields:
            query["issue[description]"] = body
        return f"{base}/-/issues/new?{urlencode(query, quote_via=quote)}"

    def report_url(self, claim_id: str, url: str, text: str, lang: str) -> str:
        """The new-issue form for a wrong claim, with its id, address and text."""
        fields = {"claim": claim_id, "url": url, "text": text[:TEXT_LIMIT]}
        title = t(lang, "report_title").format(claim=claim_id)
        if self.forge == "gitlab":  # the template's other headings, to fill in
            fields |= {"problem": "", "source": ""}
        return self._new_issue(self.error_template, title, fields, lang)

    def report_template(self, lang: str) -> str:
        """report_url with placeholders, for the page's script."""
        return self.report_url(CLAIM, URL, TEXT, lang)

    def propose_url(self, lang: str) -> str:
        fields = {} if self.forge == "github" else {"document": "", "organisation": "", "date": ""}
        return self._new_issue(self.propose_template, t(lang, "propose_title"), fields, lang)
