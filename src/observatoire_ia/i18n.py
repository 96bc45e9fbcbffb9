"""Interface strings, one table per language: every word the project's own code writes on a
page, a share page, a card, a feed, a booklet, the kit's files or the Downloads page.

Read through `text(lang, key)`; keys are grouped by where they appear (`share.…` share
controls and share pages, `lists.…` the generated lists of entry points, `feedback.…`
reporting an error and proposing a text, `booklet.…` PDF and EPUB, `downloads.…` the
Downloads page, `kit.…` the offline kit's own files; unprefixed: claims, citations, the
bibliography and the pages shared by all). tests/test_i18n.py fails on a key missing in one
language and on a key no code reads. Not here: Material's own strings (mkdocs.yml, theme
language), the messages of the scripts in docs/assets/javascripts/ (per <html lang>), and
the claim explorer's (entry_points/explorer.py).
"""

from __future__ import annotations

FR: dict[str, str] = {
    "read_in_text": "lire dans le texte",
    "see_in_bibliography": "voir dans la bibliographie",
    "divergence": "Les sources divergent\u00a0:",
    "permalink_title": "Lien permanent vers cette affirmation",
    "copied": "Lien copié",
    "colon": "\u00a0:",
    "section_link": "Lien vers cette section",
    "not_cited": "Citée par aucune affirmation pour l'instant.",
    "online": "En ligne",
    "no_date": "s. d.",
    "undated": "non daté",
    "cited_by_one": "Citée par 1 affirmation",
    "cited_by_many": "Citée par {count} affirmations",
    "full_text": "Lire le texte intégral",
    "all_references": "Toute la bibliographie",
    "more_references": "Suite de la bibliographie",
    "pages": "Pages",
    "reference_description": "La référence complète et les affirmations du site qui la citent, page par page.",
    "pending_title": "Traduction à venir",
    "pending_banner": "Cette page n'est pas encore traduite\u202f; voici l'original.",
    "moved": "Cette page a déménagé",
    "search": "Recherche",
    "and": "et",
    "months": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    # Open Graph's og:locale (dates in words: dates.py, with "months").
    "locale": "fr_FR",
    "share.claim": "Partager cette affirmation",
    "share.page": "Partager cette page",
    "share.telegram": "Telegram",
    "share.mastodon": "Mastodon",
    "share.copy": "Copier le lien",
    "share.native": "Partager…",
    "share.leaflet": "Copier pour un tract",
    "share.claim_kicker": "Affirmation sourcée",
    "share.sources": "Sources",
    "share.context": "Lire dans son contexte",
    "share.leaflet_heading": "Texte pour un tract",
    "share.card_alt": "Carte de partage\u00a0: {title}",
    "share.feed_title": "Nouveautés de l'Observatoire syndical de l'IA",
    "palette.to_dark": "Passer au mode sombre",
    "palette.to_light": "Passer au mode clair",
    "updated": "Mis à jour le",
    "lists.other_sources": "Autres sources",
    "lists.none": "Aucune affirmation de ce type pour l'instant.",
    "lists.general": "Général",
    "lists.upcoming": "à venir",
    "lists.filter": "Filtrer par thème",
    "lists.questions": "Questions à poser à la direction",
    "lists.procedures": "Procédures et recours",
    "lists.used_in": "Dans les textes",
    "lists.not_used": "Pas encore employé dans une affirmation du site.",
    "lists.source": "Source",
    "lists.value": "Valeur",
    "lists.item": "Élément",
    "lists.see_claim": "voir l'affirmation",
    "feedback.report": "Signaler une erreur",
    "feedback.report_title": "Erreur\u00a0: {claim}",
    "feedback.propose": "Proposer un texte",
    "feedback.propose_title": "Texte proposé\u00a0: ",
    "feedback.claim": "Affirmation",
    "feedback.address": "Adresse",
    "feedback.text": "Texte de l'affirmation",
    "feedback.problem": "Ce qui est faux",
    "feedback.source": "Ce que dit le texte syndical (passage, page)",
    "feedback.document": "Le document (lien, ou fichier joint)",
    "feedback.organisation": "Organisation",
    "feedback.date": "Date du document",
    "feedback.report_intro": "Un chiffre, une citation, une date ou un lien faux\u202f?",
    "feedback.report_public": "Le formulaire est public\u00a0: n'y écrivez ni numéro de téléphone ni adresse électronique.",
    "feedback.propose_intro": "Un tract, une déclaration en CSE ou en CST, un compte rendu sur l'IA\u00a0: envoyez-le avec son organisation et sa date, nous l'ajouterons après vérification.",
    "feedback.guide": "Ajouter un texte soi-même",
    "booklet.whole": "Livret complet",
    "booklet.toc": "Sommaire",
    "booklet.bibliography": "Références",
    "booklet.licence": "Contenus sous licence CC BY-SA 4.0\u202f; les textes syndicaux cités restent l'œuvre de leurs organisations.",
    "booklet.edition": "Édition du",
    "booklet.scan": "Page en ligne",
    "booklet.texts": "D'après les textes de\u00a0: ",
    "booklet.original_only": "En français seulement",
    "booklet.original_only_text": "Ces pages ne sont pas encore traduites\u202f; les voici en ligne\u00a0:",
    "downloads.file": "Fichier",
    "downloads.what": "Contenu",
    "downloads.size": "Taille",
    "downloads.date": "Date",
    "downloads.missing": "Les fichiers du kit ne sont pas encore construits sur ce site\u00a0: lancez `make offline` (ils sont écrits dans `dist/`), puis reconstruisez le site.",
    "downloads.offline": "Vous consultez la copie hors ligne. Les fichiers du kit sont listés sur le site en ligne\u00a0: ",
    "downloads.zip": "Site complet hors ligne (français et anglais), à décompresser",
    "downloads.pdf": "Livret PDF à imprimer",
    "downloads.epub": "Livre numérique EPUB",
    "downloads.zim": "Fichier ZIM pour Kiwix (français et anglais)",
    "downloads.units": "o Ko Mo Go",
    "language.fr": "français",
    "language.en": "anglais",
    "kit.description": "Ce que les syndicats disent de l'IA, chaque affirmation sourcée (FR/EN)",
    "kit.readme_name": "LISEZ-MOI.txt",
    "kit.readme": """Observatoire syndical de l'IA — copie hors ligne
=================================================

Édition du {date}. Version en ligne\u00a0: {url}

Pour ouvrir le site sans connexion\u00a0:
1. Décompressez ce fichier zip (clic droit > «\u00a0Extraire tout\u00a0» sous Windows,
   double-clic sous macOS, ou avec le gestionnaire de fichiers sous Android).
2. Ouvrez le dossier «\u00a0{folder}\u00a0» puis double-cliquez sur «\u00a0index.html\u00a0»\u00a0:
   le site s'ouvre dans votre navigateur (Firefox, Chrome, Edge, Safari).
3. Tout fonctionne sans réseau\u00a0: navigation, recherche en français et en anglais,
   changement de langue, citations et bibliographie.

Pour une formation\u00a0: copiez le dossier entier sur une clé USB. Sur un téléphone
Android, l'application Kiwix lit aussi le fichier .zim du kit.

Contenus sous licence CC BY-SA 4.0\u202f; les textes syndicaux cités restent
l'œuvre de leurs organisations.
""",
}

