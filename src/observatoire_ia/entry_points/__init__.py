"""Entry points into the claims: demands, timeline, glossary, figures, toolkit, home page.

Each list is generated at build time from the claim registry (by tag), so it stays complete
as content grows; items link to the claims (one claim, one id), they never copy them.
"""
