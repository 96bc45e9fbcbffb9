"""Interface strings of the project's own HTML, in French and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "read_in_text": "lire dans le texte",
        "see_in_bibliography": "voir dans la bibliographie",
        "divergence": "Les sources divergent\u00a0:",
        "permalink_title": "Lien permanent vers cette affirmation",
        "copied": "Lien copié",
        "cited_by": "Cité par",
        "colon": "\u00a0:",
        "section_link": "Lien vers cette section",
        "not_cited": "Citée par aucune affirmation pour l'instant.",
        "online": "En ligne",
        "no_date": "s. d.",
        "cited_by_one": "Citée par 1 affirmation",
        "cited_by_many": "Citée par {count} affirmations",
        "full_text": "Lire le texte intégral",
        "all_references": "Toute la bibliographie",
        "reference_description": "La référence complète et les affirmations du site qui la citent, page par page.",
        "pending_title": "Traduction à venir",
        "pending_banner": "Cette page n'est pas encore traduite\u00a0; voici l'original.",
    },
    "en": {
        "read_in_text": "read in the text",
        "see_in_bibliography": "see in the bibliography",
        "divergence": "The sources disagree:",
        "permalink_title": "Permanent link to this claim",
        "copied": "Link copied",
        "cited_by": "Cited by",
        "colon": ":",
        "section_link": "Link to this section",
        "not_cited": "Not cited by any claim yet.",
        "online": "Online",
        "no_date": "n.d.",
        "cited_by_one": "Cited by 1 claim",
        "cited_by_many": "Cited by {count} claims",
        "full_text": "Read the full text",
        "all_references": "The whole bibliography",
        "reference_description": "The full reference and the claims of this site that cite it, page by page.",
        "pending_title": "Translation pending",
        "pending_banner": "This page has not been translated yet; the French original follows.",
    },
}


def text(lang: str, name: str) -> str:
    return STRINGS[lang][name]