EN: dict[str, str] = {
    "read_in_text": "read in the text",
    "see_in_bibliography": "see in the bibliography",
    "divergence": "The sources disagree:",
    "permalink_title": "Permanent link to this claim",
    "copied": "Link copied",
    "colon": ":",
    "section_link": "Link to this section",
    "not_cited": "Not cited by any claim yet.",
    "online": "Online",
    "no_date": "n.d.",
    "undated": "undated",
    "cited_by_one": "Cited by 1 claim",
    "cited_by_many": "Cited by {count} claims",
    "full_text": "Read the full text",
    "all_references": "The whole bibliography",
    "more_references": "More references",
    "pages": "Pages",
    "reference_description": "The full reference and the claims of this site that cite it, page by page.",
    "pending_title": "Translation pending",
    "pending_banner": "This page has not been translated yet; the French original follows.",
    "moved": "This page has moved",
    "search": "Search",
    "and": "and",
    "months": "January February March April May June July August September October November December",
    "locale": "en_GB",
    "share.claim": "Share this claim",
    "share.page": "Share this page",
    "share.telegram": "Telegram",
    "share.mastodon": "Mastodon",
    "share.copy": "Copy link",
    "share.native": "Share…",
    "share.leaflet": "Copy for a leaflet",
    "share.claim_kicker": "Sourced claim",
    "share.sources": "Sources",
    "share.context": "Read in context",
    "share.leaflet_heading": "Text for a leaflet",
    "share.card_alt": "Share card: {title}",
    "share.feed_title": "What's new at the Trade Union AI Observatory",
    "palette.to_dark": "Switch to dark mode",
    "palette.to_light": "Switch to light mode",
    "updated": "Last updated",
    "lists.other_sources": "Other sources",
    "lists.none": "No claim of this kind yet.",
    "lists.general": "General",
    "lists.upcoming": "upcoming",
    "lists.filter": "Filter by theme",
    "lists.questions": "Questions to put to management",
    "lists.procedures": "Procedures and remedies",
    "lists.used_in": "In the texts",
    "lists.not_used": "Not used in a claim of the site yet.",
    "lists.source": "Source",
    "lists.value": "Value",
    "lists.item": "Item",
    "lists.see_claim": "see the claim",
    "feedback.report": "Report an error",
    "feedback.report_title": "Error: {claim}",
    "feedback.propose": "Propose a text",
    "feedback.propose_title": "Proposed text: ",
    "feedback.claim": "Claim",
    "feedback.address": "Address",
    "feedback.text": "Claim text",
    "feedback.problem": "What is wrong",
    "feedback.source": "What the union text says (passage, page)",
    "feedback.document": "The document (link, or attached file)",
    "feedback.organisation": "Organisation",
    "feedback.date": "Date of the document",
    "feedback.report_intro": "A wrong figure, quotation, date or link?",
    "feedback.report_public": "The form is public: do not write any phone number or e-mail address in it.",
    "feedback.propose_intro": "A leaflet, a statement to a staff committee, a report on AI: send it with its organisation and date, and we will add it once checked.",
    "feedback.guide": "Add a text yourself",
    "booklet.whole": "Complete booklet",
    "booklet.toc": "Contents",
    "booklet.bibliography": "References",
    "booklet.licence": "Content under CC BY-SA 4.0; the union texts quoted remain the work of their organisations.",
    "booklet.edition": "Edition of",
    "booklet.scan": "Online page",
    "booklet.texts": "From the texts of: ",
    "booklet.original_only": "French only",
    "booklet.original_only_text": "These pages have not been translated yet: they are in the French booklet, and online:",
    "downloads.file": "File",
    "downloads.what": "Content",
    "downloads.size": "Size",
    "downloads.date": "Date",
    "downloads.missing": "The kit's files are not built on this site yet: run `make offline` (it writes them into `dist/`), then rebuild the site.",
    "downloads.offline": "You are reading the offline copy. The kit's files are listed on the online site: ",
    "downloads.zip": "Whole site for offline use (French and English), to unzip",
    "downloads.pdf": "PDF booklet to print",
    "downloads.epub": "EPUB e-book",
    "downloads.zim": "ZIM file for Kiwix (French and English)",
    "downloads.units": "B KB MB GB",
    "language.fr": "French",
    "language.en": "English",
    "kit.description": "What trade unions say about AI, every claim with its source (FR/EN)",
    "kit.readme_name": "README.txt",
    "kit.readme": """Trade Union AI Observatory — offline copy
=========================================

Edition of {date}. Online version: {url}

To open the site with no connection:
1. Unzip this file (right click > "Extract all" on Windows, double-click on
   macOS, or with the file manager on Android).
2. Open the "{folder}" folder and double-click "index.html" (French) or
   "en/index.html" (English): the site opens in your browser.
3. Everything works with no network: navigation, search in French and in English,
   language switch, citations and bibliography.

For a training session: copy the whole folder to a USB stick. On an Android
phone, the Kiwix app also reads the kit's .zim file.

Content under CC BY-SA 4.0; the union texts quoted remain the work of their
organisations.
""",
}

STRINGS: dict[str, dict[str, str]] = {"fr": FR, "en": EN}


class MissingLanguageError(KeyError):
    """A site language without a table here."""


def text(lang: str, key: str) -> str:
    try:
        table = STRINGS[lang]
    except KeyError:
        raise MissingLanguageError(
            f"no interface strings for language {lang!r}: add a table to "
            "src/observatoire_ia/i18n.py (mkdocs.yml's i18n languages name it)"
        ) from None
    return table[key]
