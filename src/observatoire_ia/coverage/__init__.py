"""Coverage of the union texts by claims: which facts of a text no claim carries.

For each union text (a bibliography entry with a `sourcepage`), the French source page holds
the full text in anchored passages (`{: #p12 }`). From that text we extract every

- number (« 4,2 », « 300.000 », « 300 000 », « 65 % », « cinq fois », « deux tiers »),
- date (« 14 février 2025 », « 16/12/2025 », « 09/2025 », « 3 10 2024 », « Fév. 2025 »),
- named organisation, place or product (capitalised words and acronyms),
- quoted phrase (« … », "…", “…”),

and look for each one in the French claims that cite the text. A claim is read with the
bibliography entries it cites (their title, author, date, number…), because a citation
carries those facts too. Matching ignores case, accents, no-break spaces and the number
and date notations; a long quotation may be spread over several claims.

An explicit exclusion list (`sourcing/item-exclusions.yml`, each item with its reason)
removes page furniture and layout noise.

The modules, in the order the facts flow: normalise.py (text folded for comparison), items.py
(the facts of a text), matching.py (what a claim carries), exclusions.py (layout noise,
excluded with a reason) and report.py (every text and its gaps; scripts/coverage.py prints
it). Passage coverage (every passage cited by a locator) is passage_coverage.py.
"""
