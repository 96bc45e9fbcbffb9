"""Reader paths back to the project: « Signaler une erreur » on every claim, « Proposer un
texte » on the Sources page (observatoire/feedback)."""
